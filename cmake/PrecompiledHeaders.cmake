# Precompiled headers, for build time, with clang: every target racelab defines precompiles the
# library headers that at least two of its own sources include (directly or through a header next
# to the source), when it has three sources or more: GoogleTest, nlohmann/json, CLI11, Google
# Benchmark and the C++ standard headers. Those are most of what a racelab file costs to parse
# (g++ 12 -g, a file including one header alone, the other core busy: <CLI/CLI.hpp> 10.8 s,
# <nlohmann/json.hpp> 5.6 s, <gtest/gtest.h> 3.8 s; parsing is 46% of tests/model/witness_test.cpp's
# compile; 84 test files include gtest). Each target gets its own header (no
# REUSE_FROM): the targets' flags differ (backend definitions, -O0 test drivers, sanitizers), and a
# precompiled header must match its user's.
#
# Measured, clean builds, 2 jobs: clang++ with ASan+UBSan, the engine, the command and the model,
# strategy and e2e tests: 458 s -> 312 s (923 -> 626 s of compiler CPU). g++ 12 gains nothing
# (dev, whole tree: 401 s without, 414 s with; its -g headers are 25-170 MB and every file
# loads one whole), so the default is on for clang only: the clang presets (tsan, asan-ubsan, tsa)
# build faster, and the dev preset (g++, every file compiled alone: the others are unity builds)
# still proves that every file includes what it uses (a forgotten #include <vector> would compile
# under a precompiled header or batched after a file that includes it, never there).
# Sources with flags of their own (set_source_files_properties) compile without the header.
# racelab's own headers are never precompiled: what they declare depends on the backend.
if(RACELAB_TOP_LEVEL AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(racelab_pch_default ON)
else()
  set(racelab_pch_default OFF)
endif()
option(RACELAB_PRECOMPILED_HEADERS "Precompile the library headers each target's sources share"
       ${racelab_pch_default})

# The <...> headers a file includes, and those its "..." headers next to it include (one level:
# src/cli's command headers bring CLI11 to the sources that include them).
function(racelab_angle_includes out file)
  file(STRINGS ${file} lines REGEX "^#include [<\"]")
  get_filename_component(dir ${file} DIRECTORY)
  set(found)
  foreach(line IN LISTS lines)
    if(line MATCHES "^#include <([^>]+)>")
      list(APPEND found ${CMAKE_MATCH_1})
    elseif(line MATCHES "^#include \"([^\"]+)\"")
      set(local ${dir}/${CMAKE_MATCH_1})  # (if() expands ${CMAKE_MATCH_1} before it matches)
      if(NOT EXISTS ${local})
        continue()
      endif()
      file(STRINGS ${local} nested REGEX "^#include <")
      foreach(n IN LISTS nested)
        if(n MATCHES "^#include <([^>]+)>")
          list(APPEND found ${CMAKE_MATCH_1})
        endif()
      endforeach()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES found)
  set(${out} ${found} PARENT_SCOPE)
endfunction()

# A header worth precompiling: a library racelab depends on, or a C++ standard header (a name
# without a dot). Not racelab's, not Boost's or the system's C headers.
function(racelab_precompilable out header)
  if(header MATCHES "^(gtest/gtest\\.h|nlohmann/json\\.hpp|CLI/CLI\\.hpp|benchmark/benchmark\\.h)$"
     OR header MATCHES "^[a-z_]+$")
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

# Call once, at the end of the top-level CMakeLists.txt, after every folder has been added
# (racelab_own_compiled_targets: cmake/Warnings.cmake).
function(racelab_apply_precompiled_headers)
  if(NOT RACELAB_PRECOMPILED_HEADERS)
    return()
  endif()
  racelab_own_compiled_targets(targets)
  foreach(target IN LISTS targets)
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    set(shared_sources)
    set(counted)
    foreach(source IN LISTS sources)
      if(NOT source MATCHES "\\.cpp$" OR source MATCHES "^\\$<")
        continue()
      endif()
      get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
      get_source_file_property(own_defs ${path} DIRECTORY ${source_dir} COMPILE_DEFINITIONS)
      get_source_file_property(own_opts ${path} DIRECTORY ${source_dir} COMPILE_OPTIONS)
      if(own_defs OR own_opts)
        set_source_files_properties(${path} DIRECTORY ${source_dir}
                                    PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
        continue()
      endif()
      list(APPEND shared_sources ${path})
      racelab_angle_includes(headers ${path})
      list(APPEND counted ${headers})
    endforeach()
    list(LENGTH shared_sources n)
    if(n LESS 3)
      continue()  # with one or two sources, building the header costs about what it saves
    endif()
    set(precompiled)
    set(seen)
    foreach(header IN LISTS counted)
      if(header IN_LIST seen)
        racelab_precompilable(wanted ${header})
        if(wanted AND NOT header IN_LIST precompiled)
          list(APPEND precompiled ${header})
        endif()
      else()
        list(APPEND seen ${header})
      endif()
    endforeach()
    if(precompiled)
      list(SORT precompiled)
      list(TRANSFORM precompiled REPLACE "^(.+)$" "<\\1>")
      target_precompile_headers(${target} PRIVATE ${precompiled})
    endif()
  endforeach()
endfunction()
