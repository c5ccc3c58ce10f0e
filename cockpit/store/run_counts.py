"""Each test run's counts by outcome, kept on its row (migration ``0014_run_counts``).

An import writes a run's cases and their counts in one transaction, and a run's cases never change after, so
the counts are written with them and read from the run's row: no index over every case is kept up for them.
Any other write of cases (the demo, a tool's fix of a case) has ``Writer`` count the runs it touched again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

# The columns on test_runs, as ``TestRun`` names them.
COUNT_COLUMNS = ("total", "passed", "failed", "errors", "skipped", "flaky")

_RECOUNT = """
UPDATE test_runs SET (total, passed, failed, errors, skipped, flaky) = (
    SELECT COUNT(*), COALESCE(SUM(outcome = 'passed'), 0), COALESCE(SUM(outcome = 'failed'), 0),
           COALESCE(SUM(outcome = 'error'), 0), COALESCE(SUM(outcome = 'skipped'), 0),
           COALESCE(SUM(flaky != 0), 0)
    FROM test_cases WHERE run_id = test_runs.id
)
"""


def recount_runs(conn: sqlite3.Connection, run_ids: Collection[int] | None = None) -> None:
    """Count the cases of the runs ``run_ids`` (every run when ``None``) again, onto their rows."""
    if run_ids is None:
        conn.execute(_RECOUNT)
    elif run_ids:
        ids = list(run_ids)
        conn.execute(f"{_RECOUNT} WHERE id IN ({','.join('?' * len(ids))})", ids)
