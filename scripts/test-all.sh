#!/usr/bin/env bash
# scripts/test-all.sh — the whole suite, as CI runs it: setup, then configure + build + ctest for
# every preset this machine supports, a summary per preset, and a last line
# "N passed, N failed, N skipped" over all of them. Exit status 0 only when nothing failed.
#
#   bash scripts/test-all.sh                         # dev tsan asan-ubsan tsa release
#   RACELAB_PRESETS="dev tsan" bash scripts/test-all.sh
#
# Each preset runs what CMakePresets.json's test preset selects: the whole suite in dev and
# asan-ubsan, all but a few tests that repeat dev's in release and tsan (the presets' descriptions
# say which and why; the clang-format check only in dev), the thread-safety tests alone in tsa
# (its worth is its build, every file under -Wthread-safety -Werror).
# A preset whose compiler is missing is reported as skipped, never silently dropped. A preset
# that does not configure or build counts as one failure. Build logs: build/<preset>/test-all-*.log;
# JUnit per preset: build/<preset>/junit.xml.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1

read -r -a presets <<<"${RACELAB_PRESETS:-dev tsan asan-ubsan tsa release}"

# The compiler each preset names (CMakePresets.json). asan-ubsan uses clang++ too: with both
# sanitizers g++ 12 compiles this tree 2-3x slower (measured: 305 s vs 137 s for src/cli/app.cpp).
compiler_of() {
  case "$1" in
    tsan | tsa | asan-ubsan) echo clang++ ;;
    *) echo g++ ;;
  esac
}

now() { date +%s; }

# ctest's summary lines → "passed failed skipped seconds"
parse_ctest() {
  local log=$1 total failed skipped seconds
  total=$(sed -nE 's/.*tests passed, [0-9]+ tests? failed out of ([0-9]+).*/\1/p' "$log" | tail -1)
  failed=$(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of [0-9]+.*/\1/p' "$log" | tail -1)
  skipped=$(grep -cE '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$log")
  seconds=$(sed -nE 's/^Total Test time \(real\) = +([0-9.]+) sec.*/\1/p' "$log" | tail -1)
  total=${total:-0} failed=${failed:-0} skipped=${skipped:-0}
  echo "$((total - failed - skipped)) $failed $skipped ${seconds:-0}"
}

sum_passed=0 sum_failed=0 sum_skipped=0
summary=()
start_all=$(now)

for preset in "${presets[@]}"; do
  dir="build/$preset"
  compiler=$(compiler_of "$preset")
  echo
  echo "=== $preset ==="
  if ! command -v "$compiler" >/dev/null; then
    echo "$preset: skipped ($compiler not found)"
    summary+=("$(printf '%-11s skipped: %s not found' "$preset" "$compiler")")
    continue
  fi
  mkdir -p "$dir"
  # A build dir made by another generator (an old Makefiles configure) or with another compiler
  # needs a fresh cache.
  fresh=()
  if [[ -f "$dir/CMakeCache.txt" ]] &&
    { ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$dir/CMakeCache.txt" ||
      ! grep -qE "^CMAKE_CXX_COMPILER:[A-Z]+=(.*/)?${compiler//+/\\+}$" "$dir/CMakeCache.txt"; }; then
    fresh=(--fresh)
  fi

  t0=$(now)
  if ! cmake --preset "$preset" "${fresh[@]}" >"$dir/test-all-configure.log" 2>&1; then
    tail -n 40 "$dir/test-all-configure.log"
    echo "$preset: configure FAILED (log: $dir/test-all-configure.log)"
    summary+=("$(printf '%-11s configure FAILED' "$preset")")
    sum_failed=$((sum_failed + 1))
    continue
  fi
  t1=$(now)
  if ! cmake --build --preset "$preset" >"$dir/test-all-build.log" 2>&1; then
    grep -E 'error|FAILED' "$dir/test-all-build.log" | head -n 40
    echo "$preset: build FAILED after $(($(now) - t1)) s (log: $dir/test-all-build.log)"
    summary+=("$(printf '%-11s build FAILED' "$preset")")
    sum_failed=$((sum_failed + 1))
    continue
  fi
  t2=$(now)
  ctest --preset "$preset" --output-junit junit.xml 2>&1 | tee "$dir/test-all-ctest.log"
  t3=$(now)

  read -r passed failed skipped seconds <<<"$(parse_ctest "$dir/test-all-ctest.log")"
  if [[ $((passed + failed + skipped)) -eq 0 ]]; then
    echo "$preset: ctest ran no test"
    failed=1
  fi
  sum_passed=$((sum_passed + passed))
  sum_failed=$((sum_failed + failed))
  sum_skipped=$((sum_skipped + skipped))
  summary+=("$(printf '%-11s %4d passed %3d failed %3d skipped   configure %4ds  build %5ds  tests %7ss' \
    "$preset" "$passed" "$failed" "$skipped" $((t1 - t0)) $((t2 - t1)) "$seconds")")
done

echo
echo "=== summary ($(($(now) - start_all)) s) ==="
printf '%s\n' "${summary[@]}"
echo "$sum_passed passed, $sum_failed failed, $sum_skipped skipped"
[[ $sum_failed -eq 0 ]]
