#!/usr/bin/env bash
# scripts/demo.sh — the one command for a newcomer: install what is missing, build the release
# preset's racelab command, and run `racelab demo` (arguments are passed on to it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# A build dir configured by another generator needs a fresh cache (the presets use Ninja).
fresh=()
if [[ -f build/release/CMakeCache.txt ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' build/release/CMakeCache.txt; then
  fresh=(--fresh)
fi
cmake --preset release "${fresh[@]}" >/dev/null
cmake --build --preset release --target racelab
exec build/release/bin/racelab demo "$@"
