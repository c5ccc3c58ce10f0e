"""The report as a user waits for it (issue 15): whole processes on the large demo and on one five times larger
(``--size huge``), each beside the one-page floor measured in the same run, paired run by run.

The floor is the least a PDF report can cost: a fresh Python that imports matplotlib, registers the bundled
Japanese font and writes one A4 page with one line of Japanese text as TrueType (type 42), as the report
does. Measured: the status report (``cockpit report``), the closing report (``--kind closing``), the minutes
of a go/no-go round (``cockpit minutes``) and the SVG pages the window prints (``python -m
cockpit.report.worker --svg-dir``). Goal: the status report and the SVG pages ≤ 2× the floor; the closing
report and the minutes are shown beside it. Each is also given as CPU seconds over the floor's, a figure a
machine busy with other work hardly moves (wall times there wait for a core).

``python -m bench.report [RUNS] [large|huge …]`` runs it alone.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import Figure

BENCH = "report"
RUNS = 3
SIZES = ("large", "huge")
GOAL = 2.0
CHAIR = "emma.clarke"  # on every demo's people list

FLOOR = """
import sys
import matplotlib
from matplotlib.figure import Figure
from cockpit.charts import style
with style.chart_context(), matplotlib.rc_context({"pdf.fonttype": 42}):
    page = Figure(figsize=(8.27, 11.69))
    page.text(0.1, 0.9, "Status report 状況報告書")
    page.savefig(sys.argv[1], format="pdf")
"""


def _cockpit(*args: str) -> list[str]:
    return [sys.executable, "-m", "cockpit", *args]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str]) -> tuple[float, float]:
    """Seconds from start to exit, and CPU seconds the process used (what a busy machine does not inflate)."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return seconds, cpu


def _workloads(launch: Path, out: Path) -> list[tuple[str, list[str], bool]]:
    """(what, command, held to the goal)."""
    return [
        (
            "status report, PDF",
            _cockpit("report", str(launch), "--out", str(out / "status.pdf"), "--lang", "en"),
            True,
        ),
        (
            "SVG pages for printing",
            [
                sys.executable,
                "-m",
                "cockpit.report.worker",
                str(launch),
                "--svg-dir",
                str(out),
                "--lang",
                "en",
            ],
            True,
        ),
        (
            "closing report, PDF",
            _cockpit(
                "report", str(launch), "--kind", "closing", "--out", str(out / "closing.pdf"), "--lang", "en"
            ),
            False,
        ),
        (
            "minutes of round 1, PDF",
            _cockpit("minutes", str(launch), "1", "--out", str(out / "minutes.pdf")),
            False,
        ),
    ]


def run(runs: int = RUNS, sizes: tuple[str, ...] = SIZES) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-report-") as folder:
        out = Path(folder)
        floor = [sys.executable, "-c", FLOOR, str(out / "floor.pdf")]
        for size in sizes:
            launch = out / f"{size}.golive"
            _timed(_cockpit("demo", str(launch), "--size", size))  # 10-30 s for huge
            _timed(_cockpit("round", "open", str(launch), "--chair", CHAIR, "--as", CHAIR))
            for what, command, held in _workloads(launch, out):
                floors, times = [], []
                for _ in range(runs):  # paired: a busy moment slows both alike
                    floors.append(_timed(floor))
                    times.append(_timed(command))
                ours, least = (
                    statistics.median(t[0] for t in times),
                    statistics.median(f[0] for f in floors),
                )
                ours_cpu, least_cpu = (
                    statistics.median(t[1] for t in times),
                    statistics.median(f[1] for f in floors),
                )
                ratio = ours / least
                figures += [
                    Figure(BENCH, f"{size}: {what}", ours, "s"),
                    Figure(
                        BENCH,
                        f"{size}: {what} ÷ the one-page floor ({least:.2f} s)",
                        ratio,
                        "×",
                        f"≤ {GOAL:g}×" if held else "",
                        ratio <= GOAL if held else None,
                    ),
                    Figure(
                        BENCH,
                        f"{size}: {what}, CPU ÷ the floor's CPU ({ours_cpu:.2f} s ÷ {least_cpu:.2f} s)",
                        ours_cpu / least_cpu,
                        "×",
                    ),
                ]
    return figures


if __name__ == "__main__":
    from bench.__main__ import format_table

    count = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    print(format_table(run(count, tuple(sys.argv[2:]) or SIZES)))
