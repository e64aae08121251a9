#!/usr/bin/env bash
# scripts/performance.sh — regenerate docs/performance.md (and docs/performance.svg) from one run
# on this machine: exhaustive checks of a scenario for 2-16 workers, dpor and dfs, each cell
# within a time budget, the estimate racelab gives before starting beyond it, every catalogue
# scenario at its own size, plain and with --symmetry (with callgrind's instruction count of each
# check when valgrind is installed; --no-callgrind: not), and a plot of CPU time against workers.
#
#   bash scripts/performance.sh                 # builds the release racelab, writes docs/
#   bash scripts/performance.sh --cell 30 --max-workers 12 --scenario stale-teardown
#   bash scripts/performance.sh --racelab build/release/bin/racelab --out /tmp/perf.md
#   bash scripts/performance.sh --symmetry --out /tmp/perf-symmetry.md   # every check reduced
#   bash scripts/performance.sh --relacy-bench build/relacy-rel/bin/racelab_relacy_bench
#       # adds "racelab vs Relacy" from one run of that benchmark (a build configured with
#       # -DRACELAB_RELACY_DIR=/path/to/relacy; docs/relacy.md §7), with callgrind's
#       # instructions per run / per iteration when valgrind is installed (--no-callgrind: not)
#
# Needs python3 (standard library only); the plot needs gnuplot (Debian:
# apt-get install gnuplot-nox) and is left out, saying so, without it. Takes about
# 2 × 4 × --cell per implementation in the worst case (minutes with the default 10 s), about a
# minute for the catalogue's callgrind counts, and with --relacy-bench about 3 minutes more
# (Relacy's whole searches, and callgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

racelab=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --racelab) racelab="$2"; shift 2 ;;
    --relacy-bench)
      # Checked before the release build below, which takes minutes.
      if [[ ! -f "${2:-}" || ! -x "${2:-}" ]]; then
        echo "performance: --relacy-bench ${2:-}: not an executable file (expected racelab_relacy_bench from a build configured with -DRACELAB_RELACY_DIR, e.g. build/relacy-rel/bin/racelab_relacy_bench)" >&2
        exit 2
      fi
      args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

for tool in python3; do
  command -v "$tool" >/dev/null || { echo "performance: $tool not found" >&2; exit 2; }
done
command -v gnuplot >/dev/null ||
  echo "performance: gnuplot not found: no plot (Debian: apt-get install gnuplot-nox)" >&2

if [[ -z "$racelab" ]]; then
  # Figures of a debug build say nothing about racelab: the release preset's, built here.
  cmake --preset release >/dev/null
  cmake --build --preset release --target racelab >/dev/null
  racelab=build/release/bin/racelab
fi
exec python3 scripts/performance.py --racelab "$racelab" "${args[@]}"
