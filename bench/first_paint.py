"""The window on the large demo launch against a bare PySide6 window, in the same run (issue 3).

Each measurement is a fresh process on the offscreen platform (``bench/_paint_probe.py``), so interpreter
start and every import count, and all times run from process start:

(a) a bare PySide6 window (QApplication, a QMainWindow with a label) to its first paint;
(b) ``cockpit open`` on the large demo to its first paint, and whether matplotlib had loaded by then;
    then to the first paint that shows the launch's data;
(c) every pane visited in turn, to every chart's Figure ready, and to every chart's canvas drawn;
(d) the longest gap between the ticks of a 10 ms timer on the UI thread during (c).

Bare and cockpit runs alternate; times are medians of the runs, the gap the worst of all runs. The cockpit
runs are made on the large demo and on one five times larger (``huge``, as ``bench.panes`` makes it); goals
(issue 15): all panes and charts ready ≤ 3 s after start, the worst UI-thread gap ≤ 100 ms.
``python -m bench.first_paint [RUNS]`` runs it alone.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench import Figure

BENCH = "first_paint"
RUNS = 3
RUN_TIMEOUT_S = 240  # the probe gives up by itself after 180 s; this catches a process that hangs harder
PROBE = Path(__file__).with_name("_paint_probe.py")
WORST_GAP_GOAL_S = 0.1  # about the longest pause that still feels immediate
READY_GOAL_S = 3.0
SIZES = (("large", 1), ("huge", 5))


def probe(mode: str, *launch: Path) -> dict:
    """Run the probe in a fresh offscreen process and return its report."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    spawned_at = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(PROBE), mode, repr(spawned_at), *map(str, launch)],
        capture_output=True,
        text=True,
        env=env,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(
            f"the {mode} probe reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
        )
    report = json.loads(lines[-1])
    if report.get("timed_out"):
        raise RuntimeError(f"the {mode} probe timed out: {report}")
    return report


def run(runs: int = RUNS) -> list[Figure]:
    from bench._pane_patch import demo_file

    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as folder:
        for size, scale in SIZES:
            launch = demo_file(Path(folder), scale)
            os.sync()
            bare_runs: list[dict] = []
            cockpit_runs: list[dict] = []
            for _ in range(runs):
                bare_runs.append(probe("bare"))
                cockpit_runs.append(probe("cockpit", launch))
            print(f"{size}: {describe_stalls(cockpit_runs)} (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
            out += figures(bare_runs, cockpit_runs, size=size)
    return out


def describe_stalls(cockpit_runs: list[dict], *, most: int = 8) -> str:
    """The longest UI-thread gaps of the worst run and what the tour was doing, to say where to look."""
    worst_run = max(cockpit_runs, key=lambda run: run["worst_gap"])
    stalls = sorted(worst_run["stalls"], reverse=True)[:most]
    lines = [f"  {gap * 1000:6.0f} ms  {doing}" for gap, doing in stalls]
    return "\n".join(["first_paint: longest UI-thread gaps of the worst run", *lines])


def figures(bare_runs: list[dict], cockpit_runs: list[dict], *, size: str = "large") -> list[Figure]:
    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    bare = median(bare_runs, "first_paint")
    first = median(cockpit_runs, "first_paint")
    data = median(cockpit_runs, "data_shown")
    ready = median(cockpit_runs, "charts_ready")
    drawn = median(cockpit_runs, "charts_drawn")
    worst_gap = max(run["worst_gap"] for run in cockpit_runs)
    stalls = max(len(run["stalls"]) for run in cockpit_runs)
    charts, panes = cockpit_runs[0]["charts"], cockpit_runs[0]["panes"]
    slowest = max((stall for run in cockpit_runs for stall in run["stalls"]), default=(0.0, ""))
    before_matplotlib = not any(run["matplotlib_at_first_paint"] for run in cockpit_runs)
    all_drawn = not any(run["failures"] for run in cockpit_runs)
    figures = [
        Figure(BENCH, "(a) bare PySide6 window: first paint", bare, "s"),
        Figure(
            BENCH,
            "(b) cockpit: first paint",
            first,
            "s",
            "matplotlib not loaded",
            before_matplotlib,
        ),
        Figure(BENCH, "(b)/(a) first paint vs bare Qt", first / bare, "×"),
        Figure(BENCH, "(b) cockpit: first paint with the launch's data", data, "s"),
        Figure(BENCH, "(b)/(a) data on screen vs bare Qt", data / bare, "×"),
        Figure(
            BENCH,
            f"(c) all {panes} panes visited, all {charts} charts ready",
            ready,
            "s",
            f"≤ {READY_GOAL_S:.0f} s, none failed",
            all_drawn and ready <= READY_GOAL_S,
        ),
        Figure(BENCH, "(c)/(a) all charts ready vs bare Qt", ready / bare, "×"),
        Figure(BENCH, "(c) and every chart canvas drawn", drawn, "s"),
        Figure(BENCH, "(c)/(a) all canvases drawn vs bare Qt", drawn / bare, "×"),
        Figure(
            BENCH,
            f"(d) worst UI-thread gap in (c), {slowest[1] or 'none'}; {stalls} gaps over 50 ms",
            worst_gap * 1000,
            " ms",
            f"≤ {WORST_GAP_GOAL_S * 1000:.0f} ms",
            worst_gap <= WORST_GAP_GOAL_S,
        ),
    ]
    return [replace(figure, label=f"{size}: {figure.label}") for figure in figures]


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)))
