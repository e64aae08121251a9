#!/usr/bin/env bash
# scripts/soak.sh — the whole test suite N times in a row with the other core kept busy, to catch
# tests that fail only now and then (timing, leftover files, ports, load). Not run by CI.
#
#   bash scripts/soak.sh            # 30 runs of the dev preset's tests
#   bash scripts/soak.sh 100 tsan   # 100 runs, tsan preset (built first if needed)
#   SOAK_CTEST_ARGS="-L cli" bash scripts/soak.sh 10
#
# While the tests run, one busy loop per extra core (all cores but one) competes with them, as
# another job on a shared CI machine would. The preset is built once (cmake --build), then
# `ctest --preset <p>` runs N times. At the end: one line per run, then every test that failed
# at least once with its failure count ("Stress.X: 2 of 30 runs"), and exit 1 if any did.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-30}
preset=${2:-dev}
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
cmake --preset "$preset" >/dev/null || exit 2
cmake --build "build/$preset" -j"$(nproc)" >/dev/null || exit 2

busy=()
cores=$(nproc)
for ((i = 1; i < cores || i == 1; i++)); do
  (while :; do :; done) &
  busy+=($!)
  [[ $cores -le 1 ]] && break
done
stop_busy() { for p in "${busy[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_busy EXIT
trap 'echo "soak: stopped after $((r - 1)) complete run(s)"; exit 130' INT TERM

logdir=build/$preset/soak
mkdir -p "$logdir"
declare -A failures=()  # initialised: under set -u an unset empty array is "unbound"
any=0
for ((r = 1; r <= runs; r++)); do
  log=$logdir/run-$r.log
  start=$(date +%s)
  # shellcheck disable=SC2086
  ctest --preset "$preset" ${SOAK_CTEST_ARGS:-} >"$log" 2>&1
  rc=$?
  failed=$(sed -n 's/^[[:space:]]*[0-9]* - \(.*\) (\(Failed\|Timeout\|SEGFAULT\|Subprocess aborted\|Exception\|Not Run\)).*$/\1/p' "$log")
  summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1)
  echo "run $r/$runs: ${summary:-no summary (exit $rc)} in $(($(date +%s) - start)) s"
  if [[ $rc -ne 0 ]]; then any=1; fi
  while IFS= read -r t; do
    [[ -z $t ]] && continue
    failures[$t]=$((${failures[$t]:-0} + 1))
  done <<<"$failed"
done

if [[ ${#failures[@]} -eq 0 && $any -eq 0 ]]; then
  echo "soak: $runs of $runs runs passed, no test failed ($preset, $((cores - 1)) busy core(s))"
  exit 0
fi
echo "soak: failures by test ($preset, logs in $logdir):"
for t in "${!failures[@]}"; do echo "  $t: ${failures[$t]} of $runs runs"; done | sort
exit 1
