"""Write a large import in short transactions, out of sight until one last short transaction shows it.

A 1,000,000-case run, or 250,000 tickets, takes a second or more to insert; in one transaction that is a
second or more during which no teammate can save anything. So the rows go in by batches, each its own
``BEGIN IMMEDIATE … COMMIT`` that stops after ``BATCH_SECONDS`` of work, while an ``import_staging`` row
marks them as not there yet: readers leave out the ids it names (``store.read``), and nothing is audited,
so a watcher sees no change. The caller's last transaction deletes the mark (``Writer.show_staged``) with
the audit rows: the rows appear whole, at once.

The ids are handed out when the mark is written, under the write lock, and the row with the highest id is
written with it (for a table's rows read as they are written: a stand-in, replaced when the last row comes),
so a teammate adding a row meanwhile gets an id after the range.

Between batches a table import waits ``PAUSE_SECONDS``: a teammate's save that found the file locked is
retried by SQLite's busy handler at growing intervals of at most 100 ms, and must find it free. A results
import needs no pause: it writes each chunk of its files as it is parsed, and the lock is free while the next
one is (``services.import_results``).

An import that dies (killed, machine off) leaves its mark and its rows behind, invisible. The next import
into the file removes them, also by batches (``clean_abandoned``), once sure their importer is gone: a
process of this machine that no longer runs, or, from another machine, no batch for ``ABANDONED_AFTER``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer, utc_now

STAGE_FROM_ROWS = (
    20_000  # a table import adding fewer rows writes them in one transaction, well under BATCH_SECONDS
)
BATCH_SECONDS = 0.15  # work per transaction; the commit's sync comes on top
PAUSE_SECONDS = 0.1  # SQLite's busy handler retries a waiting writer at most this far apart
ROWS_PER_STEP = 2_000  # rows inserted between two looks at the clock; the smallest batch of a table's rows
MAX_ROWS_PER_BATCH = 50_000  # rows read ahead of one write, at most: bounds the memory
DELETE_ROWS_PER_STEP = 5_000
ABANDONED_AFTER = timedelta(minutes=10)  # no batch for this long: its importer is gone

RUNS = "test_runs"


@dataclass(frozen=True, slots=True)
class Staged:
    """Rows written out of sight: ``table``'s ids ``first_id``…``last_id``, under the mark ``mark_id``."""

    mark_id: int
    table: str
    first_id: int
    last_id: int


@dataclass(frozen=True, slots=True)
class Abandoned:
    """What an import that died part-way had written, removed by ``clean_abandoned``."""

    table: str
    label: str  # the run's name, or the file's
    actor: str
    started_at: str
    rows: int  # test cases for a run


def stage_run(writer: Writer, *, level: str, label: str, actor: str) -> Staged:
    """Insert a run's row out of sight, for its id, and the mark; its cases follow in later transactions
    (``touch`` in each), its name and the rest once its files are read (``services.import_results``)."""
    cursor = writer.conn.execute(
        f"INSERT INTO {RUNS} (level, name, version, updated_by, updated_at) VALUES (?, '', 1, ?, ?)",
        [level, actor, writer.at],
    )
    run_id = int(cursor.lastrowid or 0)
    return _mark(writer, RUNS, run_id, run_id, label=label, actor=actor)


def touch(writer: Writer, staged: Staged) -> None:
    """Say the importer is still at work: its rows are not abandoned (``clean_abandoned``)."""
    writer.conn.execute("UPDATE import_staging SET touched_at = ? WHERE id = ?", [utc_now(), staged.mark_id])


class Pacing:
    """How a writer that stages rows as fast as they come (``services.import_results``) lets teammates in.

    A teammate's save that finds the file locked is retried by SQLite's busy handler 1, 2, 5, 10, 15, 20, 25, 25,
    25, 50, 50 ms later, then every 100 ms. So once the writer held the lock for ``STREAK_SECONDS`` with no free
    stretch of ``PAUSE_SECONDS`` in between (waiting for its rows counts), it pauses that long: a save that began
    waiting in the streak has waited less than 230 ms, is retried at most 50 ms apart, and goes through in the
    pause, having waited about 250 ms at most. (``stage_rows`` pauses 100 ms between its batches.) It also sizes
    the writer's transactions: as many items as take about ``TRANSACTION_SECONDS`` to write, by the last one.
    """

    STREAK_SECONDS = 0.15
    PAUSE_SECONDS = 0.05
    TRANSACTION_SECONDS = 0.075  # with the streak, under the 230 ms

    def __init__(self, *, most_items: int) -> None:
        self.most_items = most_items
        self.items_per_transaction = min(4, most_items)  # a first guess: a few chunks of cases
        self._held = 0.0

    def waited(self, seconds: float) -> None:
        if seconds >= self.PAUSE_SECONDS:
            self._held = 0.0

    def wrote(self, items: int, seconds: float) -> None:
        self._held += seconds
        fitting = int(items * self.TRANSACTION_SECONDS / max(seconds, 0.001))
        self.items_per_transaction = max(1, min(self.most_items, fitting))

    def pause_if_due(self) -> None:
        if self._held >= self.STREAK_SECONDS:
            time.sleep(self.PAUSE_SECONDS)
            self._held = 0.0


def _mark(writer: Writer, table: str, first_id: int, last_id: int, *, label: str, actor: str) -> Staged:
    cursor = writer.conn.execute(
        "INSERT INTO import_staging (table_name, first_id, last_id, label, host, pid, actor, started_at, "
        "touched_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [table, first_id, last_id, label, _host_name(), os.getpid(), actor, writer.at, writer.at],
    )
    return Staged(mark_id=int(cursor.lastrowid or 0), table=table, first_id=first_id, last_id=last_id)


def stage_rows(
    launch_file: LaunchFile,
    *,
    actor: str,
    table: str,
    label: str,
    rows: Iterable[dict[str, Any]],
    count: int,
    fill: Callable[[Writer, dict[str, Any], int], None],
) -> Staged:
    """Insert ``count`` ``rows`` (dicts of the same columns) into ``table`` by batches, out of sight. The
    rows may be read from the file as they are needed: each batch is taken before the write lock, and only
    one batch is in memory. Their ids are handed out at the start, under the write lock: ``fill(writer,
    values, id)`` sets ``"id"`` in each row (and whatever else goes with it). On any error what was
    written is removed and the error raised."""
    remaining = iter(rows)
    first = next(remaining, None)
    if first is None or count < 1:
        raise ValueError("stage_rows needs at least one row")
    with launch_file.writing(actor) as writer:
        first_id = writer.conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]
        last_id = first_id + count - 1
        staged = _mark(writer, table, first_id, last_id, label=label, actor=actor)
        fill(writer, first, first_id)
        writer.insert_many(table, [first], summary="", audited=False)
        if last_id != first_id:
            # The highest id is taken now, so a teammate's new row gets one after the range: by a stand-in
            # (the first row again), replaced when the last row comes.
            writer.insert_many(table, [{**first, "id": last_id}], summary="", audited=False)
        at = writer.at
    try:
        next_id, per_batch = first_id + 1, ROWS_PER_STEP
        while batch := list(islice(remaining, per_batch)):
            time.sleep(PAUSE_SECONDS)
            with launch_file.writing(actor) as writer:
                writer.at = at  # one import, one time: as if written at once
                began = time.monotonic()
                for values in batch:
                    fill(writer, values, next_id)
                    next_id += 1
                if next_id > last_id:
                    writer.conn.execute(f"DELETE FROM {table} WHERE id = ?", [last_id])  # the stand-in
                writer.insert_many(table, batch, summary="", audited=False)
                touch(writer, staged)
                took = time.monotonic() - began
            fitting = int(len(batch) * BATCH_SECONDS / max(took, 0.001))
            per_batch = max(ROWS_PER_STEP, min(MAX_ROWS_PER_BATCH, fitting))
        if next_id != last_id + 1:  # the file was checked to be the one counted: a bug, not the user's
            raise ValueError(f"{label}: {count} rows were counted, {next_id - first_id} read")
    except BaseException:
        discard(launch_file, staged, actor=actor)
        raise
    return staged


def discard(launch_file: LaunchFile, staged: Staged, *, actor: str) -> None:
    """Remove staged rows by batches; never raises (the file may be gone or locked): what failed the
    import is the error to report, and the next import cleans up."""
    try:
        _delete_staged(launch_file, staged, actor=actor)
    except Exception:
        return


def clean_abandoned(
    launch_file: LaunchFile, *, actor: str, now: datetime | None = None
) -> tuple[Abandoned, ...]:
    """Remove what imports that died part-way had written; return it, for the caller to say so."""
    if launch_file.read_only:
        return ()
    now = now or datetime.now(UTC)
    with launch_file.reading() as conn:
        marks = conn.execute("SELECT * FROM import_staging ORDER BY id").fetchall()
    removed = []
    for mark in marks:
        if not _is_abandoned(mark["host"], mark["pid"], mark["touched_at"], now=now):
            continue
        staged = Staged(mark["id"], mark["table_name"], mark["first_id"], mark["last_id"])
        rows = _delete_staged(launch_file, staged, actor=actor)
        removed.append(Abandoned(staged.table, mark["label"], mark["actor"], mark["started_at"], rows))
    return tuple(removed)


def _host_name() -> str:
    import socket  # here, not at the top: only a staged import needs it, and every import would load it (3 ms)

    return socket.gethostname()


def _is_abandoned(host: str, pid: int, touched_at: str, *, now: datetime) -> bool:
    if now - datetime.fromisoformat(touched_at) > ABANDONED_AFTER:
        return True
    if host != _host_name() or pid == os.getpid():
        return False  # another machine's, still writing; or this process's own
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # a process of that number runs, someone else's
    return False


def _delete_staged(launch_file: LaunchFile, staged: Staged, *, actor: str) -> int:
    """Delete the rows (a run's cases) in short transactions, then the mark; return how many there were."""
    if staged.table == RUNS:
        victims = "SELECT id FROM test_cases WHERE run_id = ?1 LIMIT ?3"
        table = "test_cases"
    else:
        victims = f"SELECT id FROM {staged.table} WHERE id BETWEEN ?1 AND ?2 LIMIT ?3"
        table = staged.table
    deleted = 0
    while True:
        with launch_file.writing(actor) as writer:
            found = writer.conn.execute(
                "SELECT 1 FROM import_staging WHERE id = ?", [staged.mark_id]
            ).fetchone()
            if found is None:
                return deleted  # another process cleaned it up, or showed it: not ours to touch
            began = time.monotonic()
            while True:  # at least one step, however slow the machine
                gone = writer.conn.execute(
                    f"DELETE FROM {table} WHERE id IN ({victims})",
                    [staged.first_id, staged.last_id, DELETE_ROWS_PER_STEP],
                ).rowcount
                deleted += gone
                if gone < DELETE_ROWS_PER_STEP or time.monotonic() - began >= BATCH_SECONDS:
                    break
            if gone < DELETE_ROWS_PER_STEP:
                if staged.table == RUNS:
                    writer.conn.execute(f"DELETE FROM {RUNS} WHERE id = ?", [staged.first_id])
                writer.conn.execute("DELETE FROM import_staging WHERE id = ?", [staged.mark_id])
                return deleted
        time.sleep(PAUSE_SECONDS)
