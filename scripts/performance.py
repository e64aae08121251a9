#!/usr/bin/env python3
"""scripts/performance.py — docs/performance.md from one run of racelab on this machine.

Called by scripts/performance.sh (which builds the release racelab); see there for the options.
Every figure comes from `racelab check --json` (docs/json.md), CPU time from getrusage (user +
system of the whole process: the estimate before the run included). A cell that an exhaustive
run cannot finish within the per-cell budget shows the estimate racelab gives before starting
(scenarios/check.hpp: traces extrapolated from exact counts at 2-4 workers; schedules by Knuth's
probes), marked "≈", and the CPU it would take at the last measured rate, marked "~".
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import subprocess
import sys

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
    a = ap.parse_args()
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
    catalogue = []
    for s in listing:
        for impl in ("buggy", "fixed", "complete"):
            j, cpu, _ = run_check(a.racelab, [s["id"], "--impl", impl], 600)
            catalogue.append((s["id"], impl, j, cpu))

    write_doc(a, host, started, rows, catalogue)
    write_plot(a, rows)


def write_doc(a, host, started, rows, catalogue):
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
    w("| scenario | implementation | verdict | traces | schedules | runs | CPU |")
    w("|---|---|---|---:|---:|---:|---:|")
    for sid, impl, j, cpu in catalogue:
        if j is None:
            w(f"| {sid} | {impl} | (over 10 min) | | | | |")
            continue
        runs = f"{j['runs']:,}" if j.get("runs") else "—"
        w(f"| {sid} | {impl} | {j['verdict']} | {j.get('traces', 0):,} | {j['schedules']:,} | "
          f"{runs} | {cpu_text(cpu)} |")
    w("")
    if os.path.exists(a.plot):
        w("## Cost against workers")
        w("")
        w(f"![CPU time of the exhaustive check against workers]({os.path.basename(a.plot)})")
        w("")
        w("Solid: measured. Dashed: projected from the estimate (`~` in the tables); the axis stops"
          " at 10^10 s (about 300 years).")
        w("")
    with open(a.out, "w") as f:
        f.write("\n".join(out))


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
