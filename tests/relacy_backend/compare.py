#!/usr/bin/env python3
"""tests/relacy_backend/compare.py — racelab's verdicts and Relacy's, side by side, from one run.

    python3 tests/relacy_backend/compare.py --racelab <racelab> --relacy-bin <folder of
        relacy_scenarios_*> --plan tests/relacy_backend/plan.cmake --out <file.md>
        [--doc docs/relacy.md]

(the targets relacy-compare and relacy-update-doc run it). For every scenario × implementation it
runs `racelab check --json` (the model backend, exhaustive DPOR, every outcome counted) and every
Relacy run of the plan (`relacy_scenarios_<impl> ... --json`), then writes Markdown: the verdicts
side by side with an "agrees" column, every Relacy run with its iterations and time, the outcome
census of both tools, and the seed scenario's throughput. With --doc, the tables replace the part
of that file between <!-- relacy-compare:begin --> and <!-- relacy-compare:end -->.
Exit status 1 on a disagreement (or a missing input), 0 otherwise. Python 3.8+, standard library
only.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys

THROUGHPUT_RUNS = 100_000  # random schedules per tool on the seed scenario
SCHEDULER_NAMES = {"random": "random", "full": "full search", "bound": "context bound 1"}
BEGIN, END = "<!-- relacy-compare:begin -->", "<!-- relacy-compare:end -->"


def read_plan(path):
    """The lists set() in plan.cmake (the one source of the plan; CMakeLists.txt includes it)."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r'#[^\n]*', "", f.read())  # comments (no '#' inside the plan's strings)
    lists = {}
    for name, body in re.findall(r'set\(\s*(\w+)\s+([^)]*)\)', text):
        lists[name] = [a or b for a, b in re.findall(r'"([^"]*)"|([^\s"]+)', body)]
    return lists["RACELAB_RELACY_SCENARIOS"], lists["RACELAB_RELACY_IMPLS"], [
        row.split("|") for row in lists["RACELAB_RELACY_RUNS"]]


def split_label(label):
    """"KeyError ×3 + data-race" → [("KeyError", 3), ("data-race", 1)]"""
    parts = []
    for part in label.split(" + "):
        m = re.fullmatch(r"(.+) ×([0-9]+)", part)
        parts.append((m.group(1), int(m.group(2))) if m else (part, 1))
    return parts


def normalize(label):
    """An outcome label as both tools can compare it: "KeyError ×3 + data-race" → "KeyError*3".
    Relacy's atomic-steps runs have no race checks, so outcomes compare on everything else."""
    items = [i if n == 1 else f"{i}*{n}" for i, n in split_label(label) if i not in ("data-race", "ok")]
    return "+".join(sorted(items, key=str.lower)) or "ok"


def census(rows):
    """[(label, count)] → {normalized label: count}, several raw labels summed into one
    ("KeyError + data-race" and "KeyError" are both "KeyError"), in order of first appearance."""
    merged = {}
    for label, count in rows:
        key = normalize(label)
        merged[key] = merged.get(key, 0) + count
    return merged


def pretty(merged):
    return " · ".join(f"{k.replace('+', ' + ').replace('*', ' ×')}: {n}" for k, n in merged.items())


def ms_text(ms):
    """Milliseconds with one decimal, cut rather than rounded (as the tables always had them)."""
    return re.sub(r"\.([0-9])[0-9]*$", r".\1", repr(ms) if isinstance(ms, float) else str(ms))


def ms_to_us(ms):
    """26.842347 (milliseconds, as racelab's JSON has them) → 26842 microseconds."""
    m = re.fullmatch(r"([0-9]+)\.?([0-9]*)", repr(ms) if isinstance(ms, float) else str(ms))
    return int(m.group(1)) * 1000 + int((m.group(2) + "000")[:3]) if m else 0


def run_json(cmd, timeout):
    """(parsed stdout or None, what went wrong)"""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    except OSError as e:  # not there, not executable
        return None, e.strerror or str(e)
    try:
        return json.loads(p.stdout), f"exit {p.returncode}"
    except ValueError:
        return None, f"exit {p.returncode}"


def run_racelab(racelab, scenario, impl, *extra):
    cmd = [racelab, "check", scenario, "--impl", impl, *extra, "--json"]
    data, why = run_json(cmd, 600)
    if data is None:
        sys.exit(f"compare: `{' '.join(cmd)}` printed no JSON ({why})")
    kinds = set()
    outcomes = data.get("outcomes") or []
    if outcomes:
        for o in outcomes:
            kinds.update(i for i, _ in split_label(o["label"]) if i != "ok")
    else:
        kinds.update(v["kind"] for v in data.get("violations") or [])
    data["kinds"] = sorted(kinds, key=str.lower)
    data["census"] = census((o["label"], o["count"]) for o in outcomes)
    return data


class Relacy:
    """One run of a Relacy driver, read from its --json."""

    def __init__(self, folder, scenario, impl, mode, scheduler, workers, *extra):
        model = ["--census"] if mode == "census" else ["--model", mode]
        cmd = [os.path.join(folder, f"relacy_scenarios_{impl}"), "--scenario", scenario, *model,
               "--workers", str(workers), "--scheduler", scheduler, "--quiet", *extra, "--json"]
        data, why = run_json(cmd, 900)
        if data is None:
            self.result, self.declared, self.ok = f"did not finish ({why})", "", False
            self.iterations = self.seconds = self.rate = self.violations = ""
            self.rate_value, self.census = 0, {}
            return
        self.result, self.declared, self.ok = data["result"], data["declared"], data["as_declared"]
        self.iterations = str(data["iterations"])
        self.seconds = f"{data['seconds']:.3f}"
        self.rate_value = int(f"{data['rate']:.0f}")
        self.rate = str(self.rate_value)
        self.violations = data.get("violations") or ""
        self.census = census((o["label"], o["count"]) for o in data.get("outcomes") or [])


def expected_from_model(kinds, mode):
    """What Relacy must say, given the model's findings (tests/relacy_backend/declared_verdicts.hpp)."""
    race = "data-race" in kinds
    other = any(k != "data-race" for k in kinds)
    if mode == "cxx" and race:
        return "DATA RACE"
    return "USER ASSERT FAILED" if other else "SUCCESS"


def cpu_description():
    """As CMake's cmake_host_system_information(PROCESSOR_DESCRIPTION) says it on Linux."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            info = f.read()
        name = re.search(r"^model name\s*:\s*(.*)$", info, re.M).group(1).strip()
        cores = re.search(r"^cpu cores\s*:\s*([0-9]+)", info, re.M).group(1)
        packages = len(set(re.findall(r"^physical id\s*:\s*([0-9]+)", info, re.M))) or 1
        return f"{int(cores) * packages} core {name}"
    except (OSError, AttributeError):
        return "unknown processor"


def compare(args):
    scenarios, impls, runs = read_plan(args.plan)
    disagreements = 0
    verdicts = ["| scenario | impl | racelab (model, exhaustive DPOR) | schedules · time | Relacy, C++ memory model | Relacy, atomic steps | agrees |",
                "|---|---|---|---:|---|---|---|"]
    every_run = ["| scenario | impl | access model | scheduler | workers | result | declared | iterations | time | iterations/s |",
                 "|---|---|---|---|---:|---|---|---:|---:|---:|"]
    censuses = []

    for scenario in scenarios:
        for impl in impls:
            print(f"compare: {scenario} {impl}", flush=True)
            m = run_racelab(args.racelab, scenario, impl)
            kinds = m["kinds"]
            coverage = "" if m["complete"] else " (not complete)"
            agrees, cells = True, {"cxx": [], "atomic": []}
            for r_scenario, r_impl, mode, scheduler, workers, _where in runs:
                if r_scenario != scenario or r_impl not in (impl, "*"):
                    continue
                workers = int(workers)
                r = Relacy(args.relacy_bin, scenario, impl, mode, scheduler, workers)
                sched = SCHEDULER_NAMES[scheduler]
                every_run.append(f"| `{scenario}` | {impl} | {mode} | {sched} | {workers} | {r.result} | {r.declared} | {r.iterations} | {r.seconds} s | {r.rate} |")
                if mode == "census":
                    model_keys = sorted(m["census"], key=str.lower)
                    relacy_keys = sorted(r.census, key=str.lower)
                    subset = all(k in model_keys for k in relacy_keys)
                    if workers != 4:
                        # Small scope is a smaller program: fewer workers can raise fewer KeyErrors.
                        rel = f"{workers} workers, a smaller program: " + (
                            "its outcomes are among the model's" if subset else "not compared")
                    elif model_keys == relacy_keys:
                        rel = "same outcomes"
                    elif subset:
                        rel = "Relacy saw a subset"
                    else:
                        rel, agrees = "**Relacy saw an outcome the model did not**", False
                    if not r.ok:
                        rel, agrees = f"{rel}; **{r.result}**", False
                    censuses.append(f"| `{scenario}` | {impl} | {pretty(m['census'])} | {sched}, {workers} workers, {r.iterations} iterations: {pretty(r.census)} | {rel} |")
                    continue
                # Only runs with the scenario's own worker count judge the verdict (small scope is
                # a smaller program, run for exhaustive coverage).
                want = expected_from_model(kinds, mode)
                mark = ""
                if not r.ok:
                    agrees, mark = False, " **not as declared**"
                if workers == 4 and r.result != want:
                    agrees, mark = False, f"{mark} **model implies {want}**"
                for v, _ in split_label(r.violations) if r.violations else []:
                    if v not in kinds:
                        agrees, mark = False, f"{mark} **{v} not found by the model**"
                detail = sched if workers == 4 else f"{sched}, {workers} workers"
                found = f": {r.violations}" if r.violations and scheduler == "random" else ""
                cells[mode].append(f"{r.result}{found} ({detail}: {r.iterations} it, {r.seconds} s){mark}")
            disagreements += 0 if agrees else 1
            verdicts.append(f"| `{scenario}` | {impl} | {m['verdict']}: {', '.join(kinds) or '—'} | {m['schedules']} · {ms_text(m['elapsed_ms'])} ms{coverage} | {'<br>'.join(cells['cxx'])} | {'<br>'.join(cells['atomic'])} | {'✓' if agrees else '✗'} |")

    # The seed scenario's throughput: the same number of random schedules per tool, 100,000 each,
    # so start-up (fiber stacks, Relacy's heap) is a small part of the time. Both count every
    # outcome (racelab: `check` without --first; Relacy: --census, atomic steps).
    throughput = ["| scenario | racelab model: schedules · time · per second | Relacy: iterations · time · per second | racelab ÷ Relacy |",
                  "|---|---:|---:|---:|"]
    for impl in ("buggy", "fixed"):
        m = run_racelab(args.racelab, "no-proxies", impl, "--strategy", "random",
                        "--max-schedules", str(THROUGHPUT_RUNS))
        n = m["schedules"]
        us = ms_to_us(m["elapsed_ms"])
        per_s = n * 1_000_000 // (us + 1)
        r = Relacy(args.relacy_bin, "no-proxies", impl, "census", "random", 4,
                   "--iterations", str(THROUGHPUT_RUNS))
        x10 = per_s * 10 // r.rate_value if r.rate_value > 0 else None
        ratio = f"{x10 // 10}.{x10 % 10}×" if x10 is not None else "—"
        throughput.append(f"| `no-proxies` {impl} | {n} · {ms_text(m['elapsed_ms'])} ms · {per_s}/s | {r.iterations} · {r.seconds} s · {r.rate}/s | {ratio} |")

    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = (f"Measured {when} on {cpu_description()} ({os.cpu_count()} logical cores), one run of "
          "`tests/relacy_backend/compare.py`.\n\n"
          "### Verdicts side by side\n\n" + "\n".join(verdicts) + "\n\n"
          "### Outcomes counted by both tools (atomic steps for Relacy; data races left out of the labels)\n\n"
          "| scenario | impl | racelab: every trace (DPOR) | Relacy | |\n|---|---|---|---|---|\n"
          + "".join(row + "\n" for row in censuses) + "\n"
          "### Every Relacy run\n\n" + "\n".join(every_run) + "\n\n"
          "### Throughput on the seed scenario\n\n" + "\n".join(throughput) + "\n")
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(md)
    print(f"compare: wrote {args.out} ({disagreements} disagreement(s))")

    if args.doc:
        with open(args.doc, encoding="utf-8", newline="") as f:
            doc = f.read()
        b, e = doc.find(BEGIN), doc.find(END)
        if b == -1 or e == -1:
            sys.exit(f"compare: {args.doc} has no {BEGIN} ... {END} markers")
        with open(args.doc, "w", encoding="utf-8", newline="") as f:
            f.write(doc[:b + len(BEGIN)] + "\n" + md + doc[e:])
        print(f"compare: updated {args.doc}")
    if disagreements:
        sys.exit(f"compare: {disagreements} scenario × impl row(s) where racelab and Relacy "
                 f"disagree (see {args.out})")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--racelab", required=True, help="the racelab executable")
    p.add_argument("--relacy-bin", required=True, help="the folder of relacy_scenarios_<impl>")
    p.add_argument("--plan", required=True, help="tests/relacy_backend/plan.cmake")
    p.add_argument("--out", required=True, help="the Markdown file to write")
    p.add_argument("--doc", help="a file whose relacy-compare markers get the tables too")
    compare(p.parse_args())


if __name__ == "__main__":
    main()
