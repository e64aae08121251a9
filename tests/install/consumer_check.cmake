# cmake -P consumer_check.cmake: builds and runs tests/install/consumer/ against racelab, as a
# user's project would, with the compiler, build type and sanitizer flags of racelab's build.
#
#   -DMODE=find_package     cmake --install BUILD_DIR into WORK/prefix, then the consumer finds
#                           it with find_package(racelab CONFIG REQUIRED)
#   -DMODE=add_subdirectory the consumer add_subdirectory()s SOURCE_DIR; its configure output
#                           must not mention Relacy (racelab as a subproject is the library alone)
#
# Other variables: SOURCE_DIR, BUILD_DIR (racelab's), WORK (scratch, emptied first), CONSUMER
# (the consumer's source), GENERATOR, CXX, BUILD_TYPE, FLAGS (the sanitizer flags, space-separated).
# Passes when the consumer exits 0: DPOR found the lost-update counter's data race.
foreach(var MODE SOURCE_DIR BUILD_DIR WORK CONSUMER GENERATOR CXX)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "consumer_check.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# run(<what> <command...>): runs the command, keeps its output in WORK/<what>.log and in
# `output`, and stops the test with that output when it fails.
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  file(WRITE ${WORK}/${what}.log "${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${ARGN}\n${out}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

set(configure_args -G ${GENERATOR} -S ${CONSUMER} -B ${WORK}/consumer
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} "-DCMAKE_CXX_FLAGS=${FLAGS}")

if(MODE STREQUAL "find_package")
  run(install ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
  foreach(file include/racelab/sync.hpp include/racelab/model/explore.hpp
               lib/cmake/racelab/racelabConfig.cmake lib/cmake/racelab/racelabConfigVersion.cmake)
    if(NOT EXISTS ${WORK}/prefix/${file})
      message(FATAL_ERROR "cmake --install did not install ${file}")
    endif()
  endforeach()
  # A build with the suite installs the racelab command, and it runs from the prefix.
  if(EXISTS ${BUILD_DIR}/bin/racelab)
    run(installed_cli ${WORK}/prefix/bin/racelab --help)
  endif()
  # Only the prefix: the consumer must not find racelab's build tree (racelabTargets.cmake there).
  run(configure ${CMAKE_COMMAND} ${configure_args} -DCMAKE_PREFIX_PATH=${WORK}/prefix
      -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(MODE STREQUAL "add_subdirectory")
  # The libraries compile again here, batched (CMAKE_UNITY_BUILD, as the release preset): the
  # property checked is racelab as a subproject, which batching does not change.
  run(configure ${CMAKE_COMMAND} ${configure_args} -DRACELAB_SOURCE_DIR=${SOURCE_DIR}
      -DCMAKE_UNITY_BUILD=ON)
  string(REGEX MATCH "[^\n]*[Rr]elacy[^\n]*" relacy_line "${output}")
  if(relacy_line)
    message(FATAL_ERROR "racelab as a subproject must not look for Relacy; configure said:\n"
                        "  ${relacy_line}\n${output}")
  endif()
  # racelab as a subproject defines the libraries only: none of the suite's folders is added.
  foreach(folder scenarios src/harness src/cli src/verdicts tests bench)
    if(EXISTS ${WORK}/consumer/racelab/${folder})
      message(FATAL_ERROR "racelab as a subproject added its ${folder}/ folder (expected the libraries alone)")
    endif()
  endforeach()
else()
  message(FATAL_ERROR "consumer_check.cmake: MODE=${MODE}: expected find_package or add_subdirectory")
endif()

run(build ${CMAKE_COMMAND} --build ${WORK}/consumer --target counter_check)
run(counter_check ${WORK}/consumer/counter_check)
message("${output}")
