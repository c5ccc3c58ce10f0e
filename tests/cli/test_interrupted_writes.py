"""A writer that died mid-transaction, or one that keeps the file locked: the next user is told the truth.

A process killed while writing (or a share that dropped) leaves a "hot" journal beside the file. The next
open must roll that write back and carry on, not refuse the file as foreign; a file locked past the
timeout is exit 4 (try again), never exit 5 (not a launch file).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.cli.conftest import run_cockpit, run_json

# Updates far more rows than one page of cache holds, so SQLite writes changed pages into the file before
# COMMIT, then dies without committing or rolling back: exactly what a killed cockpit leaves behind.
_DIE_MID_WRITE = textwrap.dedent(
    """
    import os, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE tickets SET title = 'half-written ' || title")
    os._exit(0)
    """
)


def _fill_tickets(path: Path, count: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO tickets (title, severity, kind, status, opened_at, version, updated_by, updated_at) "
        "VALUES (?, 'P3', 'inquiry', 'new', '2026-12-01T09:00:00+09:00', 1, 'seed', '2026-12-01T09:00:00+09:00')",
        [(f"請求書の再発行 {n} " + "x" * 200,) for n in range(count)],
    )
    conn.execute("COMMIT")
    conn.close()


def test_a_write_cut_off_mid_transaction_is_rolled_back_on_the_next_open(empty_launch: Path) -> None:
    _fill_tickets(empty_launch, 400)
    subprocess.run([sys.executable, "-c", _DIE_MID_WRITE, str(empty_launch)], check=True, timeout=60)
    journal = empty_launch.with_name(empty_launch.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "the crash should leave a hot journal"

    status = run_json("status", empty_launch)
    assert status["support"]["total"] == 400

    added = run_cockpit("ticket", "add", empty_launch, "--title", "after the crash", "--severity", "P2")
    assert added.returncode == 0, added.stderr
    conn = sqlite3.connect(empty_launch)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM tickets WHERE title LIKE 'half-written%'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 401
    conn.close()


def test_a_file_held_exclusively_past_the_timeout_exits_4_for_readers_and_writers(empty_launch: Path) -> None:
    holder = sqlite3.connect(empty_launch, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        status = run_cockpit("status", empty_launch, COCKPIT_LOCK_TIMEOUT="0.5")
        added = run_cockpit(
            "ticket", "add", empty_launch, "--title", "t", "--severity", "P1", COCKPIT_LOCK_TIMEOUT="0.5"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    for result in (status, added):
        assert result.returncode == 4, result.stderr
        assert "locked" in result.stderr and "Try again" in result.stderr
        assert "not a" not in result.stderr
