"""Undo and redo of an add: take back a checklist item, risk or ticket I added, and put it back.

The removal checks the version I last wrote, so a teammate's change since makes it a ``Conflict`` (the
window asks) instead of deleting their work; it is audited with the whole row, which is what the redo
puts back: the same id when it is still free, the same opening time for a ticket (its SLA clocks).
"""

from __future__ import annotations

from typing import Any

from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit
from cockpit.store.history import ROW_META
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer

REMOVABLE = frozenset({"checklist_items", "risks", "tickets"})


def _check_table(table: str) -> None:
    if table not in REMOVABLE:
        raise BadInput(
            tr(
                "Only an added checklist item, risk or ticket can be taken back, not a row of {table}.",
                table=table,
            )
        )


def remove_added_row(
    lf: LaunchFile, *, actor: str, table: str, row_id: int, expect_version: int | None = None
) -> Edit:
    """Delete the row I added (undo); ``Edit.row`` is the row as it was, with an item's ``depends_on``."""
    _check_table(table)
    with lf.writing(actor) as w:
        current = w.row(table, row_id)
        depends_on: list[int] = []
        if table == "checklist_items":
            if expect_version is None or current["version"] == expect_version:
                _refuse_if_needed(w, row_id)
            depends_on = [
                r[0]
                for r in w.conn.execute(
                    "SELECT depends_on_id FROM checklist_deps WHERE item_id = ? ORDER BY depends_on_id",
                    [row_id],
                )
            ]
        old = w.delete(table, row_id, expect_version=expect_version, summary=tr("undo of adding it"))
    row = {**old, "depends_on": depends_on} if table == "checklist_items" else old
    return Edit(row, w.changes)


def _refuse_if_needed(w: Writer, item_id: int) -> None:
    """Deleting an item would silently drop other items' dependencies on it (someone else's work)."""
    dependents = w.conn.execute(
        "SELECT i.id, i.title FROM checklist_deps d JOIN checklist_items i ON i.id = d.item_id "
        "WHERE d.depends_on_id = ? ORDER BY i.id",
        [item_id],
    ).fetchall()
    if dependents:
        names = ", ".join(f"#{r[0]} {r[1]}" for r in dependents)
        raise BadInput(
            tr(
                "Item #{id} was not taken back: {names} depend(s) on it. Remove that dependency first, "
                "then undo again.",
                id=item_id,
                names=names,
            )
        )


def restore_removed_row(lf: LaunchFile, *, actor: str, table: str, row: dict[str, Any]) -> Edit:
    """Put back a row ``remove_added_row`` took (redo), under its old id when no other row took it since."""
    _check_table(table)
    with lf.writing(actor) as w:
        columns = {r[1] for r in w.conn.execute(f"PRAGMA table_info({table})")}
        values = {k: v for k, v in row.items() if k in columns and k not in ROW_META}
        if (
            values.get("id") is not None
            and w.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [values["id"]]).fetchone()
        ):
            values.pop("id")
        inserted = w.insert(table, values, summary=tr("redo of adding it"))
        if table == "checklist_items":
            deps = [
                dep
                for dep in row.get("depends_on", ())
                if w.conn.execute("SELECT 1 FROM checklist_items WHERE id = ?", [dep]).fetchone()
            ]
            w.conn.executemany(
                "INSERT INTO checklist_deps (item_id, depends_on_id) VALUES (?, ?)",
                [(inserted["id"], dep) for dep in deps],
            )
            inserted = {**inserted, "depends_on": deps}
    return Edit(inserted, w.changes)
