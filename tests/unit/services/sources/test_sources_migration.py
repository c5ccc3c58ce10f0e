"""Migration 0002_sources: a launch file written before it is upgraded on open, with its backup and data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from cockpit.errors import BadInput
from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations
from cockpit.store.read import load_launch
from cockpit.store.schema_version import KNOWN_MIGRATIONS


def applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


@pytest.fixture
def file_from_before_sources(tmp_path: Path) -> Path:
    """A launch file as the cockpit wrote it when 0001_initial was its whole schema, with some data."""
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0002_sources")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, '販売管理システム', "
        "'2026-12-01T09:00:00+09:00', 'Asia/Tokyo')"
    )
    conn.execute(
        "INSERT INTO tickets (title, severity, opened_at, updated_by) "
        "VALUES ('ログインできない', 'P1', '2026-12-01T09:30:00+09:00', 'sato')"
    )
    conn.close()
    return path


def test_the_migration_is_registered_after_the_initial_schema() -> None:
    assert KNOWN_MIGRATIONS[:2] == ("0001_initial", "0002_sources")


def test_an_older_file_is_upgraded_on_open_with_a_backup_and_its_data_intact(
    file_from_before_sources: Path,
) -> None:
    path = file_from_before_sources
    assert applied(path) == ["0001_initial"]
    assert "sources" not in tables(path)
    before = path.read_bytes()

    with open_launch(path) as lf:
        data = load_launch(lf)
        lf.conn.execute("SELECT * FROM sources").fetchall()  # the new table is there and readable

    assert applied(path) == list(KNOWN_MIGRATIONS)  # 0002_sources and every later one
    assert data.launch.name == "販売管理システム"
    assert [(t.title, t.severity.value, t.updated_by) for t in data.tickets] == [
        ("ログインできない", "P1", "sato")
    ]
    backup = path.with_name("old.golive.before-upgrade")
    assert backup.read_bytes() == before
    assert applied(backup) == ["0001_initial"]

    with open_launch(path) as lf:  # a second open finds nothing to upgrade
        assert not lf.read_only
    assert backup.read_bytes() == before


def test_the_schema_keeps_secrets_out_of_the_keyring_reference(launch_file) -> None:
    from cockpit.secrets import new_keyring_ref

    values = {"name": "CI", "url": "https://ci.example/results.xml", "kind": "results", "level": "unit"}
    with launch_file.writing("tester") as w:
        w.insert("sources", {**values, "auth": "token", "keyring_ref": new_keyring_ref()})
    with pytest.raises(BadInput), launch_file.writing("tester") as w:
        w.insert(
            "sources", {**values, "name": "CI 2", "auth": "token", "keyring_ref": "ghp_a-real-looking-token"}
        )
    with pytest.raises(BadInput), launch_file.writing("tester") as w:
        w.insert("sources", {**values, "name": "CI 3", "auth": "token", "keyring_ref": None})
    with pytest.raises(BadInput), launch_file.writing("tester") as w:
        w.insert("sources", {**values, "name": "CI 4", "kind": "table", "level": "unit"})
