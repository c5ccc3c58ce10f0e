"""Charts follow the room (issue 15): a teammate's step move reaching the Migration pane's runbook chart, on the
large demo and on one five times larger, each in a fresh offscreen process (``bench/_chart_probe.py``).

(a) the step table showing the move, from the teammate's commit: the floor, the refresh itself (the window
    polls the file once a second, so up to a second of it is waiting for the next look);
(b) the runbook chart showing it (the rows painted again), from the same commit: goal p95 ≤ 1 s, and
    (b)/(a) how much the chart adds to the refresh;
(c) the window's CPU while nobody writes, the Migration pane showing: goal < 1 % of a core;
(d) the same matplotlib chart of every row, built and drawn as the report does (in this process): what the
    screen paid per change before it was painted natively, and what the report still pays.

Moves are 1.5 s apart; p95 of 8 moves is their second worst. Figures depend on the machine's load (printed).
``python -m bench.charts`` runs it alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Figure, best_of
from bench._pane_patch import NOW, demo_file

BENCH = "charts"
SCALES = (("large", 1), ("huge", 5))
MOVES = 8
IDLE_S = 20.0
CHART_GOAL_S = 1.0
IDLE_GOAL = 0.01
PROBE = Path(__file__).with_name("_chart_probe.py")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def probe(launch: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(launch), str(MOVES), str(IDLE_S)],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parent.parent,
        timeout=900,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(
            f"bench._chart_probe reported nothing (exit {done.returncode}): {done.stderr[-2000:]}"
        )
    return json.loads(lines[-1])


def matplotlib_chart_s(launch: Path) -> float:
    """The report's runbook chart of every row, built and drawn to pixels at a wall screen's width."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from cockpit.charts.runbook import runbook_timeline
    from cockpit.domain.rollback import forecast_current_path
    from cockpit.store.launchfile import open_launch
    from cockpit.store.read import load_launch

    with open_launch(launch) as lf:
        data = load_launch(lf)
    deadline = data.launch.rollback_deadline
    forecast = forecast_current_path(data.steps, data.rollback_decisions, now=NOW, rollback_deadline=deadline)

    def build_and_draw() -> None:
        figure = runbook_timeline(forecast, now=NOW, rollback_deadline=deadline, tz=data.launch.timezone)
        figure.set_dpi(1200 / figure.get_size_inches()[0])  # a wall screen's width, every row at full height
        FigureCanvasAgg(figure).draw()

    return best_of(1, build_and_draw)


def run() -> list[Figure]:
    out: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-charts-") as folder:
        for size, scale in SCALES:
            launch = demo_file(Path(folder), scale)
            os.sync()
            load = os.getloadavg()[0]
            report = probe(launch)
            table, chart = p95(report["table_s"]), p95(report["chart_s"])
            steps = report["steps"]
            out += [
                Figure(
                    BENCH, f"{size} ({steps} steps): (a) a teammate's move in the step table, p95", table, "s"
                ),
                Figure(
                    BENCH,
                    f"{size}: (b) … in the runbook chart, p95 (load {load:.1f})",
                    chart,
                    "s",
                    f"≤ {CHART_GOAL_S:.0f} s",
                    chart <= CHART_GOAL_S,
                ),
                Figure(BENCH, f"{size}: (b)/(a) the chart after the table", chart / max(table, 1e-3), "×"),
                Figure(
                    BENCH,
                    f"{size}: (c) window CPU while idle, share of a core; chart rebuilt on the minute: "
                    f"{report['rebuilt_on_the_minute']}",
                    report["idle_cpu"] * 100,
                    " %",
                    f"< {IDLE_GOAL * 100:.0f} %",
                    report["idle_cpu"] < IDLE_GOAL,
                ),
            ]
            started = time.perf_counter()
            drawn = matplotlib_chart_s(launch)
            print(
                f"charts: the {size} matplotlib chart took {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            out.append(
                Figure(
                    BENCH, f"{size}: (d) the same chart by matplotlib (the report's), one change", drawn, "s"
                )
            )
            out.append(
                Figure(
                    BENCH, f"{size}: (d)/(b) matplotlib vs the painted chart", drawn / max(chart, 1e-3), "×"
                )
            )
    return out


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run()))
