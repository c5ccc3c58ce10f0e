"""Open, create and refuse launch files; the pragmas and the write transaction every change goes through.

Rules (DESIGN.md §3): rollback journal only (WAL breaks on network shares), ``synchronous=FULL``,
foreign keys on, a busy timeout, short ``BEGIN IMMEDIATE`` writes, no read transaction held open.
A file that is not ours, or from a newer cockpit, is refused before anything could write to it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cockpit.domain.moments import zone_of
from cockpit.errors import (
    BadInput,
    CockpitError,
    FileReplaced,
    Locked,
    NewerVersion,
    NotALaunchFile,
    NotSaved,
    ReadOnly,
)
from cockpit.i18n import tr
from cockpit.store.new_files import FileIdentity, not_written, temporary_beside
from cockpit.store.schema_version import KNOWN_MIGRATIONS, MIGRATION_SET
from cockpit.words.moments import table_moment_text

if TYPE_CHECKING:
    from sqlite_utils import Database  # imported on first use: it is slow to import

    from cockpit.store.writer import Writer  # with the audit chain: loaded by the first write, not by a read

APPLICATION_ID = 0x474C5643  # "GLVC": Go-Live Cockpit
SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = float(os.environ.get("COCKPIT_LOCK_TIMEOUT", "15"))


def _sqlite_error(exc: sqlite3.Error, path: Path) -> CockpitError:
    from cockpit.store.writer import translate_sqlite_error

    return translate_sqlite_error(exc, path)


@dataclass(frozen=True, slots=True)
class HeaderFacts:
    application_id: int
    wal: bool


def read_header(path: Path) -> HeaderFacts:
    """Classify a file from its first 100 bytes, without letting SQLite touch it."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except IsADirectoryError:
        raise NotALaunchFile(tr("{path} is a folder, not a launch file.", path=path)) from None
    except FileNotFoundError:
        raise BadInput(
            tr("{path} does not exist. Check the path, or create it with 'cockpit new'.", path=path)
        ) from None
    except PermissionError:
        raise ReadOnly(
            tr("{path} cannot be read: permission denied. Ask the owner of the folder for access.", path=path)
        ) from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        kind = tr("it is empty") if not header else tr("it is not an SQLite database")
        raise NotALaunchFile(
            tr(
                "{path} is not a launch file: {kind}. Open a .golive file made by the cockpit.",
                path=path,
                kind=kind,
            )
        )
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        what = tr("a plain SQLite database") if app_id == 0 else tr("another application's SQLite database")
        raise NotALaunchFile(
            tr(
                "{path} is not a launch file: it is {what}. It was left untouched; open a .golive file made by the cockpit.",
                path=path,
                what=what,
            )
        )
    return HeaderFacts(application_id=app_id, wal=header[18] == 2 or header[19] == 2)


def _sqlite_uri(path: Path, mode: str) -> str:
    """``path`` as a ``file:`` URI, so that every character of it is literal to SQLite.

    SQLite (built with URI names on, as most Linux builds are) reads a plain name starting with ``file:`` as a
    URI: ``file:a.golive`` would open ``a.golive``. ``as_uri`` percent-encodes ``:``, ``?``, ``#`` and ``%``.
    """
    return f"{path.absolute().as_uri()}?mode={mode}"


def _sqlite_connect(
    path: Path, *, mode: str, timeout: float, check_same_thread: bool = True
) -> sqlite3.Connection:
    return sqlite3.connect(
        _sqlite_uri(path, mode),
        uri=True,
        timeout=timeout,
        isolation_level=None,
        check_same_thread=check_same_thread,
    )


def _connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    mode = "ro" if read_only else "rw"
    conn = _sqlite_connect(path, mode=mode, timeout=timeout, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True, slots=True)
class SnapshotMark:
    """What makes a copy a snapshot (``cockpit snapshot``): when it was taken, by whom, of which file."""

    taken_at: datetime
    taken_by: str
    source: str
    timezone: str


def _snapshot_mark(conn: sqlite3.Connection, applied: list[str]) -> SnapshotMark | None:
    if "0008_presence_notes" not in applied:
        return None
    found = conn.execute(
        "SELECT s.taken_at, s.taken_by, s.source, l.timezone FROM snapshot s LEFT JOIN launch l ON l.id = 1"
    ).fetchone()
    if found is None:
        return None
    return SnapshotMark(datetime.fromisoformat(found[0]), found[1], found[2], found[3] or "UTC")


def _check_schema(path: Path, timeout: float) -> tuple[list[str], SnapshotMark | None]:
    """Refuse a file from a newer cockpit; return the migrations this file still needs, and its snapshot
    mark (None for a live file)."""
    if _journal_path(path).exists():
        _recover_interrupted_write(path, timeout)
    conn = _connect(path, read_only=True, timeout=timeout)
    try:
        applied = _applied_migrations(conn)
        mark = (
            _snapshot_mark(conn, applied) if not [n for n in applied if n not in KNOWN_MIGRATIONS] else None
        )
    except sqlite3.OperationalError as exc:
        raise _unreadable(path, exc) from None
    except sqlite3.DatabaseError as exc:
        raise NotALaunchFile(
            tr("{path} is not a readable launch file: {error}.", path=path, error=exc)
        ) from None
    finally:
        conn.close()
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise NewerVersion(
            tr(
                "{path} was written by a newer Go-Live Cockpit (schema {schema}). "
                "It was left untouched; update the cockpit to open it.",
                path=path,
                schema=unknown[-1],
            )
        )
    return [name for name in KNOWN_MIGRATIONS if name not in applied], mark


def _journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _recover_interrupted_write(path: Path, timeout: float) -> None:
    """Let SQLite roll back what a crashed or cut-off writer left half done (a "hot" journal).

    A read-only connection cannot do that rollback and fails every read with "attempt to write a readonly
    database", so the file would stay unreadable for everyone. The first read on a read-write connection
    restores the last committed state; a journal that is not hot (a writer still at work) is left alone.
    Only files already known to be launch files (their header) get here.
    """
    if _writable_reason(path):
        return  # _unreadable() explains it if the journal turns out to be hot
    try:
        conn = _sqlite_connect(path, mode="rw", timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return  # locked or unreadable: the read-only check that follows says which


def _unreadable(path: Path, exc: sqlite3.OperationalError) -> CockpitError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return Locked(
            tr(
                "{path} stayed locked by another user past the timeout; nothing was read or written. "
                "Try again in a moment.",
                path=path,
            )
        )
    if "readonly" in text and _journal_path(path).exists():
        return ReadOnly(
            tr(
                "{path} holds a write that was cut off (its journal {journal} is still beside it), and it "
                "cannot be repaired here because {reason}. Open it once from a place where you can write "
                "to it; the unfinished write is then rolled back and nothing committed is lost.",
                path=path,
                journal=_journal_path(path).name,
                reason=_writable_reason(path) or tr("the share is read-only"),
            )
        )
    return NotALaunchFile(tr("{path} is not a readable launch file: {error}.", path=path, error=exc))


def _writable_reason(path: Path) -> str:
    """Why this file cannot be written here, or '' when it can (the journal needs the folder too)."""
    if not os.access(path, os.W_OK):
        return tr("the file is read-only for you")
    if not os.access(path.parent, os.W_OK):
        return tr("its folder is read-only for you, and SQLite needs to write a journal file beside it")
    return ""


def _convert_wal(path: Path, timeout: float) -> str:
    """Turn a WAL file back into a rollback-journal file; return '' on success, else why not."""
    try:
        conn = _sqlite_connect(path, mode="rw", timeout=0.2)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        mode = "wal"
    if str(mode).lower() != "delete":
        return tr(
            "the file is in WAL mode and another program has it open, so it cannot be converted back "
            "to the rollback journal a shared folder needs; close the other program and open it again"
        )
    return ""


class LaunchFile:
    """One open launch file: a connection, its read-only state and the write transaction."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        read_only_reason: str = "",
        snapshot: SnapshotMark | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only_reason = read_only_reason
        self.snapshot = snapshot  # a copy for review, never written: see store/snapshots.py
        # The file the connection writes to: sync and backup tools replace a file by rename, and SQLite
        # then goes on writing, without error, to a file no path names any more.
        self.identity = FileIdentity.of(path)

    @functools.cached_property
    def db(self) -> Database:
        """The sqlite-utils view of the connection, built on first use (its import is slow)."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> LaunchFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def data_version(self) -> int:
        """Moves whenever another connection commits; costs no I/O when nothing changed."""
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A short read transaction: a consistent view, released as soon as the block ends."""
        try:
            self.conn.execute("BEGIN")
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(exc, self.path) from None
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def writing(self, actor: str) -> Iterator[Writer]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``: every change and its audit rows, or nothing."""
        if self.read_only:
            raise ReadOnly(
                tr("{path} is open read-only: {reason}.", path=self.path, reason=self.read_only_reason)
            )
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(exc, self.path) from None
        from cockpit.store.writer import Writer

        writer = Writer(self.conn, actor)
        try:
            yield writer
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            self._check_still_there()  # a deleted file shows up as "read-only": say what really happened
            raise _sqlite_error(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise
        self._check_still_there()

    def _check_still_there(self) -> None:
        """Refuse to report a write as done when the path no longer names the file it went to."""
        if FileIdentity.of(self.path) != self.identity:
            raise FileReplaced(
                tr(
                    "{path} was replaced or deleted by another program (a sync or backup tool, for example) "
                    "while the cockpit was writing to it: nothing was saved at {path}. Check which file is "
                    "there now, then do it again.",
                    path=self.path,
                )
            )

    def check_same_file(self) -> None:
        """Raise ``FileReplaced`` when the path no longer names the file this connection reads."""
        if FileIdentity.of(self.path) != self.identity:
            raise FileReplaced(
                tr(
                    "{path} was replaced or deleted by another program (a sync or backup tool, for example) "
                    "since the cockpit opened it: the window no longer shows what is at {path}, and nothing "
                    "more would be saved there. Reopen it to see the file that is there now.",
                    path=self.path,
                )
            )

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")


def open_launch(path: str | Path, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT) -> LaunchFile:
    """Open a launch file, upgrading an older schema, or refuse it untouched."""
    path = Path(path)
    facts = read_header(path)
    pending, snapshot = _check_schema(path, timeout)
    if snapshot is not None:
        reason = snapshot_reason(snapshot)
    else:
        reason = tr("it was opened read-only") if read_only else _writable_reason(path)
    if facts.wal and not reason:
        reason = _convert_wal(path, timeout)
    if reason and pending:
        raise ReadOnly(
            tr(
                "{path} was made by an older Go-Live Cockpit and must be upgraded, but {reason}. "
                "Open it once from a place where you can write to it.",
                path=path,
                reason=reason,
            )
        )
    conn = _connect(path, read_only=bool(reason), timeout=timeout)
    launch = LaunchFile(path, conn, read_only_reason=reason, snapshot=snapshot)
    if not reason:
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            if pending:
                _upgrade(launch)
        except BaseException:
            conn.close()
            raise
    return launch


def snapshot_reason(mark: SnapshotMark) -> str:
    """Why a snapshot opens read-only, and where changes go instead."""
    zone = zone_of(mark.timezone)
    taken = mark.taken_at.astimezone(zone)
    return tr(
        "it is a snapshot taken {when} by {who} for review; make changes in the live file {source}",
        when=f"{table_moment_text(taken, zone)} {taken.tzname() or ''}".strip(),
        who=mark.taken_by,
        source=mark.source,
    )


def _upgrade(launch: LaunchFile) -> None:
    backup = launch.path.with_name(launch.path.name + ".before-upgrade")
    import shutil  # with bz2 and lzma: only an upgrade copies a file

    shutil.copy2(launch.path, backup)  # the one copy a failed upgrade can be restored from
    try:
        from cockpit.store.migrations import migrations

        launch.conn.execute("BEGIN IMMEDIATE")
        migrations.apply(launch.db)
        launch.conn.execute("COMMIT")
    except sqlite3.Error as exc:
        launch._rollback()
        raise _sqlite_error(exc, launch.path) from None


def create_launch(
    path: str | Path,
    *,
    name: str,
    go_live: datetime,
    timezone: str,
    actor: str,
    fill: Callable[[Writer], None] | None = None,
) -> Path:
    """Write a new launch file atomically: built beside the target, then renamed into place.

    The store adds only the launch row: what a launch starts with (SLA targets, go/no-go criteria, a
    checklist) is a template's (``services/templates``), written by ``fill``, which is called with the
    ``Writer`` inside the creating transaction (templates and the demo use it), so a half-built launch never
    appears under the final name.
    """
    path = Path(path)
    if go_live.tzinfo is None:
        raise BadInput(tr("The go-live time needs a time zone, e.g. 2026-12-01T09:00+09:00."))
    if path.exists():
        raise BadInput(
            tr(
                "{path} already exists; the cockpit never overwrites a launch file. Choose another name.",
                path=path,
            )
        )
    if not path.parent.exists():
        raise BadInput(tr("The folder {folder} does not exist.", folder=path.parent))
    try:
        tmp = temporary_beside(path, suffix=CREATING_SUFFIX)
    except OSError as exc:
        raise NotSaved(not_written(path, exc, what=tr("the new launch file"))) from None
    try:
        conn = _connect(tmp, read_only=False, timeout=DEFAULT_TIMEOUT)
        launch = LaunchFile(tmp, conn)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = DELETE")
            from cockpit.store.migrations import migrations

            conn.execute("BEGIN IMMEDIATE")
            migrations.apply(launch.db)
            conn.execute("COMMIT")
            with launch.writing(actor) as w:
                w.insert(
                    "launch", {"id": 1, "name": name, "go_live": go_live.isoformat(), "timezone": timezone}
                )
                if fill is not None:
                    fill(w)
            problems = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if problems != "ok":
                raise CockpitError(
                    tr("The new launch file failed its integrity check: {problems}", problems=problems)
                )
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # fails if someone created the target meanwhile: never overwrite
        except FileExistsError:
            raise BadInput(
                tr("{path} already exists; the cockpit never overwrites a launch file.", path=path)
            ) from None
        except OSError:
            if path.exists():
                raise BadInput(
                    tr("{path} already exists; the cockpit never overwrites a launch file.", path=path)
                ) from None
            os.replace(tmp, path)  # file systems without hard links
    except NotSaved as exc:  # from launch.writing(): name the file the user asked for, not our temporary one
        raise NotSaved(str(exc).replace(str(tmp), str(path))) from None
    except sqlite3.Error as exc:  # the schema's own writes, outside launch.writing(): a full disk, mostly
        raise _sqlite_error(exc, path) from None
    except OSError as exc:
        raise NotSaved(not_written(path, exc, what=tr("the new launch file"))) from None
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + "-journal").unlink(missing_ok=True)
    return path


CREATING_SUFFIX = ".creating"
# ".NAME." + mkstemp's eight characters + ".creating": only files of exactly our own naming are ever removed.
_CREATING_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}" + re.escape(CREATING_SUFFIX) + "$")
# A creation in progress writes to its file all the time; one untouched this long was cut off (killed).
ABANDONED_AFTER_SECONDS = 30 * 60


def remove_abandoned_creations(folder: Path) -> list[Path]:
    """Remove what a killed ``new`` or ``demo`` left in ``folder``; return the files removed.

    A file is removed only when it has our naming, neither it nor its journal was written for
    ``ABANDONED_AFTER_SECONDS``, it is an SQLite file (or still empty), and SQLite's write lock on it is
    free: a slow creation on another machine of the team keeps its file.
    """
    removed = []
    with contextlib.suppress(OSError):
        for candidate in Path(folder).iterdir():
            if _CREATING_NAME.match(candidate.name) and _abandoned(candidate):
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    _journal_path(candidate).unlink(missing_ok=True)
                    removed.append(candidate)
    return sorted(removed)


def _abandoned(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    last_written = max(
        (p.stat().st_mtime for p in (path, _journal_path(path)) if p.exists()), default=time.time()
    )
    if time.time() - last_written < ABANDONED_AFTER_SECONDS:
        return False
    try:
        conn = _sqlite_connect(path, mode="rw", timeout=0)
        try:
            conn.execute("BEGIN IMMEDIATE")  # fails at once while any writer holds the file
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails if it is no SQLite file
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True
