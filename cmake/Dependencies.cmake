# Every dependency is a Debian package; a missing one fails configure with the package to install.
find_package(Threads REQUIRED)

macro(racelab_require pkg debian)
  find_package(${pkg} ${ARGN} QUIET)
  if(NOT ${pkg}_FOUND)
    message(FATAL_ERROR "racelab: ${pkg} not found. Install it with: sudo apt-get install ${debian}  (or run scripts/setup.sh)")
  endif()
endmacro()

# Fibers for the model backend: Boost.Context switches in ~6 ns (glibc swapcontext ~250 ns).
racelab_require(boost_context libboost-context-dev CONFIG)
if(RACELAB_BUILD_CLI)
  racelab_require(CLI11 libcli11-dev CONFIG)
  racelab_require(nlohmann_json nlohmann-json3-dev CONFIG)
endif()
if(RACELAB_BUILD_TESTS)
  racelab_require(GTest googletest)
endif()
if(RACELAB_BUILD_BENCHMARKS)
  racelab_require(benchmark libbenchmark-dev CONFIG)
endif()
