# racelab_add_model_test(NAME <name> SOURCES <file>... [EXPECT safe|violation]
#                        [LABELS <label>...] [TIMEOUT <seconds>] [MAX_STEPS <n>]
#                        [PREEMPTION_BOUND <k>] [MAX_SCHEDULES <n>] [SPURIOUS_WAKEUPS <n>]
#                        [SYMMETRY] [ALL] [WEAK_MEMORY_FAILS] [LIBRARIES <target>...])
#
# Builds a test of your own concurrent code under racelab's model (every interleaving) and
# registers it with CTest. The sources include racelab/sync.hpp (the code under test) and
# racelab/model/model_test.hpp (main: racelab::model::run_model_test); they are compiled with
# RACELAB_BACKEND_MODEL and linked with racelab::model and LIBRARIES.
#
#   EXPECT safe       (default) the test passes when no interleaving violates anything
#   EXPECT violation  it passes when a violation is found: the checker still catches a known bug
#   LABELS            added to the labels "racelab" and "model" (ctest -L racelab)
#   TIMEOUT           seconds, 1 or more (default 300): exhaustive exploration of a large body
#                     takes long
#   MAX_STEPS         steps per execution, 1..1000000 (default 20000), before it is a "step-limit"
#                     violation: a loop that may never end (polite threads) makes the search
#                     endless without it
#   PREEMPTION_BOUND  every interleaving with at most k preemptions (0..1000): a bounded proof of
#                     a body whose full search is too large
#   MAX_SCHEDULES     stop after n schedules (1..1000000000000): a smoke test, not a proof (the
#                     output says so)
#   SPURIOUS_WAKEUPS  condition_variable wake-ups without a notify per thread and execution
#                     (0..1000, default 1): 0 cuts the search, but then a wait that does not
#                     re-check its condition is not caught
#   SYMMETRY          one interleaving per class of those that differ only by renaming threads
#                     tagged interchangeable (--symmetry)
#   ALL               after a violation, search on through every interleaving (--all), so that
#                     the log lists every kind of violation; by default the search stops a
#                     bounded number of schedules after the first (the output says so)
#   WEAK_MEMORY_FAILS a weak-memory note (atomics whose memory orders allow outcomes the model
#                     does not run: store buffering, relaxed message passing; docs/model-library.md
#                     section 8) fails the test (--weak-memory-fails): a passed test's note is
#                     read by nobody in CI
#
# A number that is not a whole number in its range, or a keyword without its value, stops the
# configure with one message naming the value and what is accepted (not the test, at run time).
# Shipped with the installed package (find_package(racelab) includes it) and defined by an
# add_subdirectory(racelab) as well. docs/ci.md shows it in a project.

# FATAL_ERROR unless `value` is a whole decimal number from lo to hi (hi "-": no upper bound, the
# TIMEOUT's seconds).
function(_racelab_model_test_number test keyword value lo hi)
  if(hi STREQUAL "-")
    set(accepted "a whole number of seconds, ${lo} or more")
  else()
    set(accepted "a whole number from ${lo} to ${hi}")
  endif()
  string(LENGTH "${value}" digits)
  if(value STREQUAL "")
    message(FATAL_ERROR "racelab_add_model_test(${test}): ${keyword} needs a value "
                        "(accepted: ${accepted})")
  elseif(NOT value MATCHES "^[0-9]+$" OR digits GREATER 15 OR value LESS lo
         OR (NOT hi STREQUAL "-" AND value GREATER hi))
    message(FATAL_ERROR "racelab_add_model_test(${test}): ${keyword} '${value}' "
                        "(accepted: ${accepted})")
  endif()
endfunction()

function(racelab_add_model_test)
  set(numbers TIMEOUT MAX_STEPS PREEMPTION_BOUND MAX_SCHEDULES SPURIOUS_WAKEUPS)
  cmake_parse_arguments(PARSE_ARGV 0 arg "ALL;SYMMETRY;WEAK_MEMORY_FAILS" "NAME;EXPECT;${numbers}"
                        "SOURCES;LABELS;LIBRARIES")
  if(NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "racelab_add_model_test: NAME and SOURCES are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "racelab_add_model_test(${arg_NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS} "
                        "(accepted: NAME, SOURCES, EXPECT, LABELS, TIMEOUT, MAX_STEPS, "
                        "PREEMPTION_BOUND, MAX_SCHEDULES, SPURIOUS_WAKEUPS, SYMMETRY, ALL, WEAK_MEMORY_FAILS, "
                        "LIBRARIES)")
  endif()
  # Each number: keyword, lowest, highest ("-": none) — the ranges model_test.hpp's flags take.
  foreach(number "TIMEOUT;1;-" "MAX_STEPS;1;1000000" "PREEMPTION_BOUND;0;1000"
                 "MAX_SCHEDULES;1;1000000000000" "SPURIOUS_WAKEUPS;0;1000")
    list(GET number 0 keyword)
    list(GET number 1 lo)
    list(GET number 2 hi)
    # Given, with a value or without one ("TIMEOUT" alone, or "TIMEOUT ${unset}" quoted). A
    # match, not IN_LIST or list(FIND): no policy of the including project changes it.
    if(";${ARGV};" MATCHES ";${keyword};")
      _racelab_model_test_number("${arg_NAME}" ${keyword} "${arg_${keyword}}" "${lo}" "${hi}")
    endif()
  endforeach()
  if(";${ARGV};" MATCHES ";EXPECT;" AND "${arg_EXPECT}" STREQUAL "")
    message(FATAL_ERROR "racelab_add_model_test(${arg_NAME}): EXPECT needs a value "
                        "(accepted: safe or violation)")
  endif()
  if(NOT arg_EXPECT)
    set(arg_EXPECT safe)
  endif()
  if(NOT arg_EXPECT MATCHES "^(safe|violation)$")
    message(FATAL_ERROR "racelab_add_model_test(${arg_NAME}): EXPECT ${arg_EXPECT} (accepted: safe or violation)")
  endif()
  if(NOT DEFINED arg_TIMEOUT)
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
  if(DEFINED arg_MAX_STEPS)
    list(APPEND args --max-steps ${arg_MAX_STEPS})
  endif()
  if(DEFINED arg_PREEMPTION_BOUND)
    list(APPEND args --preemption-bound ${arg_PREEMPTION_BOUND})
  endif()
  if(DEFINED arg_MAX_SCHEDULES)
    list(APPEND args --max-schedules ${arg_MAX_SCHEDULES})
  endif()
  if(DEFINED arg_SPURIOUS_WAKEUPS)
    list(APPEND args --spurious-wakeups ${arg_SPURIOUS_WAKEUPS})
  endif()
  if(arg_SYMMETRY)
    list(APPEND args --symmetry)
  endif()
  if(arg_ALL)
    list(APPEND args --all)
  endif()
  if(arg_WEAK_MEMORY_FAILS)
    list(APPEND args --weak-memory-fails)
  endif()
  add_test(NAME ${arg_NAME} COMMAND ${arg_NAME} ${args})
  set_tests_properties(${arg_NAME} PROPERTIES LABELS "racelab;model;${arg_LABELS}"
                                              TIMEOUT ${arg_TIMEOUT})
endfunction()
