"""Opening a file in the window removes what a table import killed part-way had left out of sight, once its
importer is gone (as the next import does), and says so in the message bar."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.launches import new_launch
from tests.ui.conftest import GO_LIVE


def _dead_pid() -> int:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(gone.stdout)


def _leave_half_written_tickets(path: Path, *, rows: int, pid: int) -> None:
    """What a SIGKILLed staged table import leaves: rows under an ``import_staging`` mark of its process."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO tickets (id, title, severity, opened_at) VALUES (?, ?, 'P3', '2026-12-01T00:00:00+00:00')",
            [(n, f"printer {n} jams") for n in range(1, rows + 1)],
        )
        conn.execute(
            "INSERT INTO import_staging (table_name, first_id, last_id, label, host, pid, actor, started_at, "
            "touched_at) VALUES ('tickets', 1, ?, 'tickets.csv', ?, ?, 'sato', '2026-12-01T00:30:00+00:00', "
            "'2099-01-01T00:00:00+00:00')",
            [rows, socket.gethostname(), pid],
        )
    conn.close()


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_opening_a_file_removes_a_killed_table_imports_rows_and_says_so(qtbot, make_window, tmp_path: Path):
    path = new_launch(
        tmp_path / "m.golive", name="Cut off", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup"
    )
    _leave_half_written_tickets(path, rows=40, pid=_dead_pid())
    window = make_window(path)
    bar = window.message_bar
    qtbot.waitUntil(
        lambda: bar.isVisible() and "Removed 40 rows from tickets.csv" in bar.text.text(), timeout=60_000
    )
    assert "sato" in bar.text.text() and "09:30" in bar.text.text()  # when it began, in the launch's zone
    assert window.session.data.tickets == ()
    assert _count(path, "import_staging") == 0 and _count(path, "tickets") == 0


def test_an_import_still_running_is_left_alone(qtbot, make_window, tmp_path: Path):
    path = new_launch(
        tmp_path / "m.golive", name="Running", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup"
    )
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        _leave_half_written_tickets(path, rows=40, pid=running.pid)
        window = make_window(path)
        assert not window.message_bar.isVisible()
        assert window.session.data.tickets == ()  # out of sight while it is written
        assert _count(path, "import_staging") == 1 and _count(path, "tickets") == 40
    finally:
        running.kill()
        running.wait()


def test_a_file_opened_read_only_is_left_as_it_is(qtbot, make_window, tmp_path: Path):
    path = new_launch(
        tmp_path / "m.golive", name="Looked at", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="setup"
    )
    _leave_half_written_tickets(path, rows=40, pid=_dead_pid())
    window = make_window(path, read_only=True)
    assert not window.message_bar.isVisible()
    assert _count(path, "import_staging") == 1
