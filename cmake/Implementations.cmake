# racelab_add_impl(<impl> <backend>): builds one implementation folder (buggy, fixed, complete)
# against one facade backend (real, model), as library racelab_<impl>_<backend>
# (alias racelab::<impl>_<backend>). The sources are the same for every backend; only the
# facade mapping and the namespace (racelab::<impl>::<backend>) differ.
# exercise/ is the student's copy of buggy/ (docs/tutorial.md); it builds like the others.
set(RACELAB_IMPLEMENTATIONS buggy fixed complete exercise)

# racelab_use_impl(<target> <impl> <backend>): compiles <target>'s own sources as code of that
# implementation on that backend (RACELAB_IMPL, the backend macro, the folder on the include
# path). Private on purpose: a consumer that links several implementations or backends must not
# inherit one's macros.
function(racelab_use_impl target impl backend)
  target_compile_definitions(${target} PRIVATE RACELAB_IMPL=${impl})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/${impl})
  if(backend STREQUAL "model")
    target_compile_definitions(${target} PRIVATE RACELAB_BACKEND_MODEL)
  elseif(NOT backend STREQUAL "real")
    message(FATAL_ERROR "racelab_use_impl: unknown backend '${backend}' (real, model)")
  endif()
endfunction()

function(racelab_add_impl impl backend)
  set(target racelab_${impl}_${backend})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${impl}/*.cpp)
  add_library(${target} STATIC ${sources})
  add_library(racelab::${impl}_${backend} ALIAS ${target})
  racelab_use_impl(${target} ${impl} ${backend})
  # The student's files compile alone even in the unity presets (CMakePresets.json): batched, two
  # private helpers of the same name in two of their files would fail to compile, far from what
  # they changed.
  if(impl STREQUAL "exercise")
    set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
  endif()
  target_link_libraries(${target} PUBLIC racelab::registry)
  if(backend STREQUAL "model")
    target_link_libraries(${target} PUBLIC racelab::model)
  endif()
  # Lock discipline proved at compile time where the folder declares it (fixed/, complete/).
  if(RACELAB_THREAD_SAFETY_ANALYSIS)
    target_compile_options(${target} PRIVATE -Wthread-safety -Wthread-safety-beta -Werror)
  endif()
endfunction()
