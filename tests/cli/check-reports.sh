#!/usr/bin/env bash
# cli.reports.*: racelab verify's CI reports checked by real tools on a real run.
#   junit  xmllint parses it; its structure is what CI systems read (testsuites/testsuite/testcase,
#          counts that add up, classname and name on every case)
#   sarif  validated against the OASIS SARIF 2.1.0 schema (tests/cli/data/sarif-schema-2.1.0.json)
#          with Debian's python3-jsonschema; stale-teardown --impl fixed points at its culprit,
#          the pop in fixed/registry.cpp
# Usage: check-reports.sh junit|sarif RACELAB_BIN. Exit 77 (skipped, saying why) without the tool.
set -euo pipefail
what=$1 bin=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case $what in
  junit)
    command -v xmllint >/dev/null || { echo "SKIP: xmllint not installed (apt-get install libxml2-utils)"; exit 77; }
    "$bin" verify --junit "$tmp/r.xml" >/dev/null
    xmllint --noout "$tmp/r.xml"
    x() { xmllint --xpath "$1" "$tmp/r.xml"; }
    [[ $(x 'count(/testsuites/testsuite)') == 1 ]]
    cases=$(x 'count(/testsuites/testsuite/testcase)')
    [[ $cases == 15 ]] || { echo "expected 15 test cases, got $cases"; exit 1; }
    [[ $(x 'string(/testsuites/@tests)') == "$cases" ]]
    [[ $(x 'string(/testsuites/testsuite/@tests)') == "$cases" ]]
    [[ $(x 'count(/testsuites/testsuite/testcase[@classname and @name and @time])') == "$cases" ]]
    [[ $(x 'string(/testsuites/@failures)') == 0 ]]
    [[ $(x 'count(//failure)') == 0 ]]
    # One declaration changed: exactly that case fails, with the replay command in the text.
    RACELAB_TEST_DECLARE=no-proxies:fixed=violation "$bin" verify --junit "$tmp/f.xml" >/dev/null && exit 1
    xmllint --noout "$tmp/f.xml"
    [[ $(xmllint --xpath 'string(/testsuites/@failures)' "$tmp/f.xml") == 1 ]]
    [[ $(xmllint --xpath 'count(//testcase[@classname="racelab.no-proxies" and @name="fixed"]/failure)' "$tmp/f.xml") == 1 ]]
    RACELAB_TEST_DECLARE=no-proxies:buggy=safe "$bin" verify no-proxies --impl buggy --junit "$tmp/g.xml" >/dev/null && exit 1
    xmllint --xpath 'string(//failure)' "$tmp/g.xml" | grep -q 'replay:   racelab replay no-proxies --impl buggy --schedule '
    echo "junit: well-formed, $cases test cases, counts and failures as expected"
    ;;
  sarif)
    py=/usr/bin/python3
    [[ -x $py ]] && $py -c 'import jsonschema' 2>/dev/null ||
      { echo "SKIP: Debian's python3-jsonschema not installed (apt-get install python3-jsonschema)"; exit 77; }
    "$bin" verify --sarif "$tmp/r.sarif" >/dev/null
    $py - "$here/data/sarif-schema-2.1.0.json" "$tmp/r.sarif" "$here/../../fixed/registry.cpp" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema)(schema).validate(log)
results = log["runs"][0]["results"]
assert results, "no results"
for r in results:
    loc = r["locations"][0]["physicalLocation"]
    assert loc["region"]["startLine"] >= 1, r
    assert "racelab replay " in r["message"]["text"], r
races = [r for r in results if r["ruleId"] == "data-race"]
assert races and all(r.get("relatedLocations") for r in races), "a race without its partner"
culprits = [r for r in results if r["properties"]["scenario"] == "stale-teardown"
            and r["properties"]["impl"] == "fixed"]
assert culprits, "no result for stale-teardown --impl fixed"
for r in culprits:  # the pop of an old worker that removed group#2's entry (fixed/registry.cpp)
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "fixed/registry.cpp", r
    assert "pop user" in open(sys.argv[3]).read().splitlines()[loc["region"]["startLine"] - 1], r
print(f"sarif: valid against the SARIF 2.1.0 schema, {len(results)} results")
PY
    ;;
  *) echo "usage: $0 junit|sarif RACELAB_BIN" >&2; exit 2 ;;
esac
