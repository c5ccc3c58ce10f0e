"""Migration 0007: source URLs stored before secret-looking ones were refused are masked in the file and its
audit trail, and ``source list`` says the URL must be entered again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from cockpit.store.launchfile import APPLICATION_ID, open_launch
from cockpit.store.migrations import migrations

SECRET_URL = "https://ci.example.com/job/junit.xml?token=ghp_abcdefghijklmnopqrstuvwxyz0123456789"
PLAIN_URL = "https://ci.example.com/job/other.xml"


@pytest.fixture
def file_with_a_secret_url(tmp_path: Path) -> Path:
    """A launch file as the cockpit wrote it before 0007, holding a URL it would refuse today."""
    path = tmp_path / "old.golive"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = DELETE")
    migrations.apply(Database(conn), stop_before="0007_import_staging")
    conn.execute(
        "INSERT INTO launch (id, name, go_live, timezone) VALUES (1, 'x', '2026-12-01T09:00:00+09:00', 'Asia/Tokyo')"
    )
    for name, url in (("CI", SECRET_URL), ("Other", PLAIN_URL)):
        conn.execute(
            "INSERT INTO sources (name, url, kind, level) VALUES (?, ?, 'results', 'system')", [name, url]
        )
        conn.execute(
            "INSERT INTO audit (at, actor, action, table_name, row_id, old, new, summary) "
            "VALUES ('2026-11-01T00:00:00+00:00', 'sato', 'insert', 'sources', 1, NULL, ?, '')",
            [json.dumps({"name": name, "url": url})],
        )
    conn.close()
    return path


def test_the_upgrade_masks_the_secret_in_the_sources_and_the_audit_trail(
    file_with_a_secret_url: Path,
) -> None:
    open_launch(file_with_a_secret_url).close()
    assert _nothing_reads_the_secret(file_with_a_secret_url)
    conn = sqlite3.connect(file_with_a_secret_url)
    urls = dict(conn.execute("SELECT name, url FROM sources"))
    audited = [json.loads(new)["url"] for (new,) in conn.execute("SELECT new FROM audit ORDER BY id")]
    assert urls["CI"] == "https://ci.example.com/job/junit.xml?token=•••"
    assert urls["Other"] == PLAIN_URL
    assert audited == ["https://ci.example.com/job/junit.xml?token=•••", PLAIN_URL]


def _nothing_reads_the_secret(path: Path) -> bool:
    """Updated rows may leave their old bytes in free pages until a VACUUM; no query can read them."""
    conn = sqlite3.connect(path)
    try:
        dumped = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return "ghp_abcdefghijklmnopqrstuvwxyz" not in dumped


def test_source_list_shows_the_url_masked_and_says_to_enter_it_again(
    file_with_a_secret_url: Path, cli
) -> None:
    open_launch(file_with_a_secret_url).close()  # upgraded by whoever first opens it with write access
    listed = cli("source", "list", file_with_a_secret_url)
    assert listed.code == 0
    assert "?token=•••" in listed.out
    assert "ghp_" not in listed.out
    assert "removed from the launch file" in listed.out
    assert "enter the URL again" in listed.out
    as_json = cli("source", "list", file_with_a_secret_url, "--json")
    rows = {row["name"]: row for row in json.loads(as_json.out)}
    assert rows["CI"]["url_redacted"] is True
    assert rows["Other"]["url_redacted"] is False
    assert rows["Other"]["url"] == PLAIN_URL


def test_refreshing_a_source_whose_url_was_masked_says_to_enter_it_again(
    file_with_a_secret_url: Path, cli
) -> None:
    open_launch(file_with_a_secret_url).close()  # upgraded by whoever first opens it with write access
    refreshed = cli("source", "refresh", file_with_a_secret_url, "1")
    assert refreshed.code != 0
    assert "enter the URL again" in (refreshed.err + refreshed.out).replace("Enter", "enter")
