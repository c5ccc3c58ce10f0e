"""``Changes``: which rows of which tables a write touched, the one value every edit path hands on.

A top-level module rather than part of the store or the domain: the store's writer and watcher build it,
services return it, and the window's session and panes read it to decide what to refresh. The domain has no
notion of tables, and a window that named ``cockpit.store`` just for this value would reach into the file's
layer; here every layer sees it, and it imports nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class Changes:
    """Which rows of which tables a transaction touched: what each pane checks to decide on a refresh."""

    def __init__(self) -> None:
        self.rows: dict[str, set[int]] = defaultdict(set)

    def add(self, table: str, row_id: int | None) -> None:
        self.rows[table].add(row_id if row_id is not None else -1)

    def update(self, other: Changes) -> None:
        for table, rows in other.rows.items():
            self.rows[table] |= rows

    @classmethod
    def union(cls, *parts: Changes | None) -> Changes:
        """Every row any of ``parts`` names (a missing part names none)."""
        merged = cls()
        for part in parts:
            if part is not None:
                merged.update(part)
        return merged

    @classmethod
    def of(cls, rows: Iterable[tuple[str, int | None]]) -> Changes:
        """The changes naming these (table, row id) pairs; a row id None is the whole table."""
        changes = cls()
        for table, row_id in rows:
            changes.add(table, row_id)
        return changes

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __repr__(self) -> str:
        return f"Changes({dict(self.rows)!r})"
