#!/usr/bin/env bash
# scripts/jobs-speedup.sh — what `racelab check --jobs 2` buys on this machine: the wall time of
# one exhaustive check with --jobs 1 and with --jobs 2, measured in the same invocation, and the
# ratio. Also checks that both reports are the same (every field but runs and elapsed_ms).
#
#   bash scripts/jobs-speedup.sh [RACELAB] [CHECK ARGS...]
#   bash scripts/jobs-speedup.sh build/release/bin/racelab no-proxies --impl fixed --workers 8
#
# A measurement, not a test: run it on an otherwise idle machine (other jobs on the cores skew
# it). Defaults: build/release/bin/racelab, no-proxies --impl fixed --workers 8.
set -euo pipefail
racelab=${1:-build/release/bin/racelab}
shift || true
args=("$@")
[[ ${#args[@]} -gt 0 ]] || args=(no-proxies --impl fixed --workers 8)
[[ -x $racelab ]] || { echo "jobs-speedup.sh: no racelab at $racelab (build it first)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
seconds() {  # wall seconds of one check, its JSON in $out/$1.json
  local start end
  start=$(date +%s.%N)
  "$racelab" check "${args[@]}" --jobs "$1" --json > "$out/$1.json" || [[ $? -eq 1 ]]
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
one=$(seconds 1)
two=$(seconds 2)
python3 - "$out/1.json" "$out/2.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for j in (a, b):
    j.pop("runs"); j.pop("elapsed_ms")
if a != b:
    sys.exit("jobs-speedup.sh: --jobs 1 and --jobs 2 reports differ")
print(f"same report: {a['verdict']}, {a['schedules']} schedules, traces {a.get('traces', '-')}")
PY
printf 'racelab check %s\n--jobs 1: %.2f s   --jobs 2: %.2f s   speed-up: %.2fx (%s cores)\n' \
  "${args[*]}" "$one" "$two" "$(echo "$one / $two" | bc -l)" "$(nproc)"
