"""A large results import, in a real process, never keeps a teammate from saving and never shows half a run.

The importing process is the real ``import_results``; the only thing the test adds is a gate after its second
write transaction (``LaunchFile.writing``): once the run's row and a first chunk of cases are committed the
importer tells the test so and, in the second test, waits for the test's word to go on (its reading thread
stops a few chunks ahead). That gives an order without measuring any time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.junit_import import write_results
from tests.cli.conftest import cockpit_env, run_cockpit

CASES = 30_000

IMPORT_SCRIPT = """
import sys, time
from pathlib import Path
from cockpit.services import import_results as service
from cockpit.store.launchfile import LaunchFile, open_launch

launch, results, staged_flag, go_flag = sys.argv[1:5]
writing = LaunchFile.writing
transactions = 0

def gated_writing(self, actor):
    global transactions
    with writing(self, actor) as writer:
        yield writer
    transactions += 1
    if transactions == 2:  # the run row and a first chunk of cases are committed
        Path(staged_flag).touch()
        deadline = time.monotonic() + 300
        while go_flag != "-" and not Path(go_flag).exists() and time.monotonic() < deadline:
            time.sleep(0.05)

import contextlib
LaunchFile.writing = contextlib.contextmanager(gated_writing)
service.READ_FIRST_UP_TO_BYTES = 1 << 20  # this file is written while it is read, as one over 12 MB would be
with open_launch(launch) as lf:
    outcome = service.import_results(lf, paths=[Path(results)], level="regression", run_name=None, actor="importer")
print(outcome.run_id, outcome.cases)
"""


def _start_import(launch: Path, results: Path, staged: Path, go: Path | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, str(launch), str(results), str(staged), str(go or "-")],
        env=cockpit_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 300  # a generous ceiling, not a measure
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the import ended first: {process.stderr.read() if process.stderr else ''}")
        if time.monotonic() > deadline:
            raise AssertionError("the import never staged its first batch")
        time.sleep(0.05)


def _query(launch: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{launch}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _runs_shown(launch: Path) -> list[dict]:
    """What every reader (window, status, report, export) is given: ``store.read``'s runs."""
    from cockpit.store.launchfile import open_launch
    from cockpit.store.read import read_runs

    with open_launch(launch, read_only=True) as lf, lf.reading() as conn:
        return [{"id": run.id, "total": run.total} for run in read_runs(conn)]


@pytest.fixture
def launch(tmp_path: Path) -> Path:
    path = tmp_path / "shared.golive"
    run_cockpit("new", path, "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty",
                check=True)  # fmt: skip
    return path


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "nightly.xml"
    write_results(path, cases=CASES)
    return path


@pytest.mark.xdist_group("concurrency")
def test_a_teammates_edit_commits_while_a_large_import_is_being_written(
    tmp_path: Path, launch: Path, results: Path
) -> None:
    staged, go = tmp_path / "staged", tmp_path / "go"
    importer = _start_import(launch, results, staged, go)
    try:
        _wait_for(staged, importer)
        edit = run_cockpit(
            "ticket", "add", launch, "--title", "printer down", "--severity", "P2", "--as", "mate"
        )
        assert edit.returncode == 0, edit.stderr
        # Saved while the import is still being written, and the half-written run shows nowhere.
        assert _query(launch, "SELECT count(*) FROM import_staging") == [(1,)]
        assert _query(launch, "SELECT count(*) FROM test_cases")[0][0] > 0
        assert _runs_shown(launch) == []
        go.touch()
        assert importer.wait(timeout=600) == 0, importer.stderr.read() if importer.stderr else ""
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
    (ticket_audit,) = _query(
        launch, "SELECT id FROM audit WHERE table_name = 'tickets' AND action = 'insert'"
    )
    (run_audit,) = _query(launch, "SELECT id FROM audit WHERE table_name = 'test_runs' AND action = 'insert'")
    assert ticket_audit[0] < run_audit[0]  # the teammate's save came first in the file's own order
    assert [run["total"] for run in _runs_shown(launch)] == [CASES]
    assert _query(launch, "SELECT count(*) FROM import_staging") == [(0,)]
    assert _query(launch, "SELECT rows FROM (SELECT json_extract(new, '$.rows') AS rows FROM audit "
                           "WHERE table_name = 'test_cases')") == [(CASES,)]  # fmt: skip


@pytest.mark.xdist_group("concurrency")
def test_a_killed_import_shows_nothing_and_the_next_import_removes_its_rows(
    tmp_path: Path, launch: Path, results: Path
) -> None:
    staged, never = tmp_path / "staged", tmp_path / "never-created"
    importer = _start_import(launch, results, staged, never)
    try:
        _wait_for(staged, importer)
        os.kill(importer.pid, signal.SIGKILL)
    finally:
        importer.wait()
    assert _runs_shown(launch) == []
    left_behind = _query(launch, "SELECT count(*) FROM test_cases")[0][0]
    assert left_behind > 0
    assert run_cockpit("export", launch, "--kind", "runs", "--out", tmp_path / "runs.csv").returncode == 0
    assert (tmp_path / "runs.csv").read_text(encoding="utf-8-sig").strip().count("\n") == 0  # the header only

    small = tmp_path / "smoke.xml"
    write_results(small, cases=10)
    again = run_cockpit("import", "junit", launch, small, "--level", "smoke", "--as", "next")
    assert again.returncode == 0, again.stderr
    assert f"Removed {left_behind:,} test cases of run “nightly.xml”" in again.stderr
    assert "cut off" in again.stderr
    assert _query(launch, "SELECT count(*) FROM import_staging") == [(0,)]
    assert _query(launch, "SELECT count(*) FROM test_cases") == [(10,)]
    assert [run["total"] for run in _runs_shown(launch)] == [10]
    assert _query(launch, "PRAGMA integrity_check") == [("ok",)]


TABLE_SCRIPT = """
import sys, time
from pathlib import Path
from cockpit.services import table_writes
from cockpit.services.import_table import import_table, launch_zone, preview_table
from cockpit.store import staging
from cockpit.store.launchfile import open_launch

launch, table, staged_flag, go_flag = sys.argv[1:5]
table_writes.STAGE_FROM_ROWS = 0  # staged, whatever the size
staging.BATCH_SECONDS = 0
staging.ROWS_PER_STEP = 500
pauses = 0
real_sleep = time.sleep

def gated_sleep(seconds):
    global pauses
    pauses += 1
    if pauses == 2:
        Path(staged_flag).touch()
        deadline = time.monotonic() + 300
        while not Path(go_flag).exists() and time.monotonic() < deadline:
            real_sleep(0.05)
    real_sleep(seconds)

staging.time.sleep = gated_sleep
with open_launch(launch) as lf:
    preview = preview_table(Path(table), kind="tickets", tz=launch_zone(lf), launch_file=lf)
    outcome = import_table(lf, preview, actor="importer", accept_partial=False)
print(outcome.imported)
"""

TICKETS = 5_000


def _tickets_csv(path: Path) -> Path:
    lines = ["Title,Severity,Kind", *(f"printer {n} jams,P3,incident" for n in range(TICKETS))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _tickets_shown(launch: Path) -> list[str]:
    from cockpit.store.launchfile import open_launch
    from cockpit.store.read import read_tickets

    with open_launch(launch, read_only=True) as lf, lf.reading() as conn:
        return [ticket.title for ticket in read_tickets(conn)]


def _start_table_import(launch: Path, table: Path, staged: Path, go: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", TABLE_SCRIPT, str(launch), str(table), str(staged), str(go)],
        env=cockpit_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.xdist_group("concurrency")
def test_a_teammates_ticket_is_saved_while_a_large_ticket_table_is_being_imported(
    tmp_path: Path, launch: Path
) -> None:
    table, staged, go = _tickets_csv(tmp_path / "tickets.csv"), tmp_path / "staged", tmp_path / "go"
    importer = _start_table_import(launch, table, staged, go)
    try:
        _wait_for(staged, importer)
        edit = run_cockpit(
            "ticket", "add", launch, "--title", "login fails", "--severity", "P1", "--as", "mate"
        )
        assert edit.returncode == 0, edit.stderr
        assert _tickets_shown(launch) == [
            "login fails"
        ]  # the import's rows, already in the file, show nowhere
        assert _query(launch, "SELECT count(*) FROM tickets")[0][0] > 1
        go.touch()
        assert importer.wait(timeout=600) == 0, importer.stderr.read() if importer.stderr else ""
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
    shown = _tickets_shown(launch)
    assert len(shown) == TICKETS + 1
    assert shown[:2] == ["printer 0 jams", "printer 1 jams"]  # in file order, the ids handed out first
    assert shown[-1] == "login fails"
    (ticket_audit,) = _query(
        launch, "SELECT id FROM audit WHERE table_name = 'tickets' AND action = 'insert'"
    )
    (import_audit,) = _query(
        launch, "SELECT id FROM audit WHERE table_name = 'tickets' AND action = 'import'"
    )
    assert ticket_audit[0] < import_audit[0]
    assert _query(launch, "SELECT rows FROM table_imports") == [(TICKETS,)]


@pytest.mark.xdist_group("concurrency")
def test_a_killed_table_import_shows_nothing_and_the_next_import_removes_its_rows(
    tmp_path: Path, launch: Path
) -> None:
    table, staged = _tickets_csv(tmp_path / "tickets.csv"), tmp_path / "staged"
    importer = _start_table_import(launch, table, staged, tmp_path / "never-created")
    try:
        _wait_for(staged, importer)
        os.kill(importer.pid, signal.SIGKILL)
    finally:
        importer.wait()
    assert _tickets_shown(launch) == []
    assert run_cockpit("status", launch, "--json").returncode == 0
    left_behind = _query(launch, "SELECT count(*) FROM tickets")[0][0]
    assert left_behind > 0

    small = tmp_path / "few.csv"
    small.write_text("Title,Severity,Kind\nmail bounces,P2,incident\n", encoding="utf-8")
    again = run_cockpit("import", "table", launch, "--kind", "tickets", small, "--as", "next")
    assert again.returncode == 0, again.stderr
    assert f"Removed {left_behind:,} rows from tickets.csv" in again.stderr
    assert _tickets_shown(launch) == ["mail bounces"]
    assert _query(launch, "SELECT count(*) FROM tickets") == [(1,)]
    assert _query(launch, "SELECT count(*) FROM import_staging") == [(0,)]
