#!/usr/bin/env bash
# scripts/fuzz.sh — the long fuzz run (CI runs only a short pass: ctest -L fuzz, asan-ubsan).
#
#   bash scripts/fuzz.sh                 # every target, 1 hour each, 2 jobs
#   bash scripts/fuzz.sh 600 token cli   # 10 minutes each, these targets only
#   FUZZ_JOBS=1 bash scripts/fuzz.sh 300
#
# Builds the libFuzzer targets (tests/fuzz) in the asan-ubsan preset (clang 14, ASan + UBSan),
# fuzzes each target from its checked-in seed corpus (tests/fuzz/corpus/<target>), keeps what it
# learns in build/asan-ubsan/tests/fuzz/found/<target>, and stops at the first crash, leak or
# timeout with the input that caused it (crash-*, leak-*, timeout-* in that folder). A crash found
# becomes a regression test: copy the input into tests/fuzz/corpus/<target>/ (ctest runs every
# file there: fuzz.<target>.corpus), fix the bug, commit both.
# Prints one line per target: executions, seconds, and the result. Exit 1 on any finding.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-3600}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(token replay cli)
jobs=${FUZZ_JOBS:-2}

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake --preset asan-ubsan >/dev/null || exit 2
mkdir -p build/asan-ubsan/tests/fuzz/found
build_log=build/asan-ubsan/tests/fuzz/found/build.log
# shellcheck disable=SC2046
if ! cmake --build build/asan-ubsan -j"$jobs" $(printf -- '--target racelab_fuzz_%s ' "${targets[@]}") \
  >"$build_log" 2>&1; then
  tail -20 "$build_log"
  echo "fuzz: the build failed (see $build_log)"
  exit 2
fi

status=0
for t in "${targets[@]}"; do
  found=build/asan-ubsan/tests/fuzz/found/$t
  mkdir -p "$found"
  log=$found/fuzz.log
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "build/asan-ubsan/bin/racelab_fuzz_$t" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$found/" \
    "$found" "tests/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [[ $rc -eq 0 ]]; then
    echo "fuzz $t: ${runs:-?} executions in ${seconds} s, no crash, hang or leak"
  else
    echo "fuzz $t: FOUND a problem after ${runs:-?} executions (exit $rc); see $log and $found/"
    status=1
  fi
done
exit $status
