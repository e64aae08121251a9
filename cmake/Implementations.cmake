# racelab_add_impl(<impl> <backend>): builds one implementation folder (buggy, fixed, complete)
# against one facade backend (real, model), as library racelab_<impl>_<backend>
# (alias racelab::<impl>_<backend>). The sources are the same for every backend; only the
# facade mapping and the namespace (racelab::<impl>::<backend>) differ.
set(RACELAB_IMPLEMENTATIONS buggy fixed complete)

function(racelab_add_impl impl backend)
  set(target racelab_${impl}_${backend})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${impl}/*.cpp)
  add_library(${target} STATIC ${sources})
  add_library(racelab::${impl}_${backend} ALIAS ${target})
  target_compile_definitions(${target} PUBLIC RACELAB_IMPL=${impl})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/${impl})
  if(backend STREQUAL "model")
    target_compile_definitions(${target} PUBLIC RACELAB_BACKEND_MODEL)
    target_link_libraries(${target} PUBLIC racelab::model racelab::registry)
  elseif(backend STREQUAL "real")
    target_link_libraries(${target} PUBLIC racelab::common racelab::registry)
  else()
    message(FATAL_ERROR "racelab_add_impl: unknown backend '${backend}' (real, model)")
  endif()
  # Lock discipline proved at compile time where the folder declares it (fixed/, complete/).
  if(RACELAB_THREAD_SAFETY_ANALYSIS)
    target_compile_options(${target} PRIVATE -Wthread-safety -Wthread-safety-beta -Werror)
  endif()
endfunction()
