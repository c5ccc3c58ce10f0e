"""A results import in the window first removes what an import killed part-way had left out of sight, and says so."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from cockpit.domain.tests import TestLevel
from tests.ui.panes.results.test_results_pane import FAILING_JUNIT, file_data, open_tests


def _leave_a_half_written_run(path: Path) -> None:
    """What a SIGKILLed staged import leaves: a run and cases under an ``import_staging`` mark of a dead process."""
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(gone.stdout)
    conn = sqlite3.connect(path)
    with conn:
        run_id = conn.execute(
            "INSERT INTO test_runs (level, name, source) VALUES ('system', 'Nightly cut off', 'nightly.xml')"
        ).lastrowid
        conn.executemany(
            "INSERT INTO test_cases (run_id, name, outcome) VALUES (?, ?, 'passed')",
            [(run_id, f"case {n}") for n in range(30)],
        )
        conn.execute(
            "INSERT INTO import_staging (table_name, first_id, last_id, label, host, pid, actor, started_at, "
            "touched_at) VALUES ('test_runs', ?, ?, 'Nightly cut off', ?, ?, 'sato', "
            "'2030-03-01T00:00:00+00:00', '2099-01-01T00:00:00+00:00')",
            [run_id, run_id, socket.gethostname(), dead_pid],
        )
    conn.close()


def test_an_import_removes_a_killed_imports_rows_and_says_so(
    qtbot, make_window, demo_file: Path, tmp_path: Path
):
    _leave_a_half_written_run(demo_file)
    window, pane = open_tests(make_window, demo_file)
    assert "Nightly cut off" not in {run.name for run in window.session.data.runs}
    results = tmp_path / "TEST-billing.xml"
    results.write_text(FAILING_JUNIT, encoding="utf-8")
    assert pane.import_files([results], level=TestLevel.UNIT)
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "Removed 30 test cases" in bar.text.text(), timeout=60_000)
    assert "Nightly cut off" in bar.text.text() and "sato" in bar.text.text()
    assert "Nightly cut off" not in {run.name for run in file_data(demo_file).runs}
    conn = sqlite3.connect(demo_file)
    assert conn.execute("SELECT count(*) FROM import_staging").fetchone() == (0,)
    conn.close()
