"""Files that are not launch files: exit 5, a message naming the problem, bytes unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import run_cockpit


def plain_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('山田')")
    conn.commit()
    conn.close()


def text_file(path: Path) -> None:
    path.write_text("移行手順書\nstep 1: backup\n" * 50, encoding="utf-8")


def newer_launch(path: Path) -> None:
    run_cockpit(
        "new", path, "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty", check=True
    )
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cockpit', '0099_future', '')"
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [(plain_sqlite, "plain SQLite database"), (text_file, "not an SQLite database"), (newer_launch, "newer")],
)
@pytest.mark.parametrize(
    "command", [["status"], ["ticket", "add", "{f}", "--title", "t", "--severity", "P1"]]
)
def test_refused_with_exit_5_and_untouched(tmp_path: Path, make, message: str, command: list[str]) -> None:
    path = tmp_path / "target.golive"
    make(path)
    before = path.read_bytes()
    args = [a.replace("{f}", str(path)) for a in command] if "{f}" in command else [*command, str(path)]
    result = run_cockpit(*args)
    assert result.returncode == 5, result.stderr
    assert message in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target.golive"]


def test_locked_file_exits_4(empty_launch: Path) -> None:
    holder = sqlite3.connect(empty_launch, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cockpit(
            "ticket", "add", empty_launch, "--title", "t", "--severity", "P1", COCKPIT_LOCK_TIMEOUT="0.5"
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 4
    assert "locked" in result.stderr and "nothing was written" in result.stderr


def test_usage_errors_exit_2(empty_launch: Path) -> None:
    assert run_cockpit("ticket", "frobnicate", empty_launch).returncode == 2
    assert run_cockpit("status").returncode == 2
