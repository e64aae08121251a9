# One place for racelab's warnings: the interface target racelab_warnings carries
# -Wall -Wextra -Wpedantic (and -Werror with RACELAB_WERROR, which the CI presets set), and
# racelab_apply_warnings() links it into every target racelab defines, so a target added later
# in any folder gets them without asking. Third-party headers (gtest, benchmark, CLI11,
# nlohmann_json, Boost) come from imported targets, whose include directories are SYSTEM, so
# their warnings never count.
#
# Relacy targets (cmake/Relacy.cmake: compiled with RACELAB_BACKEND_RELACY against a checkout we
# do not own) keep their own flags.
add_library(racelab_warnings INTERFACE)
target_compile_options(racelab_warnings INTERFACE -Wall -Wextra -Wpedantic
                                                  $<$<BOOL:${RACELAB_WERROR}>:-Werror>)
# g++ 12 at -O2/-O3 (the release preset) reports a bogus -Wrestrict inside libstdc++ for
# `"c" + std::string` (GCC bug 105651: "[12 Regression] Bogus -Wrestrict on std::string
# operator+"): 13 sites in this tree, all `"<one char>" + <string temporary>`, none a real
# overlap. Only that compiler loses the warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(racelab_warnings INTERFACE -Wno-restrict)
endif()

# The targets of <dir> and of its subdirectories (the build tree, not the source tree: scenarios/
# is added from src/).
function(racelab_collect_targets out dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    racelab_collect_targets(sub_targets ${sub})
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# The targets racelab compiles with its own flags: every library and executable of the tree but
# the Relacy targets (cmake/Relacy.cmake: compiled with RACELAB_BACKEND_RELACY against a checkout
# we do not own, with that checkout's flags).
function(racelab_own_compiled_targets out)
  racelab_collect_targets(targets ${PROJECT_SOURCE_DIR})
  set(own)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES
       "^(STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    get_target_property(defs ${target} COMPILE_DEFINITIONS)
    if(NOT (defs AND "RACELAB_BACKEND_RELACY" IN_LIST defs))
      list(APPEND own ${target})
    endif()
  endforeach()
  set(${out} ${own} PARENT_SCOPE)
endfunction()

# Call once, at the end of the top-level CMakeLists.txt, after every folder has been added.
function(racelab_apply_warnings)
  racelab_own_compiled_targets(targets)
  foreach(target IN LISTS targets)
    # BUILD_INTERFACE: the flags are racelab's own; installed targets do not pass them on.
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:racelab_warnings>)
  endforeach()
endfunction()
