"""Save a snapshot of the launch (``cockpit snapshot``, File ▸ Save snapshot…): a consistent read-only copy
named with the launch and the time, for the lead's offline review (``store/snapshots.py`` copies)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_launch_row
from cockpit.store.snapshots import snapshot_target, take_snapshot


def save_snapshot(lf: LaunchFile, *, out: Path | None, actor: str, now: datetime) -> Path:
    """Copy the launch to ``out`` (a file, or a folder to name it in; None: the current folder)."""
    with lf.reading() as conn:
        launch, _thresholds = read_launch_row(conn)
    target = snapshot_target(out, launch_name=launch.name, taken_at=now.astimezone(launch.zone))
    return take_snapshot(lf, target, actor=actor, taken_at=now)
