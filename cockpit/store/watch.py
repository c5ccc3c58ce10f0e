"""Notice changes other connections committed to a launch file: the Qt-free core of the window's watcher.

``PRAGMA data_version`` costs no I/O while nothing changed; only when it moves are the audit rows
written since the last one seen read, and turned into the same ``Changes`` a local edit returns.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.store.launchfile import DEFAULT_TIMEOUT, LaunchFile, open_launch
from cockpit.store.read import read_launch

_AUDIT_SQL = "SELECT id, at, actor, action, table_name, row_id FROM audit WHERE id > ? ORDER BY id"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    id: int
    at: datetime
    actor: str
    action: str
    table: str
    row_id: int | None


@dataclass(frozen=True, slots=True)
class Seen:
    """What a poll found: the events after the last one seen, and the ``Changes`` they add up to."""

    events: tuple[AuditEvent, ...]
    changes: Changes
    last_audit_id: int

    @property
    def last_event(self) -> AuditEvent | None:
        return self.events[-1] if self.events else None


def last_audit_id(conn: sqlite3.Connection) -> int:
    found: int = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit").fetchone()[0]
    return found


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A whole launch and the last audit row it includes, read in one transaction.

    The audit mark lets a watcher tell changes already in ``data`` from newer ones.
    """

    data: LaunchData
    audit_id: int
    last_event: AuditEvent | None


def load_snapshot(launch_file: LaunchFile) -> Snapshot:
    with launch_file.reading() as conn:
        data = read_launch(conn)
        mark = last_audit_id(conn)
        row = conn.execute(_AUDIT_SQL.replace("id > ?", "id = ?"), [mark]).fetchone()
    return Snapshot(data=data, audit_id=mark, last_event=_event(row) if row is not None else None)


def audit_events_since(conn: sqlite3.Connection, audit_id: int) -> tuple[AuditEvent, ...]:
    """The audit rows after ``audit_id``, oldest first."""
    return tuple(_event(row) for row in conn.execute(_AUDIT_SQL, [audit_id]))


def _event(row: sqlite3.Row) -> AuditEvent:
    return AuditEvent(
        id=row["id"],
        at=datetime.fromisoformat(row["at"]),
        actor=row["actor"],
        action=row["action"],
        table=row["table_name"],
        row_id=row["row_id"],
    )


class Watcher:
    """Polls one launch file on its own read-only connection; every call is short and holds no lock after."""

    def __init__(
        self, path: str | Path, *, since_audit_id: int | None = None, timeout: float = DEFAULT_TIMEOUT
    ):
        self._file = open_launch(path, read_only=True, timeout=timeout)
        # Given a mark, the first poll reads the audit since it: a teammate may have committed between the
        # snapshot that set the mark and this connection's first data_version, which would never move for it.
        self._data_version: int | None = None if since_audit_id is not None else self._file.data_version()
        if since_audit_id is None:
            with self._file.reading() as conn:
                since_audit_id = last_audit_id(conn)
        self.last_audit_id = since_audit_id

    def poll(self) -> Seen | None:
        """The audit events committed since the last poll, or None when the file did not change."""
        self._file.check_same_file()  # a stat: cheap, and the only way to notice a file replaced by rename
        version = self._file.data_version()
        if version == self._data_version:
            return None
        self._data_version = version
        with self._file.reading() as conn:
            events = audit_events_since(conn, self.last_audit_id)
        if not events:
            return None
        changes = Changes.of((event.table, event.row_id) for event in events)
        self.last_audit_id = events[-1].id
        return Seen(events=events, changes=changes, last_audit_id=self.last_audit_id)

    def close(self) -> None:
        self._file.close()
