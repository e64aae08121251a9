#!/usr/bin/env bash
# scripts/format-check.sh — which C++ files differ from .clang-format, without changing any.
#
#   bash scripts/format-check.sh            # every tracked *.cpp / *.hpp: one line per file that
#                                           # differs ("path: N lines"), then a total
#   bash scripts/format-check.sh -v         # the same with the diffs
#   bash scripts/format-check.sh FILE...    # only these files
#   CLANG_FORMAT=clang-format-14 bash scripts/format-check.sh
#
# Exit status: 0 when every file is formatted, 1 when some differ, 2 when clang-format is missing.
# To reformat: clang-format -i <files> (the lead does it once, when nobody else is editing).
set -uo pipefail
cd "$(dirname "$0")/.."

verbose=0
if [[ ${1:-} == -v ]]; then
  verbose=1
  shift
fi

clang_format=${CLANG_FORMAT:-}
if [[ -z $clang_format ]]; then
  for candidate in clang-format clang-format-14; do
    if command -v "$candidate" >/dev/null; then
      clang_format=$candidate
      break
    fi
  done
fi
if [[ -z $clang_format ]] || ! command -v "$clang_format" >/dev/null; then
  echo "format-check: clang-format not found (Debian package clang-format)" >&2
  exit 2
fi

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
fi

differ=0 lines=0
for f in "${files[@]}"; do
  # Lines of the file that clang-format would change (removed + added lines of the diff).
  d=$("$clang_format" --style=file "$f" | diff -u "$f" -)
  n=$(grep -cE '^[-+][^-+]|^[-+]$' <<<"$d")
  if [[ $n -gt 0 ]]; then
    differ=$((differ + 1))
    lines=$((lines + n))
    echo "$f: $n lines"
    [[ $verbose -eq 1 ]] && echo "$d"
  fi
done
echo "format-check: $differ of ${#files[@]} files differ from .clang-format ($lines changed lines, $("$clang_format" --version | grep -oE '[0-9]+\.[0-9.]+' | head -1))"
[[ $differ -eq 0 ]]
