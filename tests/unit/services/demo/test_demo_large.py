"""The large demo: the reference workload benchmarks run against."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo

from .conftest import NOW


@pytest.mark.slow
def test_large_demo_has_the_reference_volumes(tmp_path: Path) -> None:
    path = write_demo(tmp_path / "large.golive", size="large", actor="bench", now=NOW)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        count = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in (
                "checklist_items",
                "runbook_steps",
                "migration_objects",
                "risks",
                "tickets",
                "test_runs",
            )
        }
        cases_per_run = {n for (n,) in conn.execute("SELECT COUNT(*) FROM test_cases GROUP BY run_id")}
        total_cases = conn.execute("SELECT COUNT(*) FROM test_cases").fetchone()[0]
        gates = conn.execute("SELECT COUNT(*) FROM checklist_items WHERE is_gate = 1").fetchone()[0]
        dangling = conn.execute(
            "SELECT COUNT(*) FROM step_deps d LEFT JOIN runbook_steps s ON s.id = d.depends_on_id WHERE s.id IS NULL"
        ).fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    assert count == {
        "checklist_items": 2_000,
        "runbook_steps": 300,
        "migration_objects": 500,
        "risks": 200,
        "tickets": 5_000,
        "test_runs": 40,
    }
    assert cases_per_run == {2_500} and total_cases == 100_000
    assert gates == 15 and dangling == 0 and integrity == "ok"
