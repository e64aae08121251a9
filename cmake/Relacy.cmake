# Relacy Race Detector backend: optional, found by path, never copied in.
#
#   cmake -DRACELAB_RELACY_DIR=/path/to/relacy ...     (a checkout of github.com/dvyukov/relacy)
#   RACELAB_RELACY_DIR=/path/to/relacy bash scripts/test-all.sh   (the environment, when the
#                                                                 cache variable is empty)
#
# builds every scenario against Relacy's rl:: types (include/racelab/sync/relacy.hpp) as the
# tests in tests/relacy_backend (label: relacy). Relacy is header-only and in no package
# registry, so the user points at a checkout, as for any optional library. Without one, or with a
# toolchain it does not support, the targets are skipped with one line saying why, and CTest
# reports a skipped test (RelacyTargetsSkipped). A path that is not a Relacy checkout, or a Relacy racelab's backend
# does not compile against, fails configure with the path and what was expected.
#
# Sets RACELAB_RELACY_ENABLED (ON/OFF) and RACELAB_RELACY_SKIP_REASON, and defines
# racelab_add_relacy_executable(<target> <impl> <sources...>).
#
# Toolchains (measured against dvyukov/relacy 9f25438): g++ 12 builds it at C++20. clang 14 does
# not: at C++20 Relacy takes std::source_location from <source_location> on __cplusplus alone,
# and libstdc++ 12 only defines it for compilers with __builtin_source_location (clang >= 15).
# racelab is C++20, and Relacy has no switch to turn that use off, so with such a compiler the
# targets are skipped (the probe below decides, so a newer clang is used when it works).

set(RACELAB_RELACY_ENABLED OFF)
set(RACELAB_RELACY_SKIP_REASON "")

macro(racelab_relacy_skip level reason)
  set(RACELAB_RELACY_SKIP_REASON "${reason}")
  message(${level} "racelab: Relacy targets skipped: ${reason}")
  return()
endmacro()

# The environment variable lets scripts/test-all.sh and scripts/demo.sh take a checkout without
# new flags; an explicit -D wins.
if(NOT RACELAB_RELACY_DIR AND NOT "$ENV{RACELAB_RELACY_DIR}" STREQUAL "")
  set(RACELAB_RELACY_DIR "$ENV{RACELAB_RELACY_DIR}" CACHE PATH
      "A Relacy Race Detector checkout; empty skips the Relacy targets" FORCE)
endif()
if(NOT RACELAB_RELACY_DIR)
  racelab_relacy_skip(STATUS
    "RACELAB_RELACY_DIR is not set. Configure with -DRACELAB_RELACY_DIR=/path/to/relacy (a checkout of github.com/dvyukov/relacy), or set it in the environment, to build and run them")
endif()

# ---- the path: a Relacy checkout, or fail naming what was expected ----------------------------
get_filename_component(RACELAB_RELACY_DIR "${RACELAB_RELACY_DIR}" ABSOLUTE)
if(NOT EXISTS "${RACELAB_RELACY_DIR}/relacy/relacy.hpp")
  if(EXISTS "${RACELAB_RELACY_DIR}/relacy.hpp")
    get_filename_component(parent "${RACELAB_RELACY_DIR}" DIRECTORY)
    message(FATAL_ERROR "racelab: RACELAB_RELACY_DIR=${RACELAB_RELACY_DIR} is Relacy's header folder; "
                        "point at the checkout that contains it: -DRACELAB_RELACY_DIR=${parent}")
  endif()
  message(FATAL_ERROR "racelab: RACELAB_RELACY_DIR=${RACELAB_RELACY_DIR} is not a Relacy checkout: "
                      "expected ${RACELAB_RELACY_DIR}/relacy/relacy.hpp (a checkout of "
                      "github.com/dvyukov/relacy: the folder that holds relacy/, test/ and example/)")
endif()
foreach(header relacy/dyn_thread.hpp relacy/stdlib/mutex.hpp relacy/stdlib/condition_variable.hpp
               relacy/full_search_scheduler.hpp relacy/context_bound_scheduler.hpp)
  if(NOT EXISTS "${RACELAB_RELACY_DIR}/${header}")
    message(FATAL_ERROR "racelab: RACELAB_RELACY_DIR=${RACELAB_RELACY_DIR}: ${header} is missing. "
                        "racelab needs a Relacy with dynamic threads, std-style mutexes and "
                        "condition variables and its three schedulers (dvyukov/relacy, 2024 or later)")
  endif()
endforeach()

# ---- the toolchain -------------------------------------------------------------------------
# Relacy runs every thread as a ucontext fiber on one OS thread; the sanitizers do not follow
# those stack switches (ThreadSanitizer would see one thread, AddressSanitizer false positives).
if(RACELAB_SANITIZER)
  racelab_relacy_skip(WARNING
    "RACELAB_SANITIZER=${RACELAB_SANITIZER}: Relacy's fibers and the sanitizers do not mix. Use a build without sanitizers (e.g. the dev or release preset) for the Relacy targets")
endif()

# Relacy is a search: its speed decides which schedulers finish in CI time, so its targets are
# optimised in every build type. -include puts racelab/sync/relacy.hpp (and with it Relacy's
# replacement operator new and fibers) before any standard header, as Relacy requires.
set(RACELAB_RELACY_FLAGS -O2 -include ${PROJECT_SOURCE_DIR}/include/racelab/sync/relacy.hpp)

# racelab_relacy_compile(<target>): compile <target>'s sources against Relacy (its folder as a
# system include, the flags above), each file alone even in a unity build (the release preset):
# Relacy's macros and its replacement allocator reach a whole translation unit, so a file is
# compiled as Relacy's own tests are; and no CI machine has Relacy, so batching would save no CI
# time. (A unity build of these targets was tried once: the suites' failures then were the
# backend's own, the same without batching, since fixed; batching itself was not re-measured.)
function(racelab_relacy_compile target)
  target_include_directories(${target} SYSTEM PRIVATE ${RACELAB_RELACY_DIR})
  target_compile_options(${target} PRIVATE ${RACELAB_RELACY_FLAGS})
  set_target_properties(${target} PROPERTIES UNITY_BUILD OFF)
endfunction()

# ---- the probe: racelab's backend against this Relacy, with this compiler ---------------------
# Compiles (no link) a small Relacy test that uses every part of the facade. Failing means the
# Relacy version lacks something the backend relies on, or the compiler cannot build Relacy.
set(probe_dir ${PROJECT_BINARY_DIR}/relacy-probe)
file(WRITE ${probe_dir}/probe.cpp [=[
#include "racelab/sync.hpp"
namespace probe {
namespace sync = racelab::sync;
struct Probe : rl::test_suite<Probe, 1> {
  static const rl::thread_id_t dynamic_thread_count = 1;
  sync::iteration_scope scope{{1, sync::access_model::cxx_memory_model, sync::heap_model::plain}};
  void thread(unsigned) {
    sync::mutex m{"m"};
    sync::shared<int> cell{"cell", 0};
    sync::blocking_queue<int> q{"q"};
    sync::thread t("worker", [&] {
      sync::lock_guard g(m);
      cell.write("w", [](int& v) { ++v; });
      q.put(1);
    });
    scope.wait_until_quiescent();
    t.join();
    q.close();
  }
};
bool probe() {
  rl::test_params p;
  p.search_type = rl::fair_context_bound_scheduler_type;
  p.initial_state = "";
  return rl::simulate<Probe>(p) && p.final_state.empty();
}
}  // namespace probe
]=])
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)  # compile only: racelab's libraries are not built yet
try_compile(relacy_probe_ok ${probe_dir}/build
  SOURCES ${probe_dir}/probe.cpp
  CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${PROJECT_SOURCE_DIR}/include;${RACELAB_RELACY_DIR}"
  COMPILE_DEFINITIONS -DRACELAB_BACKEND_RELACY ${RACELAB_RELACY_FLAGS}
  CXX_STANDARD 20
  CXX_STANDARD_REQUIRED ON
  CXX_EXTENSIONS OFF
  OUTPUT_VARIABLE probe_output)
unset(CMAKE_TRY_COMPILE_TARGET_TYPE)
if(NOT relacy_probe_ok)
  string(REGEX MATCH "[^\n]*error:[^\n]*" first_error "${probe_output}")
  file(WRITE ${probe_dir}/probe.log "${probe_output}")
  set(toolchain "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND probe_output MATCHES "source_location")
    racelab_relacy_skip(WARNING
      "${toolchain} cannot build Relacy at C++20 (it needs std::source_location, which this compiler's standard library does not provide to it). Configure a build with g++ for the Relacy targets, e.g. cmake --preset release -DRACELAB_RELACY_DIR=${RACELAB_RELACY_DIR}")
  endif()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    racelab_relacy_skip(WARNING
      "${toolchain} cannot build racelab's Relacy backend (first error: ${first_error}; full log: ${probe_dir}/probe.log). Configure a build with g++ for the Relacy targets")
  endif()
  message(FATAL_ERROR "racelab: RACELAB_RELACY_DIR=${RACELAB_RELACY_DIR}: racelab's Relacy backend "
                      "(include/racelab/sync/relacy.hpp) does not compile against this Relacy with "
                      "${toolchain}. Expected dvyukov/relacy with rl::test_params::final_state, "
                      "dynamic threads and context::park_current_thread (tested: 9f25438, Feb 2026). "
                      "First error: ${first_error}\nFull log: ${probe_dir}/probe.log")
endif()

set(RACELAB_RELACY_ENABLED ON)
message(STATUS "racelab: Relacy targets enabled: ${RACELAB_RELACY_DIR} (${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}, C++20, flags: -O2 -include racelab/sync/relacy.hpp)")

# racelab_add_relacy_executable(<target> <impl> <sources...>): an executable whose sources, and
# the implementation folder's own sources (<impl>/*.cpp), are compiled against Relacy. The
# registry's bookkeeping (racelab::registry, racelab::common) is linked as built normally: it
# uses no Relacy type, and Relacy runs every thread on one OS thread.
function(racelab_add_relacy_executable target impl)
  file(GLOB impl_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${impl}/*.cpp)
  add_executable(${target} ${ARGN} ${impl_sources})
  target_compile_definitions(${target} PRIVATE RACELAB_BACKEND_RELACY RACELAB_IMPL=${impl})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/${impl})
  racelab_relacy_compile(${target})
  target_link_libraries(${target} PRIVATE racelab::registry racelab::common)
endfunction()
