# cmake -P model_test_args_check.cmake: racelab_add_model_test()'s arguments are checked when the
# project is configured. Each call runs in a cmake -P script of its own that includes MODULE
# (cmake/racelabModelTest.cmake) with the commands that need a project (add_executable,
# add_test, ...) replaced by stubs printing what they were given, so no compiler is needed:
#   * a bad number (TIMEOUT abc, MAX_STEPS 0, a keyword without its value, ...) stops it with a
#     FATAL_ERROR naming the keyword, the value and what is accepted (once TIMEOUT abc passed
#     silently: CTest ran the test with no timeout at all);
#   * good values reach the test's command line and its TIMEOUT property.
# Variables: MODULE, WORK (scratch, emptied first).
foreach(var MODULE WORK)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "model_test_args_check.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# call(<name> <arguments, as written in a CMakeLists.txt>): runs racelab_add_model_test(NAME
# <name> <arguments> SOURCES t.cpp) and leaves its exit code in `rc` and its output, on one line
# (CMake wraps messages), in `said`.
set(n 0)
function(call name arguments)
  math(EXPR n "${n} + 1")
  set(n ${n} PARENT_SCOPE)
  set(script ${WORK}/call${n}.cmake)
  file(WRITE ${script} "cmake_minimum_required(VERSION 3.25)\ninclude(${MODULE})\n")
  foreach(stub add_executable target_link_libraries target_compile_definitions
               target_compile_features add_test set_tests_properties)
    file(APPEND ${script} "function(${stub})\n  message(\"${stub}: \${ARGN}\")\nendfunction()\n")
  endforeach()
  file(APPEND ${script} "racelab_add_model_test(NAME ${name} ${arguments} SOURCES t.cpp)\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -P ${script} RESULT_VARIABLE code
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REGEX REPLACE "[ \n]+" " " out "${out}")
  set(rc ${code} PARENT_SCOPE)
  set(said "${out}" PARENT_SCOPE)
endfunction()

# refused(<arguments> <expected message>): the call stops the configure, saying the message.
function(refused arguments expected)
  call(mine "${arguments}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "racelab_add_model_test(... ${arguments}) was accepted:\n${said}")
  endif()
  string(FIND "${said}" "racelab_add_model_test(mine): ${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "racelab_add_model_test(... ${arguments}) did not say "
                        "'${expected}':\n${said}")
  endif()
  set(n ${n} PARENT_SCOPE)
endfunction()

refused("TIMEOUT abc" "TIMEOUT 'abc' (accepted: a whole number of seconds, 1 or more)")
refused("TIMEOUT 0" "TIMEOUT '0' (accepted: a whole number of seconds, 1 or more)")
refused("TIMEOUT -5" "TIMEOUT '-5' (accepted")
refused("TIMEOUT 1.5" "TIMEOUT '1.5' (accepted")
refused("TIMEOUT" "TIMEOUT needs a value (accepted: a whole number of seconds, 1 or more)")
refused("TIMEOUT \"\"" "TIMEOUT needs a value")
refused("MAX_STEPS 0" "MAX_STEPS '0' (accepted: a whole number from 1 to 1000000)")
refused("MAX_STEPS 1000001" "MAX_STEPS '1000001' (accepted")
refused("PREEMPTION_BOUND two" "PREEMPTION_BOUND 'two' (accepted: a whole number from 0 to 1000)")
refused("MAX_SCHEDULES 0" "MAX_SCHEDULES '0' (accepted: a whole number from 1 to 1000000000000)")
refused("MAX_SCHEDULES 99999999999999999999" "MAX_SCHEDULES '99999999999999999999' (accepted")
refused("SPURIOUS_WAKEUPS -1" "SPURIOUS_WAKEUPS '-1' (accepted: a whole number from 0 to 1000)")
refused("EXPECT" "EXPECT needs a value (accepted: safe or violation)")
refused("EXPECT maybe" "EXPECT maybe (accepted: safe or violation)")
refused("TIMOUT 60" "unknown arguments TIMOUT;60")  # (after SOURCES, a typo is a source file)

# Good values: each flag on the test's command line, TIMEOUT as the test's property.
call(good "EXPECT violation TIMEOUT 60 MAX_STEPS 24 PREEMPTION_BOUND 0 MAX_SCHEDULES 7 \
SPURIOUS_WAKEUPS 0 SYMMETRY ALL WEAK_MEMORY_FAILS")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "racelab_add_model_test with good values failed:\n${said}")
endif()
foreach(expected "add_test: NAME;good;COMMAND;good;--expect-violation;--max-steps;24;"
                 "--preemption-bound;0;--max-schedules;7;--spurious-wakeups;0;--symmetry;--all;"
                 "--weak-memory-fails"
                 "TIMEOUT;60")
  string(FIND "${said}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "racelab_add_model_test with good values: '${expected}' missing:\n${said}")
  endif()
endforeach()
# The defaults: no flag, TIMEOUT 300.
call(plain "")
string(FIND "${said}" "add_test: NAME;plain;COMMAND;plain set_tests_properties" at_flags)
string(FIND "${said}" "TIMEOUT;300" at_timeout)
if(NOT rc EQUAL 0 OR at_flags EQUAL -1 OR at_timeout EQUAL -1)
  message(FATAL_ERROR "racelab_add_model_test with the defaults:\n${said}")
endif()
message("OK: racelab_add_model_test refuses bad numbers at configure time")
