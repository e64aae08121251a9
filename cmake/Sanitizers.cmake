# One concern: sanitizer and analysis flags for every target (cpp-best-practices/cmake_template).
if(RACELAB_SANITIZER)
  if(NOT RACELAB_SANITIZER MATCHES "^(thread|address,undefined|address|undefined)$")
    message(FATAL_ERROR "racelab: RACELAB_SANITIZER='${RACELAB_SANITIZER}' is not one of: thread, address,undefined")
  endif()
  # RACELAB_SANITIZER_FLAGS: the same flags as one list, for builds racelab's tests drive
  # themselves (tests/install builds a consumer project that links racelab's sanitized libraries).
  set(RACELAB_SANITIZER_FLAGS -fsanitize=${RACELAB_SANITIZER} -fno-omit-frame-pointer -g)
  if(RACELAB_SANITIZER MATCHES "undefined")
    list(APPEND RACELAB_SANITIZER_FLAGS -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${RACELAB_SANITIZER_FLAGS})
  add_link_options(-fsanitize=${RACELAB_SANITIZER})
else()
  set(RACELAB_SANITIZER_FLAGS "")
endif()

# Thread-safety analysis is clang's; with another compiler the preset would prove nothing.
if(RACELAB_THREAD_SAFETY_ANALYSIS AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "racelab: RACELAB_THREAD_SAFETY_ANALYSIS needs clang (set CMAKE_CXX_COMPILER=clang++)")
endif()
