"""Real processes writing one launch file at once: nothing lost, nothing corrupted."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.store.chain import first_broken_link
from tests.cli.conftest import cockpit_env

WRITER_SCRIPT = """
import subprocess, sys
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = 0
for n in range(count):
    r = subprocess.run([sys.executable, "-m", "cockpit", "ticket", "add", path, "--title", f"{who} #{n}",
                        "--severity", "P3", "--as", who], capture_output=True, text=True)
    if r.returncode != 0:
        failures += 1
        print(r.stderr, file=sys.stderr)
sys.exit(1 if failures else 0)
"""

COUNTER_SCRIPT = """
import sys
from cockpit.errors import Conflict
from cockpit.store.launchfile import open_launch
path, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_launch(path) as lf:
    done = 0
    while done < count:
        version, value = lf.conn.execute("SELECT version, escalation_level FROM tickets WHERE id = 1").fetchone()
        try:
            with lf.writing(who) as w:
                w.update("tickets", 1, {"escalation_level": value + 1}, expect_version=version)
            done += 1
        except Conflict:
            pass  # someone else won this round: read again and retry
"""


def cockpit(*args) -> None:
    subprocess.run(
        [sys.executable, "-m", "cockpit", *map(str, args)], env=cockpit_env(), check=True, capture_output=True
    )


@pytest.mark.xdist_group("concurrency")
def test_eight_processes_add_tickets_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.golive"
    cockpit("new", str(path), "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(path), f"writer{i}", "25"],
            env=cockpit_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(8)
    ]
    outcomes = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in outcomes] == [0] * 8, [err for _, err in outcomes if err]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 200
    assert conn.execute("SELECT count(DISTINCT title) FROM tickets").fetchone()[0] == 200
    assert conn.execute("SELECT count(*) FROM audit WHERE table_name = 'tickets'").fetchone()[0] == 200
    assert first_broken_link(conn) is None  # eight writers, one unbroken audit chain
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.xdist_group("concurrency")
def test_version_checked_increments_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "counter.golive"
    cockpit("new", str(path), "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    cockpit("ticket", "add", str(path), "--title", "counter", "--severity", "P4")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER_SCRIPT, str(path), f"p{i}", "40"],
            env=cockpit_env(),
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0] * 4, [p.stderr.read() for p in procs]
    conn = sqlite3.connect(path)
    level, version = conn.execute("SELECT escalation_level, version FROM tickets WHERE id = 1").fetchone()
    assert level == 160 and version == 161
    assert conn.execute("SELECT count(*) FROM audit WHERE action = 'update'").fetchone()[0] == 160
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
