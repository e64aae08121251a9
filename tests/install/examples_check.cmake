# cmake -P examples_check.cmake: builds examples/ (a team's own project, docs/ci.md) against an
# installed racelab and checks its CTest results are as declared in examples/CMakeLists.txt:
# inventory_fixed and inventory_buggy_is_caught pass, inventory_buggy fails with the race.
# Variables: BUILD_DIR (racelab's), WORK (scratch, emptied first), EXAMPLES, GENERATOR, CXX,
# BUILD_TYPE, FLAGS (the sanitizer flags, space-separated), CTEST.
foreach(var BUILD_DIR WORK EXAMPLES GENERATOR CXX CTEST)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "examples_check.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  file(WRITE ${WORK}/${what}.log "${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${ARGN}\n${out}")
  endif()
endfunction()

run(install ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/prefix)
if(NOT EXISTS ${WORK}/prefix/lib/cmake/racelab/racelabModelTest.cmake)
  message(FATAL_ERROR "cmake --install did not install racelabModelTest.cmake")
endif()
run(configure ${CMAKE_COMMAND} -G ${GENERATOR} -S ${EXAMPLES} -B ${WORK}/examples
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE} "-DCMAKE_CXX_FLAGS=${FLAGS}"
    -DCMAKE_PREFIX_PATH=${WORK}/prefix -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run(build ${CMAKE_COMMAND} --build ${WORK}/examples)

# Every test once; then each result read from CTest's own JUnit report.
execute_process(COMMAND ${CTEST} --test-dir ${WORK}/examples --output-junit ${WORK}/results.xml
                        --output-on-failure
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
file(WRITE ${WORK}/ctest.log "${out}")
if(rc EQUAL 0)
  message(FATAL_ERROR "ctest passed every example test, but inventory_buggy must fail:\n${out}")
endif()
file(READ ${WORK}/results.xml junit)
foreach(expect "inventory_fixed:run" "inventory_buggy_is_caught:run" "inventory_buggy:fail")
  string(REPLACE ":" ";" parts ${expect})
  list(GET parts 0 name)
  list(GET parts 1 status)
  if(NOT junit MATCHES "<testcase name=\"${name}\"[^>]*status=\"${status}\"")
    message(FATAL_ERROR "${name}: expected status ${status} in CTest's report:\n${junit}\n${out}")
  endif()
endforeach()
string(REGEX MATCH "(violation|also found): data race on stock[^\n]*" race "${out}")
if(NOT race)
  message(FATAL_ERROR "inventory_buggy failed without naming the data race on stock:\n${out}")
endif()
# ALL reaches the test's command line as --all, and the overselling is listed beside the race.
execute_process(COMMAND ${CTEST} --test-dir ${WORK}/examples -N -V -R "^inventory_buggy$"
                OUTPUT_VARIABLE listed ERROR_VARIABLE listed)
if(NOT listed MATCHES "inventory_buggy[^\n]*--all")
  message(FATAL_ERROR "racelab_add_model_test(... ALL) did not pass --all:\n${listed}")
endif()
if(NOT out MATCHES "oversold: 2 sold from a stock of 1 in MainThread")
  message(FATAL_ERROR "inventory_buggy did not list the overselling:\n${out}")
endif()
message("OK: examples/ as declared: inventory_fixed passed, inventory_buggy_is_caught passed, "
        "inventory_buggy failed (${race})")
