"""Write a large import in short transactions, out of sight until one last short transaction shows it.

A 1,000,000-case run takes seconds to insert; in one transaction that is seconds during which no teammate
can save anything. So the rows go in by batches, each its own ``BEGIN IMMEDIATE … COMMIT`` that stops
after ``BATCH_SECONDS`` of work, while an ``import_staging`` row marks the run as not there yet: readers
leave out every run it names (``store.read``), and nothing is audited, so a watcher sees no change.
The last transaction deletes the mark and writes the audit rows: the run appears whole, at once.

Between batches the importer waits ``PAUSE_SECONDS``: a teammate's save that found the file locked is
retried by SQLite's busy handler at growing intervals of at most 100 ms, and must find it free.

An import that dies (killed, machine off) leaves its mark and its rows behind, invisible. The next import
into the file removes them, also by batches (``clean_abandoned``) — after making sure their importer is
gone: a process of this machine that no longer runs, or, from another machine, no batch for
``ABANDONED_AFTER``.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import utc_now

BATCH_SECONDS = 0.15  # work per transaction; the commit's sync comes on top
PAUSE_SECONDS = 0.1  # SQLite's busy handler retries a waiting writer at most this far apart
ROWS_PER_STEP = 2_000  # rows inserted between two looks at the clock
DELETE_ROWS_PER_STEP = 5_000
ABANDONED_AFTER = timedelta(minutes=10)  # no batch for this long: its importer is gone

STAGED_RUN_IDS = "SELECT run_id FROM import_staging"


@dataclass(frozen=True, slots=True)
class Abandoned:
    """A run an import left half-written, removed by ``clean_abandoned``."""

    run_id: int
    name: str
    actor: str
    started_at: str
    cases: int


def stage_run(
    launch_file: LaunchFile,
    *,
    actor: str,
    run_values: dict[str, Any],
    columns: Sequence[str],
    cases: Sequence[Sequence[object]],
) -> int:
    """Insert the run row and its cases, marked staged, by batches; return the run's id.

    On any error the rows written so far are removed (as far as the file lets us) and the error raised.
    """
    with launch_file.writing(actor) as writer:
        run_id = int(
            writer.conn.execute(
                "INSERT INTO test_runs (level, name, started_at, source, version, updated_by, updated_at) "
                "VALUES (?, ?, ?, ?, 1, ?, ?)",
                [
                    run_values["level"],
                    run_values["name"],
                    run_values["started_at"],
                    run_values["source"],
                    actor,
                    writer.at,
                ],
            ).lastrowid
            or 0
        )
        writer.conn.execute(
            "INSERT INTO import_staging (run_id, host, pid, actor, started_at, touched_at) VALUES (?,?,?,?,?,?)",
            [run_id, socket.gethostname(), os.getpid(), actor, writer.at, writer.at],
        )
    try:
        remaining = iter(cases)
        at = 0
        while at < len(cases):
            time.sleep(PAUSE_SECONDS)
            with launch_file.writing(actor) as writer:
                began = time.monotonic()
                while True:  # at least one step, however slow the machine
                    step = list(islice(remaining, ROWS_PER_STEP))
                    writer.insert_rows(
                        "test_cases", columns=columns, rows=step, shared={"run_id": run_id}, audited=False
                    )
                    at += len(step)
                    if at >= len(cases) or time.monotonic() - began >= BATCH_SECONDS:
                        break
                writer.conn.execute(
                    "UPDATE import_staging SET touched_at = ? WHERE run_id = ?", [utc_now(), run_id]
                )
    except BaseException:
        discard_run(launch_file, run_id, actor=actor)
        raise
    return run_id


def discard_run(launch_file: LaunchFile, run_id: int, *, actor: str) -> None:
    """Remove a staged run and its cases by batches; never raises (the file may be gone or locked)."""
    try:
        _delete_staged(launch_file, run_id, actor=actor)
    except Exception:  # what failed the import is the error to report; the next import cleans up
        return


def clean_abandoned(
    launch_file: LaunchFile, *, actor: str, now: datetime | None = None
) -> tuple[Abandoned, ...]:
    """Remove the runs of imports that died part-way; return what was removed, for the caller to say so."""
    if launch_file.read_only:
        return ()
    now = now or datetime.now(UTC)
    with launch_file.reading() as conn:
        marks = conn.execute(
            "SELECT s.run_id, s.host, s.pid, s.actor, s.started_at, s.touched_at, r.name "
            "FROM import_staging s JOIN test_runs r ON r.id = s.run_id ORDER BY s.run_id"
        ).fetchall()
    removed = []
    for mark in marks:
        if not _is_abandoned(mark["host"], mark["pid"], mark["touched_at"], now=now):
            continue
        cases = _delete_staged(launch_file, mark["run_id"], actor=actor)
        removed.append(
            Abandoned(
                run_id=mark["run_id"],
                name=mark["name"],
                actor=mark["actor"],
                started_at=mark["started_at"],
                cases=cases,
            )
        )
    return tuple(removed)


def _is_abandoned(host: str, pid: int, touched_at: str, *, now: datetime) -> bool:
    if now - datetime.fromisoformat(touched_at) > ABANDONED_AFTER:
        return True
    if host != socket.gethostname():
        return False
    if pid == os.getpid():
        return False  # ours, and we are running: a run this process stages right now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # someone else's process of that number runs
    return False


def _delete_staged(launch_file: LaunchFile, run_id: int, *, actor: str) -> int:
    """Delete the cases in short transactions, then the run with its mark; return how many cases there were."""
    deleted = 0
    while True:
        with launch_file.writing(actor) as writer:
            if (
                writer.conn.execute("SELECT 1 FROM import_staging WHERE run_id = ?", [run_id]).fetchone()
                is None
            ):
                return deleted  # another process cleaned it up, or made it visible: not ours to touch
            began = time.monotonic()
            gone = DELETE_ROWS_PER_STEP
            while gone == DELETE_ROWS_PER_STEP and time.monotonic() - began < BATCH_SECONDS:
                gone = writer.conn.execute(
                    "DELETE FROM test_cases WHERE id IN (SELECT id FROM test_cases WHERE run_id = ? LIMIT ?)",
                    [run_id, DELETE_ROWS_PER_STEP],
                ).rowcount
                deleted += gone
            if gone < DELETE_ROWS_PER_STEP:
                writer.conn.execute("DELETE FROM import_staging WHERE run_id = ?", [run_id])
                writer.conn.execute("DELETE FROM test_runs WHERE id = ?", [run_id])
                return deleted
        time.sleep(PAUSE_SECONDS)
