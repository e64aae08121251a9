#!/usr/bin/env bash
# Regenerates the measured verdict table in docs/verdicts.md from racelab-verdicts (model
# backend, exhaustive dpor over every scenario × implementation). The test
# VerdictTableInDocsIsCurrent fails when the doc and the tool disagree.
#   scripts/update-verdicts.sh [build-dir]      (default: build/dev)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
cmake --build "$build" --target racelab-verdicts >/dev/null
table=$(mktemp)
trap 'rm -f "$table"' EXIT
"$build/bin/racelab-verdicts" >"$table"
awk -v table="$table" '
  /<!-- verdicts:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- verdicts:end -->/   { skip = 0 }
  !skip                     { print }
' docs/verdicts.md >docs/verdicts.md.new
mv docs/verdicts.md.new docs/verdicts.md
echo "docs/verdicts.md updated from $build/bin/racelab-verdicts"
