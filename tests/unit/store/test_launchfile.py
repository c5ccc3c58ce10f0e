"""The launch file: creation, pragmas, refusal of foreign or newer files, read-only fallbacks."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from cockpit.errors import BadInput, NewerVersion, NotALaunchFile, ReadOnly
from cockpit.store.launchfile import APPLICATION_ID, create_launch, open_launch
from cockpit.store.read import load_launch
from tests.conftest import GO_LIVE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_has_our_identity_and_safe_pragmas(launch_path: Path) -> None:
    conn = sqlite3.connect(launch_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_launch(launch_path) as lf:
        assert lf.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lf.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert lf.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        data = load_launch(lf)
    assert data.launch.name == "Test launch"
    assert data.launch.go_live == GO_LIVE
    assert data.launch.go_live.utcoffset() is not None
    assert len(data.sla_policies) == 4
    assert {c.kind.value for c in data.criteria} >= {"pass_rate", "no_open_tickets", "backup_done"}


def test_creation_is_recorded_in_the_audit_trail(launch_file) -> None:
    rows = launch_file.conn.execute("SELECT actor, table_name, action FROM audit ORDER BY id").fetchall()
    assert ("tester", "launch", "insert") in [tuple(r) for r in rows]


def test_create_refuses_to_overwrite(launch_path: Path) -> None:
    before = digest(launch_path)
    with pytest.raises(BadInput, match="already exists"):
        create_launch(launch_path, name="x", go_live=GO_LIVE, timezone="UTC", actor="a")
    assert digest(launch_path) == before


def test_create_needs_an_aware_go_live(tmp_path: Path) -> None:
    from datetime import datetime

    with pytest.raises(BadInput, match="time zone"):
        create_launch(
            tmp_path / "x.golive", name="x", go_live=datetime(2026, 12, 1, 9), timezone="UTC", actor="a"
        )
    assert not (tmp_path / "x.golive").exists()


def test_failed_fill_leaves_no_file(tmp_path: Path) -> None:
    def broken_fill(writer) -> None:
        writer.insert("tickets", {"title": "ok", "severity": "P1", "opened_at": "2026-12-01T00:00+00:00"})
        raise RuntimeError("generator crashed")

    target = tmp_path / "half.golive"
    with pytest.raises(RuntimeError):
        create_launch(target, name="x", go_live=GO_LIVE, timezone="UTC", actor="a", fill=broken_fill)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        ("サービスイン 計画\nnot a database\n".encode() * 20, "not an SQLite database"),
        (bytes(range(256)) * 8, "not an SQLite database"),
    ],
)
def test_non_sqlite_files_are_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.golive"
    path.write_bytes(content)
    with pytest.raises(NotALaunchFile, match=message):
        open_launch(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.golive"]


def test_plain_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotALaunchFile, match="plain SQLite database"):
        open_launch(path)
    assert digest(path) == before


def test_other_applications_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotALaunchFile, match="another application"):
        open_launch(path)


def test_newer_schema_is_refused_untouched(launch_path: Path) -> None:
    conn = sqlite3.connect(launch_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cockpit', '9999_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = digest(launch_path)
    with pytest.raises(NewerVersion, match="newer Go-Live Cockpit"):
        open_launch(launch_path)
    assert digest(launch_path) == before


def test_wal_file_is_converted_back_to_rollback_journal(launch_path: Path) -> None:
    conn = sqlite3.connect(launch_path)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    with open_launch(launch_path) as lf:
        assert not lf.read_only
        assert lf.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_wal_file_in_use_opens_read_only_with_the_reason(launch_path: Path) -> None:
    other = sqlite3.connect(launch_path)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM launch").fetchone()  # another program holds it open
    try:
        with open_launch(launch_path, timeout=0.5) as lf:
            assert lf.read_only
            assert "WAL" in lf.read_only_reason
            assert load_launch(lf).launch.name == "Test launch"
            with pytest.raises(ReadOnly, match="read-only"), lf.writing("me"):
                pass
    finally:
        other.close()


def test_read_only_file_opens_read_only(launch_path: Path, monkeypatch) -> None:
    real_access = os.access  # CI runs as root, which may write anything: simulate the share's answer

    def file_not_writable(path, mode, **kwargs):
        if Path(path) == launch_path and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", file_not_writable)
    with open_launch(launch_path) as lf:
        assert lf.read_only
        assert "read-only" in lf.read_only_reason
        assert load_launch(lf).launch.name == "Test launch"


def test_read_only_folder_is_detected(launch_path: Path, monkeypatch) -> None:
    real_access = os.access

    def no_write_to_folder(path, mode, **kwargs):
        if Path(path) == launch_path.parent and mode == os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", no_write_to_folder)
    with open_launch(launch_path) as lf:
        assert lf.read_only
        assert "journal" in lf.read_only_reason


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        open_launch(tmp_path / "nowhere.golive")


def test_reading_holds_no_lock_afterwards(launch_file) -> None:
    load_launch(launch_file)
    assert not launch_file.conn.in_transaction
