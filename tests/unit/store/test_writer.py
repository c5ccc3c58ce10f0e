"""Every write: version bump, who and when, an audit row in the same transaction, conflicts refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from cockpit.errors import BadInput, Conflict, Locked, NotFound
from cockpit.store.launchfile import open_launch


def add_ticket(lf, actor="ann", title="Login fails"):
    with lf.writing(actor) as w:
        return w.insert(
            "tickets", {"title": title, "severity": "P2", "opened_at": "2026-12-01T09:00:00+09:00"}
        )


def test_insert_stamps_version_author_and_audit(launch_file) -> None:
    row = add_ticket(launch_file)
    stored = launch_file.conn.execute("SELECT * FROM tickets WHERE id = ?", [row["id"]]).fetchone()
    assert (stored["version"], stored["updated_by"]) == (1, "ann")
    assert stored["updated_at"].endswith("+00:00")
    audit = launch_file.conn.execute("SELECT * FROM audit WHERE table_name = 'tickets'").fetchone()
    assert (audit["actor"], audit["action"], audit["row_id"]) == ("ann", "insert", row["id"])
    assert json.loads(audit["new"])["title"] == "Login fails"


def test_update_checks_version_and_records_old_and_new(launch_file) -> None:
    row = add_ticket(launch_file)
    with launch_file.writing("bob") as w:
        updated = w.update("tickets", row["id"], {"status": "acknowledged"}, expect_version=1)
    assert updated["version"] == 2
    audit = launch_file.conn.execute("SELECT * FROM audit WHERE action = 'update'").fetchone()
    assert json.loads(audit["old"]) == {"status": "new"}
    assert json.loads(audit["new"]) == {"status": "acknowledged"}
    assert w.changes.rows == {"tickets": {row["id"]}}


def test_stale_version_is_a_conflict_naming_who_changed_it(launch_file) -> None:
    row = add_ticket(launch_file)
    with launch_file.writing("bob") as w:
        w.update("tickets", row["id"], {"severity": "P1"}, expect_version=1)
    with pytest.raises(Conflict) as caught, launch_file.writing("carol") as w:
        w.update("tickets", row["id"], {"severity": "P4"}, expect_version=1)
    assert "bob" in str(caught.value)
    assert caught.value.exit_code == 3
    stored = launch_file.conn.execute("SELECT severity, version FROM tickets").fetchone()
    assert tuple(stored) == ("P1", 2)


def test_failure_rolls_back_row_and_audit_together(launch_file) -> None:
    before = launch_file.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(RuntimeError), launch_file.writing("ann") as w:
        w.insert("tickets", {"title": "t", "severity": "P3", "opened_at": "2026-12-01T00:00+00:00"})
        raise RuntimeError("crash mid-edit")
    assert launch_file.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
    assert launch_file.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_schema_rules_become_bad_input(launch_file) -> None:
    with pytest.raises(BadInput, match="breaks a rule"), launch_file.writing("ann") as w:
        w.insert("risks", {"title": "r", "likelihood": 9, "impact": 1})


def test_audit_is_append_only(launch_file) -> None:
    add_ticket(launch_file)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        launch_file.conn.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        launch_file.conn.execute("UPDATE audit SET actor = 'mallory'")


def test_missing_row_is_not_found(launch_file) -> None:
    with pytest.raises(NotFound, match="#42"), launch_file.writing("ann") as w:
        w.update("tickets", 42, {"status": "closed"})


def test_lock_held_past_timeout_is_locked(launch_path) -> None:
    holder = sqlite3.connect(launch_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            open_launch(launch_path, timeout=0.3) as lf,
            pytest.raises(Locked, match="locked"),
            lf.writing("ann"),
        ):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
