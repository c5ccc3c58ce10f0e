"""Peak memory of an import against its size (issue 11), each import in a process of its own whose peak resident
size is read from the OS. Goal: ten times the rows in under twice the memory, that is, memory roughly independent
of the row count. Results (100,000 and 1,000,000 cases) stream: checked in a pass that keeps counts only, then
read again batch by batch as they are written. Tables (25,000 and 250,000 tickets) stream too: a table of more
than ``row_stream.KEEP_ROWS`` rows is read again from the file at every pass (checks, plan, staged writing).

``python -m bench.import_memory [ROWS]`` runs it alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import Figure

BENCH = "import_memory"
ROWS = 25_000
CASES = 100_000
GOAL_RATIO = 2.0


def _tickets_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Title,Severity,Kind\n")
        for n in range(rows):
            out.write(f"printer {n} on floor {n % 9} jams,P3,incident\n")


def _peak_rss_mb(folder: Path, rows: int, *, results: bool = False) -> float:
    """Run the import in a child and return its peak RSS, as the child reads it at its end."""
    launch = folder / f"m{rows}{results}.golive"
    if results:
        from bench.junit_import import write_results

        source = folder / f"r{rows}.xml"
        write_results(source, cases=rows)
        command = ["import", "junit", str(launch), str(source), "--level", "system"]
    else:
        source = folder / f"t{rows}.csv"
        _tickets_csv(source, rows)
        command = ["import", "table", str(launch), "--kind", "tickets", str(source)]
    cockpit = [sys.executable, "-m", "cockpit"]
    env = {**os.environ, "COCKPIT_LANG": "en"}
    subprocess.run([*cockpit, "new", str(launch), "--name", "m", "--go-live", "2026-12-01T09:00+09:00",
                    "--template", "empty"], check=True, capture_output=True, env=env)  # fmt: skip
    script = (
        "import resource, sys\n"
        "from cockpit.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *command],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    kilobytes = int(done.stdout.strip().splitlines()[-1])
    return kilobytes / 1024  # Linux reports ru_maxrss in kilobytes


def run(rows: int = ROWS) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as folder:
        cases_small = _peak_rss_mb(Path(folder), CASES, results=True)
        cases_large = _peak_rss_mb(Path(folder), CASES * 10, results=True)
        small = _peak_rss_mb(Path(folder), rows)
        large = _peak_rss_mb(Path(folder), rows * 10)
    cases_ratio, ratio = cases_large / cases_small, large / small
    return [
        Figure(BENCH, f"peak memory, {CASES:,}-case results import (MB)", cases_small, " MB"),
        Figure(BENCH, f"peak memory, {CASES * 10:,}-case results import (MB)", cases_large, " MB"),
        Figure(
            BENCH,
            "results, ten times the cases: memory ratio",
            cases_ratio,
            "×",
            f"< {GOAL_RATIO:.0f}×",
            cases_ratio < GOAL_RATIO,
        ),
        Figure(BENCH, f"peak memory, {rows:,}-row ticket CSV import (MB)", small, " MB"),
        Figure(BENCH, f"peak memory, {rows * 10:,}-row ticket CSV import (MB)", large, " MB"),
        Figure(
            BENCH,
            "tables, ten times the rows: memory ratio",
            ratio,
            "×",
            f"< {GOAL_RATIO:.0f}×",
            ratio < GOAL_RATIO,
        ),
    ]


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)))
