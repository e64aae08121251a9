# tests/relacy_backend/replay_check.cmake — a failing Relacy run prints a state string; running again
# with --replay STATE must fail the same way, at the same iteration, with the same violations.
#
#   cmake -DTEST=<relacy_scenarios_buggy> -DARGS="--scenario;no-proxies;..." -P replay_check.cmake
execute_process(COMMAND ${TEST} ${ARGS} --quiet OUTPUT_VARIABLE first)
if(NOT first MATCHES "replay: [^\n]* --replay '([^']*)'")
  message(FATAL_ERROR "replay_check: the run printed no replay state:\n${first}")
endif()
set(state "${CMAKE_MATCH_1}")
execute_process(COMMAND ${TEST} ${ARGS} --quiet --replay "${state}" OUTPUT_VARIABLE again)
set(verdict_re "(relacy [^\n]*: [A-Z ]+ [(]declared[^\n]*) · iterations=([0-9]+)")
foreach(run first again)
  if(NOT ${run} MATCHES "${verdict_re}")
    message(FATAL_ERROR "replay_check: no verdict line in:\n${${run}}")
  endif()
  set(${run}_verdict "${CMAKE_MATCH_1}")
  set(${run}_iteration "${CMAKE_MATCH_2}")
  string(REGEX MATCH "violations: [^\n]*" ${run}_violations "${${run}}")
endforeach()
if(NOT first_verdict STREQUAL again_verdict OR NOT first_iteration STREQUAL again_iteration
   OR NOT first_violations STREQUAL again_violations)
  message(FATAL_ERROR "replay_check: replaying '${state}' did not reproduce the failure\n"
                      "first:  ${first_verdict} at iteration ${first_iteration} ${first_violations}\n"
                      "replay: ${again_verdict} at iteration ${again_iteration} ${again_violations}")
endif()
message(STATUS "replayed '${state}': ${again_verdict} at iteration ${again_iteration} ${again_violations}")
