"""What others wrote to one row since a given version of it, read back from the audit trail.

A conflict says "the row is at version 7, not 5"; these are the writes between, field by field, each with
who and when, and the row as it was at version 5 (the one the user's edit started from).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Columns every versioned row carries; they say that a row changed, not what changed in it.
ROW_META = frozenset({"version", "updated_by", "updated_at"})


@dataclass(frozen=True, slots=True)
class Revision:
    """One write transaction's changes to one row: ``old`` and ``new`` value per field."""

    at: datetime
    actor: str
    action: str  # insert | update | delete
    old: dict[str, Any] = field(default_factory=dict[str, Any])
    new: dict[str, Any] = field(default_factory=dict[str, Any])

    def fields(self) -> list[str]:
        """The fields this write changed, meta columns left out, in the order the audit recorded them."""
        names = dict.fromkeys([*self.old, *self.new])
        return [name for name in names if name not in ROW_META]


def revisions_since(
    conn: sqlite3.Connection, table: str, row_id: int, current: dict[str, Any], version: int
) -> tuple[Any, ...]:
    """The writes that took the row from ``version`` to ``current`` (the row as it is now), oldest first.

    Every audit row of one transaction carries the transaction's time and actor, and one transaction moves
    a row one version on for each of its updates of the row's own columns (an item's dependency links are
    audited beside that update, not as a version of their own). Walking back from now, the writes are
    counted until the version the caller started from is reached.
    """
    rows = conn.execute(
        "SELECT at, actor, action, old, new FROM audit WHERE table_name = ? AND row_id = ? ORDER BY id DESC",
        [table, row_id],
    ).fetchall()
    groups: list[list[Any]] = []
    for row in rows:
        if groups and (groups[-1][0][0], groups[-1][0][1]) == (row[0], row[1]):
            groups[-1].append(row)
        else:
            groups.append([row])
    at_version = current.get("version") or 0
    found: list[Revision] = []
    for group in groups:
        if at_version <= version:
            break
        revision = _revision(list(reversed(group)))
        found.append(revision)
        if revision.action == "insert":
            break
        bumps = sum(
            1
            for _at, _actor, action, _old, new in group
            if action == "update" and set(json.loads(new or "{}")) <= set(current)
        )
        at_version -= max(1, bumps)
    return tuple(reversed(found))


def row_before(current: dict[str, Any], revisions: tuple[Any, ...]) -> dict[str, Any]:
    """``current`` with ``revisions`` taken back: the row as it was before the first of them."""
    row = dict(current)
    for revision in reversed(revisions):
        row.update(revision.old)
    return row


def _revision(group: list[Any]) -> Revision:
    """One transaction's audit rows (oldest first) as one revision: each field's first old and last new."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    actions = [row[2] for row in group]
    for _at, _actor, _action, old_text, new_text in group:
        for key, value in json.loads(old_text or "{}").items():
            old.setdefault(key, value)
        new.update(json.loads(new_text or "{}"))
    action = "insert" if "insert" in actions else "delete" if "delete" in actions else "update"
    if action == "insert":
        old = {}
    return Revision(
        at=datetime.fromisoformat(group[0][0]), actor=group[0][1], action=action, old=old, new=new
    )
