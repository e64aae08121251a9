# tests/relacy_backend/usage_error_check.cmake — the Relacy driver's contract for bad input: nothing on
# stdout, exactly one line on stderr that matches EXPECT, exit status 2.
#
#   cmake -DTEST=<relacy_scenarios_buggy> -DARGS="--scenario;nope" -DEXPECT=<regex> -P usage_error_check.cmake
execute_process(COMMAND ${TEST} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX REPLACE "\n$" "" err_line "${err}")
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "usage_error_check: exit status ${rc}, expected 2\nstderr: ${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "usage_error_check: expected nothing on stdout, got:\n${out}")
endif()
if(err_line MATCHES "\n" OR NOT err_line MATCHES "${EXPECT}")
  message(FATAL_ERROR "usage_error_check: expected one line matching '${EXPECT}', got:\n${err}")
endif()
message(STATUS "rejected as expected: ${err_line}")
