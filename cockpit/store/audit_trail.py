"""The audit trail read back for people: what changed, filtered by time, row, person or table.

(``store/watch.py`` reads only which rows changed; ``store/history.py`` the writes since a version.)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str  # insert | update | delete | import | create
    table: str
    row_id: int | None
    old: dict[str, Any] = field(default_factory=dict[str, Any])
    new: dict[str, Any] = field(default_factory=dict[str, Any])
    summary: str = ""


def read_audit(
    conn: sqlite3.Connection,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    tables: Collection[str] | None = None,
    row_id: int | None = None,
    actors: Collection[str] | None = None,
    after_id: int = 0,
) -> tuple[AuditRow, ...]:
    """The audit rows that match every filter given, oldest first."""
    where: list[str] = ["id > ?"]
    values: list[object] = [after_id]
    if since is not None:
        where.append("at >= ?")
        values.append(_stamp(since))
    if until is not None:
        where.append("at <= ?")
        values.append(_stamp(until))
    if tables is not None:
        where.append("table_name IN (SELECT value FROM json_each(?))")
        values.append(json.dumps(sorted(tables)))
    if row_id is not None:
        where.append("row_id = ?")
        values.append(row_id)
    if actors is not None:
        where.append("actor IN (SELECT value FROM json_each(?))")
        values.append(json.dumps(sorted(actors)))
    sql = (
        "SELECT id, at, actor, action, table_name, row_id, old, new, summary FROM audit "
        f"WHERE {' AND '.join(where)} ORDER BY id"
    )
    return tuple(
        AuditRow(
            id=row[0],
            at=datetime.fromisoformat(row[1]),
            actor=row[2],
            action=row[3],
            table=row[4],
            row_id=row[5],
            old=json.loads(row[6] or "{}"),
            new=json.loads(row[7] or "{}"),
            summary=row[8] or "",
        )
        for row in conn.execute(sql, values)
    )


def _stamp(moment: datetime) -> str:
    """A moment as the audit stores it (UTC, milliseconds), so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def read_names(conn: sqlite3.Connection, rows: Collection[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The title or name each of these rows has now (rows removed since have none)."""
    found: dict[tuple[str, int], str] = {}
    by_table: dict[str, list[int]] = {}
    for table, row_id in rows:
        by_table.setdefault(table, []).append(row_id)
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, ids in by_table.items():
        if table not in present:
            continue
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        name = next((c for c in ("title", "name", "person") if c in columns), None)
        if name is None:
            continue
        for row_id, value in conn.execute(
            f"SELECT id, {name} FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
        ):
            found[(table, row_id)] = str(value)
    return found
