"""Presence between real processes: each sees the other; one killed with SIGKILL drops out of the list
once its heartbeat is older than the stated age-out (time given as ``now``, never waited for)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.domain.presence import AGE_OUT, BEAT_SECONDS
from cockpit.services.presence import ThisWindow, beat_and_look, who_is_here
from cockpit.store.launchfile import open_launch
from tests.cli.conftest import cockpit_env, run_cockpit

# A window's heartbeat loop, as the window runs it: beats until told to stop by stdin closing or a signal.
# It prints what it saw after each beat so the test can wait for the other window to show up.
BEATING_SCRIPT = """
import sys, time
from datetime import UTC, datetime
from cockpit.services.presence import ThisWindow, beat_and_look
from cockpit.store.launchfile import open_launch
path, who = sys.argv[1], sys.argv[2]
window = ThisWindow()
with open_launch(path) as lf:
    while True:
        around = beat_and_look(lf, who, window=window, now=datetime.now(UTC))
        print(window.window, ",".join(sorted(p.actor for p in around.others)), flush=True)
        time.sleep(0.2)
"""


def beating(path: Path, who: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BEATING_SCRIPT, str(path), who],
        env=cockpit_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_to_see(process: subprocess.Popen[str], other: str) -> str:
    """Read the process's beats until it lists ``other``; return its window id (no clock involved)."""
    assert process.stdout is not None
    for line in process.stdout:
        window, _, seen = line.strip().partition(" ")
        if other in seen.split(","):
            return window
    raise AssertionError(process.stderr.read() if process.stderr else "the beating process ended")


@pytest.mark.xdist_group("concurrency")
def test_two_processes_see_each_other_and_a_killed_one_ages_out(tmp_path: Path) -> None:
    path = tmp_path / "shared.golive"
    run_cockpit(
        "new", path, "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty", check=True
    )
    aiko, ben = beating(path, "aiko"), beating(path, "ben")
    try:
        wait_to_see(aiko, "ben")
        ben_window = wait_to_see(ben, "aiko")
        os.kill(ben.pid, signal.SIGKILL)
        ben.wait(timeout=60)
        wait_to_see(aiko, "ben")  # a beat after the kill: Ben's heartbeat is still fresh

        with open_launch(path, read_only=True) as lf:
            listed = {p.window: p for p in who_is_here(lf, now=datetime.now(UTC))}
            last_seen = listed[ben_window].last_seen
            assert listed[ben_window].actor == "ben" and listed[ben_window].pid == ben.pid
            just_before = who_is_here(lf, now=last_seen + AGE_OUT)
            after = who_is_here(lf, now=last_seen + AGE_OUT + (AGE_OUT / 30))
        assert "ben" in [p.actor for p in just_before]
        assert "ben" not in [p.actor for p in after]
        assert AGE_OUT.total_seconds() == 3 * BEAT_SECONDS
    finally:
        for process in (aiko, ben):
            if process.poll() is None:
                process.kill()
            process.wait(timeout=60)


def test_cockpit_who_lists_the_windows_and_a_snapshot_beats_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.golive"
    run_cockpit(
        "new", path, "--name", "x", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty", check=True
    )
    window = ThisWindow()
    with open_launch(path) as lf:
        beat_and_look(lf, "aiko", window=window, now=datetime.now(UTC))
        audit_rows = lf.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    listed = run_cockpit("who", path, "--json", check=True)
    assert '"who": "aiko"' in listed.stdout and window.window in listed.stdout
    with open_launch(path) as lf:  # a heartbeat is no change to the launch: nothing in the audit trail
        assert lf.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows

    taken = run_cockpit("snapshot", path, "--out", tmp_path, "--json", check=True)
    snapshot = Path(json.loads(taken.stdout)["path"])
    with open_launch(snapshot) as lf:
        assert who_is_here(lf, now=datetime.now(UTC)) == ()  # the live file's company stays in the live file
        assert beat_and_look(lf, "lead", window=ThisWindow(), now=datetime.now(UTC)).others == ()
