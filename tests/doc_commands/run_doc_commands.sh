#!/usr/bin/env bash
# tests/doc_commands/run_doc_commands.sh — every shell command the docs show is run, so that no
# page can teach a command that no longer works.
#
#   run_doc_commands.sh <racelab binary> <repository root>
#
# Reads every ```sh block of README.md, docs/**/*.md and course/**/*.md. Each command line runs
# in bash, with the racelab under test first on PATH, from a scratch folder that mirrors the
# repository's top level (files a command writes land there), stdin empty, 120 s at most. A
# command passes when it exits 0 or 1 (1: racelab found the violation the page is about); 2 (bad
# usage), 3, a signal or a timeout fail the test and are named with their page and line. A line
# ending in a backslash continues on the next; `build/<preset>/bin/racelab` is the racelab under
# test.
#
# A line that builds, installs or runs the suite (bash scripts/, cmake, ctest, git clone, sudo,
# apt-get) in an unmarked block fails the test without running. Not run, and counted:
#   - a block right after a line `<!-- doc-commands: not run — <reason> -->` (builds a preset,
#     installs packages, clones: minutes, or the network); the reason is required;
#   - `export PATH=...` lines (the test puts the binary under test on PATH itself);
#   - lines with a placeholder such as <token> or <id>;
#   - comment lines.
# Terminal sessions (a plain ``` or ```console block whose first line starts with "$ ") run too; see
# check_transcript. A block after `<!-- doc-commands: output not checked — <reason> -->` runs
# but its output is not compared (real threads: counts vary).
# Shown output: when a block holds one command and the next fence in its section is a plain ```
# block, every line shown there (trimmed; lines with "..." or "…" are excerpts and skipped) must
# appear in the command's output, in order.
set -uo pipefail
racelab=${1:?usage: run_doc_commands.sh <racelab binary> <repository root>}
root=${2:?usage: run_doc_commands.sh <racelab binary> <repository root>}
racelab=$(realpath "$racelab")
root=$(realpath "$root")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The sources only: never build/, so that nothing a page runs can touch a build tree.
for entry in "$root"/* "$root"/.ci; do
  [[ -e $entry && $(basename "$entry") != build ]] && ln -s "$entry" "$scratch/$(basename "$entry")"
done
mkdir -p "$scratch/bin"
ln -s "$racelab" "$scratch/bin/racelab"

ran=0 skipped_blocks=0 skipped_lines=0 checked_outputs=0 failures=0
fail() {
  echo "FAIL $1"
  failures=$((failures + 1))
}

# Runs one command line; prints its output to the file $2. Returns its exit status.
run_line() {
  (cd "$scratch" && PATH="$scratch/bin:$PATH" timeout 120 bash -c "$1" </dev/null >"$2" 2>&1)
}

# Every line shown in file $1 (expected) appears in file $2 (actual), in order.
shown_in_order() {
  local expected=$1 actual=$2 want line_no=0 got
  mapfile -t lines <"$actual"
  while IFS= read -r want; do
    want=$(sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' <<<"$want")
    [[ -z $want || $want == *"..."* || $want == *"…"* ]] && continue
    local found=0
    while ((line_no < ${#lines[@]})); do
      got=$(sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' <<<"${lines[line_no]}")
      line_no=$((line_no + 1))
      if [[ $got == "$want" ]]; then
        found=1
        break
      fi
    done
    ((found)) || {
      echo "  not in the output (in order): $want"
      return 1
    }
  done <"$expected"
}

# A shown output line that cannot be compared: an excerpt ("…", "...") or a duration.
volatile() {
  [[ $1 == *"..."* || $1 == *"…"* ]] || [[ $1 =~ [0-9]\ ?(ms|s)([^a-z]|$) ]]
}

# A plain ``` block that starts with "$ ": a terminal session. Each "$ command" runs (any exit
# status but a signal's or the timeout's), and the lines up to the next "$ " are what it must print
# (stdout and stderr together), in order, durations and excerpts aside. "$ echo $?" is checked
# against the previous command's exit status. Uses and advances `i` (at the opening fence).
check_transcript() {
  local start=$((i + 1)) marker="" cmd="" status=0 where out="$scratch/.out"
  ((i > 0)) && marker=${text[i - 1]}
  ((i > 1)) && [[ -z $marker ]] && marker=${text[i - 2]}
  local -a session=()
  i=$((i + 1))
  while ((i < n)) && [[ ${text[i]} != '```' ]]; do
    session+=("${text[i]}")
    i=$((i + 1))
  done
  i=$((i + 1))
  if [[ $marker == '<!-- doc-commands: not run'* ]]; then
    skipped_blocks=$((skipped_blocks + 1))
    return
  fi
  local check_output=1
  [[ $marker == '<!-- doc-commands: output not checked'* ]] && check_output=0
  local k=0 total=${#session[@]}
  while ((k < total)); do
    cmd=${session[k]#\$ }
    where="$page:$((start + k + 1))"
    k=$((k + 1))
    : >"$scratch/.shown"
    while ((k < total)) && [[ ${session[k]} != '$ '* ]]; do
      volatile "${session[k]}" || printf '%s\n' "${session[k]}" >>"$scratch/.shown"
      k=$((k + 1))
    done
    if [[ $cmd == 'echo $?' ]]; then
      echo "$status" >"$out"
    else
      run_line "$cmd" "$out"
      status=$?
      ran=$((ran + 1))
      # racelab's own codes (0-5: docs/cli.md's table; stress's 4 "missed" depends on how real
      # threads happened to interleave) are the page's to show; 124 is timeout's, 128+ a signal.
      if ((status >= 124)); then
        fail "$where: exit $status (a signal or the 120 s timeout): $cmd"
        continue
      fi
    fi
    ((check_output)) || continue
    if shown_in_order "$scratch/.shown" "$out"; then
      checked_outputs=$((checked_outputs + 1))
    else
      fail "$where: the output the page shows is not what it prints: $cmd"
    fi
  done
}

mapfile -t pages < <(cd "$root" && { ls README.md; find docs course -name '*.md' | sort; })
for page in "${pages[@]}"; do
  mapfile -t text <"$root/$page"
  n=${#text[@]}
  i=0
  while ((i < n)); do
    if [[ ${text[i]} == '```' || ${text[i]} == '```console' ]] && ((i + 1 < n)) &&
      [[ ${text[i + 1]} == '$ '* ]]; then
      check_transcript
      continue
    fi
    if [[ ${text[i]} != '```sh' ]]; then
      i=$((i + 1))
      continue
    fi
    start=$((i + 1))
    marker=""
    ((i > 0)) && marker=${text[i - 1]}
    ((i > 1)) && [[ -z $marker ]] && marker=${text[i - 2]}
    block=()
    i=$((i + 1))
    while ((i < n)) && [[ ${text[i]} != '```' ]]; do
      block+=("${text[i]}")
      i=$((i + 1))
    done
    i=$((i + 1))
    if [[ $marker == '<!-- doc-commands: not run'* ]]; then
      if [[ ! $marker =~ not\ run\ —\ .+\ --\>$ ]]; then
        fail "$page:$start: a not-run marker needs its reason: <!-- doc-commands: not run — why -->"
      fi
      skipped_blocks=$((skipped_blocks + 1))
      continue
    fi
    # The next fence in the same section, if it is a plain ``` block: output shown for a
    # one-command block (the prose in between says what it shows).
    j=$i
    while ((j < n)) && [[ ${text[j]} != '```'* && ${text[j]} != '#'* ]]; do j=$((j + 1)); done
    shown=()
    if ((j < n)) && [[ ${text[j]} == '```' ]]; then
      j=$((j + 1))
      while ((j < n)) && [[ ${text[j]} != '```' ]]; do
        shown+=("${text[j]}")
        j=$((j + 1))
      done
    fi
    commands=0
    for line in "${block[@]}"; do
      [[ -z ${line// /} || $line =~ ^[[:space:]]*# || $line == *'\' ]] || commands=$((commands + 1))
    done
    offset=0
    pending=""
    for line in "${block[@]}"; do
      offset=$((offset + 1))
      where="$page:$((start + offset))"
      [[ -z ${line// /} || $line =~ ^[[:space:]]*# ]] && continue
      # A line ending in a backslash goes on: run the command once it is whole.
      if [[ $line == *'\' ]]; then
        pending+="${line%\\} "
        continue
      fi
      line="$pending$line"
      pending=""
      # The racelab of any build folder is the racelab under test.
      line=$(sed -E 's#^build/[a-z-]+/bin/racelab( |$)#racelab\1#' <<<"$line")
      if [[ $line =~ ^export\ PATH= || $line =~ \<[a-z-]+\> ]]; then
        skipped_lines=$((skipped_lines + 1))
        continue
      fi
      # Never build, install or run the suite from inside the suite: such a block needs its marker.
      if [[ $line =~ ^(bash\ scripts/|cmake\ |ctest\ |git\ clone|sudo\ |apt-get\ |RACELAB_RELACY_DIR=) ]]; then
        fail "$where: builds, installs or runs the suite; mark its block <!-- doc-commands: not run — why -->: $line"
        continue
      fi
      out="$scratch/.out"
      run_line "$line" "$out"
      status=$?
      ran=$((ran + 1))
      if ((status > 1)); then
        fail "$where: exit $status: $line"
        head -n 5 "$out" | sed 's/^/  | /'
        continue
      fi
      if ((commands == 1 && ${#shown[@]} > 0)); then
        printf '%s\n' "${shown[@]}" >"$scratch/.shown"
        if shown_in_order "$scratch/.shown" "$out"; then
          checked_outputs=$((checked_outputs + 1))
        else
          fail "$where: the output the page shows is not what it prints: $line"
        fi
      fi
    done
  done
done

echo "doc commands: $ran run, $checked_outputs shown outputs checked, $skipped_blocks blocks not run" \
  "(marked, with their reason), $skipped_lines lines skipped (export PATH, placeholders);" \
  "$failures failed"
((ran > 0)) || fail "no command found in the docs"
((failures == 0))
