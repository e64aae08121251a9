#!/usr/bin/env bash
# scripts/check-render.sh — checks racelab's review renderings with real tools.
#
#   scripts/check-render.sh --install                 installs the tools (npm mermaid-cli; says
#                                                     which Debian packages to add)
#   scripts/check-render.sh --mermaid [RACELAB]       every failing schedule's `--format markdown`
#                                                     through mermaid-cli (Mermaid's own parser
#                                                     and renderer, in headless Chromium)
#   scripts/check-render.sh --svg [RACELAB]           every `--format svg` through xmllint
#   scripts/check-render.sh --screenshot [RACELAB] [OUT_DIR]
#                                                     PNG screenshots of the SVGs in headless
#                                                     Chromium, to look at
#
# RACELAB defaults to build/dev/bin/racelab. The renderings are made for every scenario ×
# implementation that the catalogue declares a violation for, from the shortest failing schedule
# `racelab check --first --json` reports. Exit 0: all valid; 1: a rendering is invalid; 77: a
# tool is missing (ctest counts that as skipped, and the message says what to install).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${RACELAB_RENDER_TOOLS:-$HOME/.cache/racelab-render}"
mmdc="$tools/node_modules/.bin/mmdc"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"

skip() { echo "check-render: skipped: $*" >&2; exit 77; }
fail() { echo "check-render: FAIL: $*" >&2; exit 1; }

install_tools() {
  command -v npm >/dev/null ||
    { echo "install Node.js and npm first (Debian: apt-get install nodejs npm)"; exit 1; }
  mkdir -p "$tools"
  # Puppeteer must not download its own browser: it uses Debian's chromium.
  (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
      @mermaid-js/mermaid-cli puppeteer)
  [ -n "$chromium" ] || echo "also: apt-get install chromium   (headless renderer)"
  command -v xmllint >/dev/null || echo "also: apt-get install libxml2-utils   (xmllint)"
  echo "tools in $tools"
}

mode="${1:-}"
case "$mode" in
  --install) install_tools; exit 0 ;;
  --mermaid|--svg|--screenshot) ;;
  *) echo "usage: $0 --install | --mermaid [RACELAB] | --svg [RACELAB]" \
          "| --screenshot [RACELAB] [OUT_DIR]" >&2
     exit 2 ;;
esac
racelab="${2:-$here/build/dev/bin/racelab}"
if [ ! -x "$racelab" ]; then
  echo "check-render: no racelab binary at $racelab (build it, or pass its path)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Screenshots are for looking at: they stay in build/render-check unless told otherwise.
if [ "$mode" = --screenshot ]; then out_dir="${3:-$here/build/render-check}"; else out_dir="${3:-$work}"; fi
mkdir -p "$out_dir"

# A JSON field reader: node or python3, whichever is installed (jq is not assumed).
json_eval() {  # json_eval EXPRESSION < json; `j` is the document (JavaScript, or Python)
  if command -v node > /dev/null; then
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);
      const r=('"$1"');console.log(Array.isArray(r)?r.join("\n"):r)})'
  elif command -v python3 > /dev/null; then
    python3 -c 'import json,sys; j=json.load(sys.stdin); r=('"$1"'); print("\n".join(r) if isinstance(r,list) else r)'
  else
    skip "neither node nor python3 is installed to read racelab's JSON"
  fi
}

# Every (scenario, impl) declared to have a violation, one "scenario impl" per line.
pairs() {
  "$racelab" list --json > "$work/list.json"
  if command -v node > /dev/null; then
    json_eval 'j.flatMap(s=>s.implementations.filter(i=>s.expected[i]=="violation").map(i=>s.id+" "+i))' < "$work/list.json"
  else
    json_eval '[s["id"]+" "+i for s in j for i in s["implementations"] if s["expected"][i]=="violation"]' < "$work/list.json"
  fi
}

render_all() {  # render_all FORMAT EXT: writes $out_dir/<scenario>-<impl>.<ext>; prints the paths
  local format="$1" ext="$2" scenario impl token file
  while read -r scenario impl; do
    # --first: the shortest failing schedule is all a rendering needs, not every outcome.
    "$racelab" check "$scenario" --impl "$impl" --first --json > "$work/check.json" || true
    token="$(json_eval 'j["schedule"]' < "$work/check.json" 2> /dev/null)" || token=""
    [ -n "$token" ] && [ "$token" != undefined ] ||
      fail "$scenario --impl $impl: check found no failing schedule to render"
    file="$out_dir/$scenario-$impl.$ext"
    # replay exits 1 for a violating schedule: that is the point here, not an error.
    "$racelab" replay "$scenario" --impl "$impl" --schedule "$token" --format "$format" \
      > "$file" || [ $? -eq 1 ]
    echo "$file"
  done < <(pairs)
  [ -s "$work/list.json" ] || fail "racelab list --json printed nothing"
}

case "$mode" in
  --mermaid)
    [ -x "$mmdc" ] || skip "mermaid-cli not found in $tools (run: $0 --install)"
    [ -n "$chromium" ] || skip "chromium not found (apt-get install chromium)"
    config="$work/puppeteer.json"
    printf '{"executablePath": "%s", "args": ["--no-sandbox", "--disable-gpu"]}\n' "$chromium" > "$config"
    # First make sure the tool can say no: a broken diagram must fail, or a pass means nothing.
    printf '```mermaid\nsequenceDiagram\n    T0->>: broken arrow\n```\n' > "$work/broken.md"
    if "$mmdc" -q -p "$config" -i "$work/broken.md" -o "$work/broken-out.md" > /dev/null 2>&1; then
      fail "mermaid-cli accepted a broken diagram: it is not checking anything"
    fi
    render_all markdown md > "$work/list"
    count=0
    while read -r md; do
      grep -q '^```mermaid$' "$md" || fail "$md has no mermaid block"
      # mmdc parses every ```mermaid block with Mermaid's own parser and renders it; a syntax
      # error makes it exit non-zero with the parser's message.
      if ! "$mmdc" -q -p "$config" -i "$md" -o "$work/rendered.md" > "$work/mmdc.log" 2>&1; then
        cat "$work/mmdc.log" >&2
        fail "$md is not a valid Mermaid diagram"
      fi
      ls "$work"/rendered-*.svg > /dev/null 2>&1 || fail "mermaid-cli rendered nothing for $md"
      rm -f "$work"/rendered-*.svg
      count=$((count + 1))
      echo "ok  mermaid  $(basename "$md")"
    done < "$work/list"
    echo "check-render: $count Markdown review comments parsed and rendered by mermaid-cli"
    ;;
  --svg)
    command -v xmllint > /dev/null || skip "xmllint not found (apt-get install libxml2-utils)"
    render_all svg svg > "$work/list"
    count=0
    while read -r svg; do
      xmllint --noout "$svg" || fail "$svg is not well-formed XML"
      root="$(xmllint --xpath 'concat(namespace-uri(/*), " ", local-name(/*))' "$svg")"
      [ "$root" = "http://www.w3.org/2000/svg svg" ] || fail "$svg: root is '$root', not an SVG <svg>"
      count=$((count + 1))
      echo "ok  svg      $(basename "$svg")"
    done < "$work/list"
    echo "check-render: $count SVG documents well-formed with an SVG root"
    ;;
  --screenshot)
    [ -n "$chromium" ] || skip "chromium not found (apt-get install chromium)"
    render_all svg svg > "$work/list"
    while read -r svg; do
      size="$(grep -o 'viewBox="0 0 [0-9]* [0-9]*"' "$svg" | head -1 | tr -dc '0-9 ' | awk '{print $3","$4}')"
      png="${svg%.svg}.png"
      "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --window-size="${size:-1200,900}" --screenshot="$png" "file://$svg" > /dev/null 2>&1 ||
        fail "chromium could not screenshot $svg"
      echo "$png"
    done < "$work/list"
    ;;
esac
