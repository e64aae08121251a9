#!/usr/bin/env python3
"""scripts/performance.py — docs/performance.md from one run of racelab on this machine.

Called by scripts/performance.sh (which builds the release racelab); see there for the options.
Every figure comes from `racelab check --json` (docs/json.md), CPU time from getrusage (user +
system of the whole process: the estimate before the run included). A cell that an exhaustive
run cannot finish within the per-cell budget shows the estimate racelab gives before starting
(scenarios/check.hpp: traces extrapolated from exact counts at 2-4 workers; schedules by Knuth's
probes), marked "≈", and the CPU it would take at the last measured rate, marked "~".

With --relacy-bench PATH (racelab_relacy_bench, built only against a Relacy checkout), the
document ends with "racelab vs Relacy": that benchmark's side-by-side cases and whole proofs
from one run of it (bench/relacy_bench.cpp), and, when valgrind is installed, instructions per
racelab run and per Relacy iteration counted by callgrind in the same process. Without it, the
section says how to give it.
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import re
import subprocess
import sys
import tempfile

IMPLS = ("buggy", "fixed")
STRATEGIES = ("dpor", "dfs", "sym")  # sym: dpor with --symmetry
EXTRA = []  # flags every check gets: ["--symmetry"] with --symmetry


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_check(racelab, args, timeout):
    """racelab check ... --json: (json or None, CPU seconds of the process, timed_out)."""
    cmd = [racelab, "check", *args, *EXTRA, "--json"]
    before = children_cpu()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, True
    cpu = children_cpu() - before  # user + system of the child just reaped
    if p.returncode not in (0, 1):
        sys.exit(f"performance: racelab check {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return json.loads(p.stdout), cpu, False


def estimate_of(j, strategy):
    """The count racelab estimated before running: traces for dpor, schedules for dfs."""
    e = j.get("estimate", {})
    if strategy in ("dpor", "sym"):
        return e.get("extrapolated_traces")  # below 4 workers: none (dpor is exact there)
    return e.get("schedules")


def approx(n):
    if n is None:
        return "?"
    if n >= 1e9:
        return f"≈{n:.1e}"
    if n >= 1000:
        digits = len(str(int(n))) - 2
        n = round(n / 10**digits) * 10**digits
    return f"≈{int(round(n)):,}"


def cpu_text(s):
    if s is None:
        return "—"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"  # ms resolution
    if s < 120:
        return f"{s:.1f} s"
    if s < 7200:
        return f"{s / 60:.0f} min"
    if s < 2 * 86400:
        return f"{s / 3600:.0f} h"
    if s < 2 * 365 * 86400:
        return f"{s / 86400:.0f} days"
    years = s / (365 * 86400)
    return f"{years:,.0f} years" if years < 1e6 else f"{years:.1e} years"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return (f"{platform.node()}: {model}, {os.cpu_count()} CPUs, {platform.system()} "
            f"{platform.release()}, load average {load:.1f} at the start")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--racelab", required=True)
    ap.add_argument("--out", default="docs/performance.md")
    ap.add_argument("--plot", default="docs/performance.svg")
    ap.add_argument("--scenario", default="no-proxies")
    ap.add_argument("--cell", type=float, default=10, help="seconds an exhaustive cell may take")
    ap.add_argument("--max-workers", type=int, default=16)
    ap.add_argument("--symmetry", action="store_true",
                    help="run every check with --symmetry (counts are classes up to renaming)")
    ap.add_argument("--relacy-bench", metavar="PATH",
                    help="racelab_relacy_bench (a build configured with -DRACELAB_RELACY_DIR):"
                         " adds the racelab vs Relacy section")
    ap.add_argument("--no-callgrind", action="store_true",
                    help="skip the callgrind instruction counts (catalogue, and racelab vs Relacy)")
    a = ap.parse_args()
    if a.relacy_bench and not (os.path.isfile(a.relacy_bench)
                               and os.access(a.relacy_bench, os.X_OK)):
        print(f"performance: --relacy-bench {a.relacy_bench}: not an executable file (expected"
              " racelab_relacy_bench from a build configured with -DRACELAB_RELACY_DIR, e.g."
              " build/relacy-rel/bin/racelab_relacy_bench)", file=sys.stderr)
        sys.exit(2)
    if a.symmetry:
        EXTRA.append("--symmetry")
    started = datetime.datetime.now(datetime.timezone.utc)
    host = machine()

    rows = {}  # (impl, strategy, workers) -> dict
    for impl in IMPLS:
        for strategy in STRATEGIES:
            feasible = True
            rate = None  # CPU seconds per schedule at the last exact cell
            for w in range(2, a.max_workers + 1):
                base = [a.scenario, "--impl", impl, "--strategy",
                        "dpor" if strategy == "sym" else strategy, "--workers", str(w)]
                if strategy == "sym" and "--symmetry" not in EXTRA:
                    base.append("--symmetry")
                cell = {"exact": False}
                if feasible:
                    j, cpu, timed_out = run_check(
                        a.racelab, base + ["--budget", f"{int(a.cell * 1000)}ms"], a.cell * 3 + 60)
                    if j is not None and j.get("complete"):
                        cell = {"exact": True, "schedules": j["schedules"],
                                "traces": j.get("traces"), "runs": j.get("runs"), "cpu": cpu,
                                "estimate": estimate_of(j, strategy)}
                        rate = cpu / max(1, j["schedules"]) if cpu else rate
                    else:
                        feasible = False
                if not cell["exact"]:
                    # The estimate alone: a budget of one schedule always falls back at once.
                    j, _, _ = run_check(a.racelab, base + ["--max-schedules", "1"], 600)
                    est = estimate_of(j, strategy) if j else None
                    # No exact cell yet: the probes' own time per run (wall, not CPU).
                    r = rate or (j["estimate"].get("ms_per_run", 0) / 1000 if j else None)
                    cell = {"exact": False, "estimate": est, "cpu": est * r if est and r else None}
                rows[(impl, strategy, w)] = cell
                print(f"performance: {a.scenario} {impl} {strategy} {w} workers: {cell}",
                      file=sys.stderr)

    # Every catalogue scenario x implementation at its own size, dpor.
    listing = json.loads(subprocess.run([a.racelab, "list", "--json"], capture_output=True,
                                        text=True, check=True).stdout)
    catalogue, symmetric = [], []
    count = not callgrind_ready(a)
    for s in listing:
        for impl in ("buggy", "fixed", "complete"):
            j, cpu, _ = run_check(a.racelab, [s["id"], "--impl", impl], 600)
            ir = None
            if count and j is not None:
                print(f"performance: callgrind check {s['id']} --impl {impl}", file=sys.stderr)
                ir = check_instructions(a.racelab, [s["id"], "--impl", impl])
            catalogue.append((s["id"], impl, j, cpu, ir))
            if a.symmetry:
                continue  # every check above already ran with --symmetry
            # The same check with --symmetry (one trace per class up to renaming workers).
            args = [s["id"], "--impl", impl, "--symmetry"]
            sj, scpu, _ = run_check(a.racelab, args, 600)
            sir = check_instructions(a.racelab, args) if count and sj is not None else None
            symmetric.append((s["id"], impl, j, sj, scpu, sir))

    relacy = run_relacy_bench(a) if a.relacy_bench else None

    write_doc(a, host, started, rows, catalogue, symmetric, relacy)
    write_plot(a, rows)


def bug_kinds(j):
    return sorted({v["kind"] for v in j.get("witnesses", [])})


def symmetry_table(symmetric):
    """The catalogue again under --symmetry, each row checked against the plain dpor run."""
    if not symmetric:
        return []
    out = ["## Every scenario at its own size, `--symmetry`", "",
           "The same checks with `--symmetry`: one trace per class of traces equal up to renaming",
           "interchangeable workers. `as dpor`: the verdict and the kinds of bug found equal the",
           "plain dpor run's above (each `witnesses[].kind`); a row where they differ says so.",
           "`runs` above `classes`: executions the turn rule abandoned.", "",
           "| scenario | implementation | verdict | classes | runs | as dpor | CPU | instructions |",
           "|---|---|---|---:|---:|---|---:|---:|"]
    for sid, impl, j, sj, cpu, ir in symmetric:
        if sj is None:
            out.append(f"| {sid} | {impl} | (over 10 min) | | | | | |")
            continue
        same = j is not None and j["verdict"] == sj["verdict"] and bug_kinds(j) == bug_kinds(sj)
        kinds = ", ".join(bug_kinds(sj)) or "none"
        runs = f"{sj['runs']:,}" if sj.get("runs") else "—"
        instructions = f"{ir / 1e6:,.1f} M" if ir else "—"
        out.append(f"| {sid} | {impl} | {sj['verdict']} | {sj.get('traces', 0):,} | {runs} | "
                   f"{'yes' if same else 'NO'} ({kinds}) | {cpu_text(cpu)} | {instructions} |")
    out.append("")
    return out


def check_instructions(racelab, args):
    """Instructions the whole `racelab check ...` process runs, counted by callgrind: stable on a
    shared machine where CPU time is not. None when callgrind does not say."""
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run(["valgrind", "--tool=callgrind",
                            f"--callgrind-out-file={os.path.join(tmp, 'callgrind.out')}",
                            racelab, "check", *args, *EXTRA, "--json"],
                           capture_output=True, text=True, timeout=1800)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else None


def callgrind_ready(a):
    """'' when callgrind may count, else why not (a note for the document)."""
    if a.no_callgrind:
        return "left out (--no-callgrind)"
    if not (shutil.which("valgrind") and shutil.which("callgrind_annotate")):
        return "left out: valgrind not found (Debian: apt-get install valgrind)"
    return ""


def write_doc(a, host, started, rows, catalogue, symmetric, relacy):
    out = []
    w = out.append
    w("# Performance: how the exhaustive check grows with the workload")
    w("")
    w("Generated by `scripts/performance.sh` from one run — do not edit by hand; run it again.")
    w("")
    w(f"- machine: {host}")
    w(f"- run: {started:%Y-%m-%d %H:%M} UTC, `{a.racelab}` (scripts/performance.sh builds the"
      " release preset's)")
    w(f"- scenario: `{a.scenario}` (`--workers N`); per cell at most {a.cell:g} s of exploration"
      " (`racelab check --budget`)")
    w("- CPU: user + system time of the whole `racelab check` process (the estimate before the"
      " exploration included), one run each; this machine is shared, so small figures are noisy")
    w("")
    w("**How to read it.** A plain number was counted by an exhaustive run. `≈` is what racelab")
    w("estimates before starting (docs/cli.md, \"Knowing the cost first\"): dpor's traces")
    w("extrapolated from the exact counts at 2-4 workers, dfs's schedules by Knuth's random")
    w("probes. `~` CPU is that estimate times the CPU per schedule of the largest exact cell")
    w("(with no exact cell, the probes' own time per execution, wall clock).")
    w("`runs` counts every execution, abandoned ones included, when the build reports it (`—`")
    w("otherwise).")
    if a.symmetry:
        w("Every check ran with `--symmetry`: traces and schedules count classes of executions")
        w("equal up to renaming interchangeable workers (docs/model-library.md).")
    w("`dpor --symmetry` counts classes of traces equal up to renaming the interchangeable")
    w("workers (docs/model-library.md, \"Symmetry reduction\"): the same verdict and bugs as")
    w("dpor, with one trace explored per class.")
    w("")
    for impl in IMPLS:
        w(f"## `{a.scenario}` on `{impl}`")
        w("")
        w("| workers | dpor: traces | dpor: schedules | dpor: runs | dpor: CPU | dfs: schedules |"
          " dfs: CPU | dpor --symmetry: classes | runs | CPU |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in range(2, a.max_workers + 1):
            d, f = rows[(impl, "dpor", n)], rows[(impl, "dfs", n)]
            y = rows[(impl, "sym", n)]
            if y["exact"]:
                yp = [f"{y['traces']:,}" if y.get("traces") else "—",
                      f"{y['runs']:,}" if y.get("runs") else "—", cpu_text(y["cpu"])]
            else:
                yp = [approx(y["estimate"]), "", "~" + cpu_text(y["cpu"]) if y["cpu"] else "—"]
            if d["exact"]:
                dp = [f"{d['traces']:,}" if d.get("traces") else "—", f"{d['schedules']:,}",
                      f"{d['runs']:,}" if d.get("runs") else "—", cpu_text(d["cpu"])]
            else:
                dp = [approx(d["estimate"]), "", "", "~" + cpu_text(d["cpu"]) if d["cpu"] else "—"]
            if f["exact"]:
                fp = [f"{f['schedules']:,}", cpu_text(f["cpu"])]
            else:
                fp = [approx(f["estimate"]), "~" + cpu_text(f["cpu"]) if f["cpu"] else "—"]
            w(f"| {n} | " + " | ".join(dp + fp + yp) + " |")
        w("")
    w("## The estimate against the count")
    w("")
    w("Where an exhaustive dpor run finished at 5 workers or more, racelab's estimate before it")
    w("(extrapolated from 2-4 workers) beside what it counted:")
    w("")
    w("| implementation | workers | estimated traces | counted | estimate ÷ count |")
    w("|---|---:|---:|---:|---:|")
    for impl in IMPLS:
        for n in range(5, a.max_workers + 1):
            d = rows[(impl, "dpor", n)]
            if d["exact"] and d.get("estimate") and d.get("traces"):
                w(f"| {impl} | {n} | {approx(d['estimate'])} | {d['traces']:,} | "
                  f"{d['estimate'] / d['traces']:.3f} |")
    w("")
    w("## Every scenario at its own size (dpor, exhaustive)")
    w("")
    w("`shrink runs`: the executions that made each bug's witness as short as it can be, after")
    w("the exploration (json.md, `shrink_runs`). `instructions`: the whole `racelab check`")
    w("process under callgrind, which this shared machine does not make noisy as it does CPU")
    w(f"time ({callgrind_ready(a) or 'one run each'}).")
    w("")
    w("| scenario | implementation | verdict | traces | schedules | runs | shrink runs | CPU |"
      " instructions |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for sid, impl, j, cpu, ir in catalogue:
        if j is None:
            w(f"| {sid} | {impl} | (over 10 min) | | | | | | |")
            continue
        runs = f"{j['runs']:,}" if j.get("runs") else "—"
        shrink = f"{j['shrink_runs']:,}" if "shrink_runs" in j else "—"
        instructions = f"{ir / 1e6:,.1f} M" if ir else "—"
        w(f"| {sid} | {impl} | {j['verdict']} | {j.get('traces', 0):,} | {j['schedules']:,} | "
          f"{runs} | {shrink} | {cpu_text(cpu)} | {instructions} |")
    w("")
    out.extend(symmetry_table(symmetric))
    # How fast the machine ran, from the largest check (the least noisy ratio): runs of this
    # script on one shared VM differ by up to 2x in CPU time with the instructions unchanged.
    counted = [(ir, cpu, sid, impl) for sid, impl, j, cpu, ir in catalogue if ir and cpu]
    if counted:
        ir, cpu, sid, impl = max(counted)
        w(f"This run's machine speed: {ir / cpu / 1e9:.1f} instructions per ns of CPU ({sid}"
          f" {impl}: instructions ÷ CPU). Compare it before comparing CPU times of two runs.")
        w("")
    if os.path.exists(a.plot):
        w("## Cost against workers")
        w("")
        w(f"![CPU time of the exhaustive check against workers]({os.path.basename(a.plot)})")
        w("")
        w("Solid: measured. Dashed: projected from the estimate (`~` in the tables); the axis stops"
          " at 10^10 s (about 300 years).")
        w("")
    out.extend(relacy_section(a, relacy))
    with open(a.out, "w") as f:
        f.write("\n".join(out))


# ---- racelab vs Relacy (--relacy-bench) ------------------------------------------------------

CASE = re.compile(r"^(side_by_side|without_dpor|proof)/(\w+)/(\w+)/(\d+)")
CALLGRIND_CASES = ("side_by_side/buggy/census/4", "side_by_side/fixed/cxx/4",
                   "without_dpor/buggy/census/4", "without_dpor/fixed/cxx/4")


def bench_json(cmd, timeout):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        sys.exit(f"performance: {' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    return json.loads(p.stdout)


def inclusive_ir(annotated, function):
    """The inclusive instruction count callgrind_annotate gives `function` (its largest line)."""
    best = None
    for line in annotated.splitlines():
        if function + "(" in line:
            m = re.match(r"\s*([\d,]+)", line)
            if m:
                n = int(m.group(1).replace(",", ""))
                best = n if best is None else max(best, n)
    return best


def callgrind_counts(bench, case):
    """Instructions per racelab run and per Relacy iteration for one side-by-side case, from
    callgrind's inclusive counts of the two timed functions in one process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        j = bench_json(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", bench,
                        f"--benchmark_filter=^{case}$", "--benchmark_min_time=0",
                        "--benchmark_format=json"], 1800)
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", out],
                                   capture_output=True, text=True, check=True).stdout
    b = j["benchmarks"][0]
    racelab_ir = inclusive_ir(annotated, "timed_racelab_exploration")
    relacy_ir = inclusive_ir(annotated, "timed_relacy_search")
    runs, iterations = b["process_racelab_runs"], b["process_relacy_iterations"]
    if not (racelab_ir and relacy_ir and runs and iterations):
        print(f"performance: callgrind {case}: timed functions not found, left out",
              file=sys.stderr)
        return None
    return {"case": case, "runs": runs, "iterations": iterations,
            "racelab_ir": racelab_ir / runs, "relacy_ir": relacy_ir / iterations}


def run_relacy_bench(a):
    print(f"performance: {a.relacy_bench} (a few minutes: Relacy's whole searches)",
          file=sys.stderr)
    j = bench_json([a.relacy_bench, "--benchmark_format=json"], 3600)
    result = {"benchmarks": j["benchmarks"], "callgrind": [], "callgrind_note": callgrind_ready(a)}
    if not result["callgrind_note"]:
        for case in CALLGRIND_CASES:
            print(f"performance: callgrind {case}", file=sys.stderr)
            c = callgrind_counts(a.relacy_bench, case)
            if c:
                result["callgrind"].append(c)
    return result


def relacy_not_given():
    return [
        "## racelab vs Relacy",
        "",
        "Relacy not given: this run had no `--relacy-bench`. Relacy is never copied into racelab;",
        "to add this section, build the benchmark against a checkout of",
        "[dvyukov/relacy](https://github.com/dvyukov/relacy) and pass it (docs/relacy.md, §7):",
        "",
        "<!-- doc-commands: not run — needs a Relacy checkout, builds the release preset -->",
        "```sh",
        "cmake --preset release -B build/relacy-rel -DRACELAB_RELACY_DIR=/path/to/relacy",
        "cmake --build build/relacy-rel --target racelab_relacy_bench",
        "bash scripts/performance.sh --relacy-bench build/relacy-rel/bin/racelab_relacy_bench",
        "```",
        "",
    ]


def ratio_text(r):
    return f"{r:.2f}×" if r < 10 else f"{r:,.0f}×"


def relacy_section(a, relacy):
    if relacy is None:
        return relacy_not_given()
    cases = {"side_by_side": [], "without_dpor": [], "proof": []}
    for b in relacy["benchmarks"]:
        m = CASE.match(b["name"])
        if not m or b.get("error_occurred"):
            continue
        kind, impl, model, workers = m.group(1), m.group(2), m.group(3), int(m.group(4))
        cases[kind].append((impl, model, workers, b))
    side, alone, proofs = cases["side_by_side"], cases["without_dpor"], cases["proof"]
    out = []
    w = out.append
    w("## racelab vs Relacy")
    w("")
    w(f"One run of `{a.relacy_bench}` (bench/relacy_bench.cpp) within this run. The seed scenario")
    w("`no-proxies`, the same `buggy/` and `fixed/` sources on both sides: racelab explores")
    w("exhaustively with dpor (every run counted, abandoned ones included); Relacy runs its full")
    w("search on the plain heap, the like-for-like setting (docs/relacy.md §3). Relacy's model:")
    w("`census` is atomic steps, every outcome counted (buggy's only full search that does not")
    w("stop at iteration 1: under the C++ memory model its first iteration is a data race); `cxx`")
    w("is the C++ memory model, fixed's proof. CPU time of the benchmark's thread; the two sides")
    w("alternate in one process, so they share the machine's load (`load`: the 1-minute load")
    w("average when the case started; this machine has 2 cores and is shared).")
    w("")
    w("### Per run against per iteration")
    w("")
    w("Relacy's figure is over the first iterations of its search, at most 20,000 per timed")
    w("search (`first N`) or the whole search where it is shorter (`all N`); racelab's over as")
    w("many executions, in whole exhaustive explorations: their runs and the determinism guard's")
    w("re-runs (two traced runs per exploration here), whose cost the timed exploration holds.")
    w("")
    w("| implementation | Relacy model | workers | racelab: runs per exploration | racelab: µs/run |"
      " Relacy: iterations | Relacy: µs/iteration | racelab ÷ Relacy | load |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for impl, model, workers, b in side:
        its = int(b["relacy_iterations"])
        w(f"| {impl} | {model} | {workers} | {int(b['racelab_runs']):,} | "
          f"{b['racelab_us_per_run']:.1f} | {'all' if b['relacy_finished'] else 'first'} {its:,} |"
          f" {b['relacy_us_per_iteration']:.1f} | {ratio_text(b['per_run_ratio'])} |"
          f" {b['load1']:.1f} |")
    w("")
    if alone:
        w("### The engines alone (no DPOR)")
        w("")
        w("The same, with racelab's plain dfs in place of dpor: the same unreduced depth-first")
        w("search over schedules as Relacy's full search, on as many executions as Relacy's")
        w("search ran. What dpor adds to a run above is its bookkeeping (vector clocks, races,")
        w("wakeup trees), which buys its thousands of times fewer runs (whole proofs, below).")
        w("On buggy every KeyError is a C++ exception, thrown and unwound at a cost of tens of")
        w("thousands of instructions on both sides, and the two searches' first executions raise")
        w("different numbers of them: there the ratio weighs the schedules as much as the engines.")
        w("")
        w("| implementation | Relacy model | workers | racelab dfs: runs | racelab: µs/run |"
          " Relacy: iterations | Relacy: µs/iteration | racelab ÷ Relacy | load |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for impl, model, workers, b in alone:
            w(f"| {impl} | {model} | {workers} | {int(b['racelab_runs']):,} | "
              f"{b['racelab_us_per_run']:.1f} | {int(b['relacy_iterations']):,} |"
              f" {b['relacy_us_per_iteration']:.1f} | {ratio_text(b['per_run_ratio'])} |"
              f" {b['load1']:.1f} |")
        w("")
    if proofs:
        w("### Whole proofs")
        w("")
        w("Each side's whole search once: racelab's exhaustive exploration (repeated to 0.2 s of")
        w("CPU and averaged) against Relacy's full search run to its end.")
        w("")
        w("| implementation | workers | racelab: runs · CPU | Relacy: model · iterations · CPU |"
          " Relacy ÷ racelab (CPU) | µs/run · µs/iteration (whole search) | load |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        for impl, model, workers, b in proofs:
            w(f"| {impl} | {workers} | {int(b['racelab_runs']):,} · "
              f"{cpu_text(b['racelab_proof_ms'] / 1000)} | {model} · "
              f"{int(b['relacy_iterations']):,} · {cpu_text(b['relacy_proof_s'])} | "
              f"{ratio_text(b['proof_ratio'])} | {b['racelab_us_per_run']:.1f} · "
              f"{b.get('relacy_us_per_iteration', 0):.1f} | {b['load1']:.1f} |")
        w("")
    w("### Instructions (callgrind)")
    w("")
    if relacy["callgrind"]:
        w("Instructions are stable where CPU time is not: callgrind's inclusive counts of the two")
        w("timed functions (`timed_racelab_exploration`, `timed_relacy_search`) in one process")
        w("running one case, divided by the runs and iterations that process ran.")
        w("")
        w("| case | racelab: instructions/run | Relacy: instructions/iteration | racelab ÷ Relacy |"
          " runs · iterations counted |")
        w("|---|---:|---:|---:|---:|")
        for c in relacy["callgrind"]:
            w(f"| `{c['case']}` | {c['racelab_ir']:,.0f} | {c['relacy_ir']:,.0f} | "
              f"{ratio_text(c['racelab_ir'] / c['relacy_ir'])} | {int(c['runs']):,} · "
              f"{int(c['iterations']):,} |")
    else:
        w(f"Callgrind counts {relacy['callgrind_note']}.")
    w("")
    seed = [(impl, model, b) for impl, model, workers, b in side if workers == 4]
    if seed:
        met = all(b["per_run_ratio"] <= 1 for _, _, b in seed)
        figures = ", ".join(f"{impl} ({model}) {ratio_text(b['per_run_ratio'])}"
                            for impl, model, b in seed)
        w(f"**Target (issue 12): per-run cost ≤ Relacy's per-iteration cost, same scenario, same"
          f" run** — at the seed's 4 workers racelab ÷ Relacy is {figures} in CPU time:"
          f" {'met' if met else 'not met'}.")
        w("")
    by_kind = {}
    for c in relacy["callgrind"]:
        by_kind.setdefault(c["case"].split("/")[0], []).append(
            f"`{c['case']}` {ratio_text(c['racelab_ir'] / c['relacy_ir'])}")
    if "side_by_side" in by_kind and "without_dpor" in by_kind:
        w("In instructions (callgrind, racelab ÷ Relacy): with dpor "
          f"{', '.join(by_kind['side_by_side'])}; the engines alone, racelab's dfs, "
          f"{', '.join(by_kind['without_dpor'])}.")
        w("")
    return out


def write_plot(a, rows):
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        print("performance: gnuplot not found, no plot (Debian: apt-get install gnuplot-nox)",
              file=sys.stderr)
        if os.path.exists(a.plot):
            os.remove(a.plot)
        return
    series = []
    data = []
    for impl in IMPLS:
        for strategy in STRATEGIES:
            for exact in (True, False):
                pts = [(n, r["cpu"]) for n in range(2, a.max_workers + 1)
                       for r in [rows[(impl, strategy, n)]]
                       if r.get("cpu") and (r["exact"] == exact)]
                if not exact:  # join the projection to the last measured point
                    measured = [(n, r["cpu"]) for n in range(2, a.max_workers + 1)
                                for r in [rows[(impl, strategy, n)]] if r["exact"] and r.get("cpu")]
                    pts = measured[-1:] + pts
                if pts:
                    data.append("\n".join(f"{n} {c}" for n, c in pts))
                    series.append((impl, strategy, exact))
    if not series:
        print("performance: nothing measured, no plot", file=sys.stderr)
        return
    plots = []
    for impl, strategy, exact in series:
        color = {"buggy": "#c0392b", "fixed": "#2471a3"}[impl]
        dash = "" if exact else " dashtype 2"
        width = {"dpor": 2, "dfs": 1, "sym": 3}[strategy]
        name = "dpor --symmetry" if strategy == "sym" else strategy
        title = f"{impl}, {name}" + ("" if exact else " (projected)")
        point = {"dpor": 7, "dfs": 6, "sym": 5}[strategy]
        plots.append(f"'-' using 1:2 with linespoints lc rgb '{color}' lw {width}{dash} "
                     f"pt {point} title '{title}'")
    script = "\n".join([
        "set terminal svg size 800,500 dynamic font 'sans,11'",
        f"set output '{a.plot}'",
        f"set title 'racelab check {a.scenario}: CPU time of an exhaustive check'",
        "set xlabel 'workers (--workers N)'",
        "set ylabel 'CPU seconds'",
        "set logscale y",
        "set yrange [*:1e10]  # beyond 300 years the projections only say 'never'",
        "set format y '10^{%L}'",
        f"set xrange [1.5:{a.max_workers + 0.5}]",
        "set xtics 1",
        "set grid",
        "set key left top",
        "plot " + ", \\\n  ".join(plots),
    ] + [d + "\ne" for d in data]) + "\n"
    subprocess.run([gnuplot], input=script, text=True, check=True)


if __name__ == "__main__":
    main()
