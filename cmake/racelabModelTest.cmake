# racelab_add_model_test(NAME <name> SOURCES <file>... [EXPECT safe|violation]
#                        [LABELS <label>...] [TIMEOUT <seconds>] [MAX_STEPS <n>]
#                        [PREEMPTION_BOUND <k>] [MAX_SCHEDULES <n>] [ALL]
#                        [LIBRARIES <target>...])
#
# Builds a test of your own concurrent code under racelab's model (every interleaving) and
# registers it with CTest. The sources include racelab/sync.hpp (the code under test) and
# racelab/model/model_test.hpp (main: racelab::model::run_model_test); they are compiled with
# RACELAB_BACKEND_MODEL and linked with racelab::model and LIBRARIES.
#
#   EXPECT safe       (default) the test passes when no interleaving violates anything
#   EXPECT violation  it passes when a violation is found: the checker still catches a known bug
#   LABELS            added to the labels "racelab" and "model" (ctest -L racelab)
#   TIMEOUT           seconds (default 300): exhaustive exploration of a large body takes long
#   MAX_STEPS         steps per execution (default 20000) before it is a "step-limit" violation:
#                     a loop that may never end (polite threads) makes the search endless without it
#   PREEMPTION_BOUND  every interleaving with at most k preemptions: a bounded proof of a body
#                     whose full search is too large
#   MAX_SCHEDULES     stop after n schedules: a smoke test, not a proof (the output says so)
#   ALL               after a violation, search on through every interleaving (--all), so that
#                     the log lists every kind of violation; by default the search stops a
#                     bounded number of schedules after the first (the output says so)
#
# Shipped with the installed package (find_package(racelab) includes it) and defined by an
# add_subdirectory(racelab) as well. docs/ci.md shows it in a project.
function(racelab_add_model_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "ALL"
                        "NAME;EXPECT;TIMEOUT;MAX_STEPS;PREEMPTION_BOUND;MAX_SCHEDULES"
                        "SOURCES;LABELS;LIBRARIES")
  if(NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "racelab_add_model_test: NAME and SOURCES are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "racelab_add_model_test(${arg_NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS} "
                        "(accepted: NAME, SOURCES, EXPECT, LABELS, TIMEOUT, MAX_STEPS, "
                        "PREEMPTION_BOUND, MAX_SCHEDULES, ALL, LIBRARIES)")
  endif()
  if(NOT arg_EXPECT)
    set(arg_EXPECT safe)
  endif()
  if(NOT arg_EXPECT MATCHES "^(safe|violation)$")
    message(FATAL_ERROR "racelab_add_model_test(${arg_NAME}): EXPECT ${arg_EXPECT} (accepted: safe or violation)")
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 300)
  endif()

  add_executable(${arg_NAME} ${arg_SOURCES})
  target_link_libraries(${arg_NAME} PRIVATE racelab::model ${arg_LIBRARIES})
  target_compile_definitions(${arg_NAME} PRIVATE RACELAB_BACKEND_MODEL)
  target_compile_features(${arg_NAME} PRIVATE cxx_std_20)
  set(args)
  if(arg_EXPECT STREQUAL "violation")
    set(args --expect-violation)
  endif()
  if(arg_MAX_STEPS)
    list(APPEND args --max-steps ${arg_MAX_STEPS})
  endif()
  if(DEFINED arg_PREEMPTION_BOUND)
    list(APPEND args --preemption-bound ${arg_PREEMPTION_BOUND})
  endif()
  if(arg_MAX_SCHEDULES)
    list(APPEND args --max-schedules ${arg_MAX_SCHEDULES})
  endif()
  if(arg_ALL)
    list(APPEND args --all)
  endif()
  add_test(NAME ${arg_NAME} COMMAND ${arg_NAME} ${args})
  set_tests_properties(${arg_NAME} PROPERTIES LABELS "racelab;model;${arg_LABELS}"
                                              TIMEOUT ${arg_TIMEOUT})
endfunction()
