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

# clang-format formats copies, in one run per batch of files (starting it costs 0.1-0.2 s: a
# start per file took a minute), and one diff compares the trees: b/ holds the formatted copies
# under a root with this .clang-format, so --style=file reads the same style; a/ the originals.
if [[ $# -gt 0 ]]; then
  mapfile -t files < <(realpath -m --relative-to=. "$@")
  given=("$@")
  for i in "${!files[@]}"; do
    if [[ ${files[$i]} == ../* || ! -f ${files[$i]} ]]; then
      echo "format-check: ${given[$i]}: not a file of this repository" >&2
      exit 2
    fi
  done
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/a" "$scratch/b"
cp .clang-format "$scratch/b/"
tar cf "$scratch/files.tar" "${files[@]}"
tar xf "$scratch/files.tar" -C "$scratch/a"
tar xf "$scratch/files.tar" -C "$scratch/b"
(cd "$scratch/b" && printf '%s\0' "${files[@]}" | xargs -0 "$clang_format" --style=file -i) || exit 2

# Per file that differs: "path: N lines", N the lines clang-format would change (removed + added
# lines of the diff); with -v the diff itself. The last line of awk's output: "differ lines".
report=$(cd "$scratch" && diff -ru -x .clang-format a b | awk -v verbose=$verbose '
  function flush() { if (n > 0) { differ++; lines += n; print file ": " n " lines"; if (verbose) printf "%s", text } }
  /^diff -ru/ { flush(); file = substr($NF, 3); n = 0; text = ""; next }
  { if (verbose) text = text $0 "\n" }
  /^[-+][^-+]|^[-+]$/ { n++ }
  END { flush(); print differ + 0, lines + 0 }')
read -r differ lines <<<"$(tail -n 1 <<<"$report")"
sed '$d' <<<"$report"
echo "format-check: $differ of ${#files[@]} files differ from .clang-format ($lines changed lines, $("$clang_format" --version | grep -oE '[0-9]+\.[0-9.]+' | head -1))"
[[ $differ -eq 0 ]]
