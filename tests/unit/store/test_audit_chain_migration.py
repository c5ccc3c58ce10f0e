"""Migration 0009_decision_rounds: a file from before it has its audit trail chained on upgrade, verifies, and
writes go on chaining; the audit trail stays append-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from cockpit.services.edits import add_ticket
from cockpit.services.verify import verify_launch
from cockpit.store.chain import first_broken_link
from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations


def _old_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0009_decision_rounds")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, '販売管理', '2026-12-01T09:00:00+09:00', "
        "'Asia/Tokyo')"
    )
    for n in range(3):
        conn.execute(
            "INSERT INTO audit (at, actor, action, table_name, row_id, old, new, summary) "
            "VALUES (?, 'sato', 'insert', 'launch', 1, NULL, ?, '')",
            [f"2026-11-0{n + 1}T09:00:00.000+00:00", f'{{"n": {n}}}'],
        )
    conn.close()


def test_an_old_audit_trail_is_chained_on_upgrade_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "old.golive"
    _old_file(path)
    with open_launch(path) as lf:
        assert verify_launch(lf).ok
        add_ticket(lf, actor="ito", title="Login fails", severity="P2")
        result = verify_launch(lf)
    assert result.ok and result.audit_rows == 4
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()
    assert rows[0][1] == "" and all(
        later[1] == earlier[2] for earlier, later in zip(rows, rows[1:], strict=False)
    )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET actor = 'x' WHERE id = 1")
    assert first_broken_link(conn) is None
    conn.close()
