"""How long a large results import keeps teammates from saving (issue 11): every write transaction of a
1,000,000-case import is timed, from ``BEGIN IMMEDIATE`` to the end of its commit. Goal: the longest
≤ 300 ms (the staged import aims at ~150 ms of work per transaction, plus the commit's sync).

``python -m bench.import_lock_hold [CASES]`` runs it alone.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from bench import Figure
from bench.junit_import import write_results

BENCH = "import_lock_hold"
CASES = 1_000_000
GOAL_SECONDS = 0.3
GO_LIVE = datetime.fromisoformat("2026-12-01T09:00:00+09:00")


def run(cases: int = CASES) -> list[Figure]:
    from cockpit.services.import_results import import_results
    from cockpit.store.launchfile import LaunchFile, create_launch, open_launch

    holds: list[float] = []
    writing = LaunchFile.writing

    @contextlib.contextmanager
    def timed_writing(self: LaunchFile, actor: str) -> Iterator[object]:
        started = time.perf_counter()
        try:
            with writing(self, actor) as writer:
                yield writer
        finally:
            holds.append(time.perf_counter() - started)

    with tempfile.TemporaryDirectory(prefix="cockpit-bench-") as folder:
        results = Path(folder) / "results.xml"
        write_results(results, cases=cases)
        launch = Path(folder) / "bench.golive"
        create_launch(launch, name="Bench", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="bench")
        LaunchFile.writing = timed_writing  # type: ignore[method-assign]
        try:
            started = time.perf_counter()
            with open_launch(launch) as launch_file:
                outcome = import_results(
                    launch_file, paths=[results], level="regression", run_name=None, actor="bench"
                )
            whole = time.perf_counter() - started
        finally:
            LaunchFile.writing = writing  # type: ignore[method-assign]
    if outcome.cases != cases:
        raise AssertionError(f"expected {cases} cases, imported {outcome.cases}")
    longest = max(holds)
    return [
        Figure(BENCH, f"whole import, {cases:,} cases ({len(holds)} write transactions)", whole, "s"),
        Figure(
            BENCH, "longest write-lock hold", longest, "s", f"≤ {GOAL_SECONDS:.3f} s", longest <= GOAL_SECONDS
        ),
        Figure(BENCH, "write lock held, all transactions together", sum(holds), "s"),
    ]


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run(int(sys.argv[1]) if len(sys.argv) > 1 else CASES)))
