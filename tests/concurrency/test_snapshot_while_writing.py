"""A snapshot taken while four processes write: a consistent copy that opens read-only."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.errors import ReadOnly
from cockpit.store.launchfile import open_launch
from tests.cli.conftest import cockpit_env

# Writes tickets until the stop file appears; says "writing" once it has committed its first one. A short pause
# after each write, as a person's edits have: four writers in a tight loop on a busy machine can starve one of
# them past the lock timeout (SQLite's busy handler sleeps between tries), which no team does.
WRITER_SCRIPT = """
import sys
import time
from pathlib import Path
from cockpit.store.launchfile import open_launch
path, who, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with open_launch(path) as lf:
    n = 0
    while not stop.exists():
        with lf.writing(who) as w:
            w.insert("tickets", {"title": f"{who} #{n}", "severity": "P3", "opened_at": w.at})
        n += 1
        if n == 1:
            print("writing", flush=True)
        time.sleep(0.02)
"""


def cockpit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *map(str, args)],
        env=cockpit_env(),
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.xdist_group("concurrency")
def test_a_snapshot_taken_while_four_processes_write_is_whole_and_read_only(tmp_path: Path) -> None:
    live = tmp_path / "shared.golive"
    made = cockpit("new", live, "--name", "Ledger go-live", "--go-live", "2026-12-01T09:00+09:00")
    assert made.returncode == 0, made.stderr
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(live), f"writer{i}", str(stop)],
            env=cockpit_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    try:
        for writer in writers:  # every writer is at work before the snapshot starts
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "writing", (
                writer.stderr.read() if writer.stderr else ""
            )
        out = tmp_path / "review"
        out.mkdir()
        taken = cockpit("snapshot", live, "--out", out, "--as", "lead", "--json")
    finally:
        stop.touch()
        outcomes = [(w.wait(timeout=120), w.stderr.read() if w.stderr else "") for w in writers]
    assert taken.returncode == 0, taken.stderr
    assert [code for code, _ in outcomes] == [0] * 4, [err for _, err in outcomes if err]

    [copy] = out.iterdir()
    assert copy.name.startswith("Ledger go-live snapshot ") and copy.suffix == ".golive"
    conn = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        audited = conn.execute("SELECT count(*) FROM audit WHERE table_name = 'tickets'").fetchone()[0]
        assert tickets == audited > 0  # no write half in: every ticket with its audit row
    finally:
        conn.close()

    with open_launch(copy) as snapshot:
        assert snapshot.read_only and snapshot.snapshot is not None
        assert snapshot.snapshot.taken_by == "lead"
        with pytest.raises(ReadOnly, match="snapshot"), snapshot.writing("lead") as w:
            w.insert("tickets", {"title": "x", "severity": "P3", "opened_at": w.at})
    refused = cockpit("ticket", "add", copy, "--title", "late", "--severity", "P2")
    assert refused.returncode == 4
    assert "snapshot" in refused.stderr and str(live) in refused.stderr
