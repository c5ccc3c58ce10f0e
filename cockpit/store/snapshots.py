"""Snapshots: a consistent, read-only copy of a launch file for the lead's offline review.

The copy is made with SQLite's backup API in one step, which reads the whole file under one shared lock, so
a teammate's write lands wholly before or wholly after it (writers wait on the busy timeout meanwhile, as for
any reader). It is written under a temporary name beside the target, marked as a snapshot (the ``snapshot``
row, migration 0008), checked with ``PRAGMA integrity_check``, flushed to disk and then linked into place,
never over an existing file: a crash leaves no half-written snapshot under the final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from cockpit.errors import BadInput, CockpitError, NotSaved
from cockpit.i18n import tr
from cockpit.store.launchfile import LaunchFile
from cockpit.store.new_files import not_written, temporary_beside
from cockpit.store.writer import translate_sqlite_error

SNAPSHOT_SUFFIX = ".snapshot"
# Characters no file name may hold on some system the team uses (Windows shares, mostly).
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def snapshot_name(launch_name: str, taken_at: datetime) -> str:
    """``Acme ERP go-live snapshot 2026-12-01 0942.golive``: the launch and the time (in the launch's zone)."""
    safe = _UNSAFE_IN_NAMES.sub("-", launch_name).strip(" .-") or "launch"
    return f"{safe} snapshot {taken_at:%Y-%m-%d %H%M}.golive"


def snapshot_target(out: Path | None, *, launch_name: str, taken_at: datetime) -> Path:
    """Where the snapshot goes: ``out`` itself, or a file named by ``snapshot_name`` in the folder ``out``
    names (the current folder when ``out`` is None)."""
    if out is None or out.is_dir():
        return (out or Path.cwd()) / snapshot_name(launch_name, taken_at)
    return out


def take_snapshot(launch_file: LaunchFile, target: Path, *, actor: str, taken_at: datetime) -> Path:
    """Copy ``launch_file`` to ``target`` (which must not exist yet) as a snapshot; return ``target``."""
    if target.exists():
        raise BadInput(
            tr("{path} already exists; a snapshot never overwrites a file. Choose another name.", path=target)
        )
    if not target.parent.is_dir():
        raise BadInput(
            tr("The folder {folder} does not exist. Create it, or choose another one.", folder=target.parent)
        )
    try:
        tmp = temporary_beside(target, suffix=SNAPSHOT_SUFFIX)
    except OSError as exc:
        raise NotSaved(not_written(target, exc, what=tr("the snapshot"))) from None
    try:
        _copy(launch_file, tmp, actor=actor, taken_at=taken_at)
        _flush(tmp)
        try:
            os.link(tmp, target)  # fails if the target appeared meanwhile: never overwrite
        except FileExistsError:
            raise BadInput(
                tr("{path} already exists; a snapshot never overwrites a file.", path=target)
            ) from None
        except OSError:
            if target.exists():
                raise BadInput(
                    tr("{path} already exists; a snapshot never overwrites a file.", path=target)
                ) from None
            os.replace(tmp, target)  # file systems without hard links
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, target) from None
    except OSError as exc:
        raise NotSaved(not_written(target, exc, what=tr("the snapshot"))) from None
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + "-journal").unlink(missing_ok=True)
    return target


def _copy(launch_file: LaunchFile, tmp: Path, *, actor: str, taken_at: datetime) -> None:
    copy = sqlite3.connect(tmp, timeout=launch_file_timeout(launch_file), isolation_level=None)
    try:
        try:
            # pages=-1: the whole file in one step under one read lock; a step-wise copy restarts whenever
            # a teammate commits, and could chase a busy file for ever.
            launch_file.conn.backup(copy, pages=-1)
        except sqlite3.OperationalError as exc:
            raise translate_sqlite_error(exc, launch_file.path) from None
        copy.execute("PRAGMA journal_mode = DELETE")
        copy.execute("BEGIN IMMEDIATE")
        # Nobody has the copy open: the live file's heartbeats stay in the live file.
        copy.execute("DELETE FROM presence")
        copy.execute(
            "INSERT OR REPLACE INTO snapshot (id, taken_at, taken_by, source) VALUES (1, ?, ?, ?)",
            [taken_at.isoformat(timespec="seconds"), actor, _live_source(launch_file)],
        )
        copy.execute("COMMIT")
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise CockpitError(
                tr(
                    "The snapshot of {path} failed its integrity check ({problems}); nothing was kept. "
                    "Take it again; if it fails again, the live file itself may be damaged: keep a copy of it "
                    "and tell the team before anyone writes to it.",
                    path=launch_file.path,
                    problems="; ".join(problems[:3]),
                )
            )
    finally:
        copy.close()


def _live_source(launch_file: LaunchFile) -> str:
    """The live file a snapshot is of: a snapshot of a snapshot names the first one's live file."""
    mark = launch_file.snapshot
    return mark.source if mark is not None else str(launch_file.path.absolute())


def launch_file_timeout(launch_file: LaunchFile) -> float:
    """The busy timeout the live file was opened with, so the copy waits on a writer as long as it would."""
    found = launch_file.conn.execute("PRAGMA busy_timeout").fetchone()
    return max(1.0, (found[0] if found else 15000) / 1000)


def _flush(path: Path) -> None:
    """Put the copy's bytes on the disk before its name appears."""
    with contextlib.suppress(OSError), open(path, "rb+") as f:
        os.fsync(f.fileno())
