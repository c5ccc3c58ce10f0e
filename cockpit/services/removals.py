"""Removing a checklist item, a risk or a ticket: a user's action (a duplicate, a row added by mistake).

Edit ▸ Undo of an add calls these too. Each checks the version the caller last saw, so a teammate's change
since is a ``Conflict`` (the user decides) instead of deleting their work, and each is audited with the
whole row as it was: ``Edit.row``, what adding it again needs.
"""

from __future__ import annotations

from cockpit.domain.checklist import check_removable
from cockpit.services.edits import Edit
from cockpit.services.rules import ruling_on
from cockpit.store.launchfile import LaunchFile


def remove_checklist_item(
    lf: LaunchFile, *, actor: str, item_id: int, expect_version: int | None = None
) -> Edit:
    """Remove an item no other item depends on; ``Edit.row`` carries its own ``depends_on``."""
    with lf.writing(actor) as w:
        current = w.row("checklist_items", item_id)
        dependents = {
            r[0]: r[1]
            for r in w.conn.execute(
                "SELECT i.id, i.title FROM checklist_deps d JOIN checklist_items i ON i.id = d.item_id "
                "WHERE d.depends_on_id = ?",
                [item_id],
            )
        }
        with ruling_on(w, "checklist_items", current, expect_version, action="delete"):
            check_removable(item_id, dependents)
        depends_on = [
            r[0]
            for r in w.conn.execute(
                "SELECT depends_on_id FROM checklist_deps WHERE item_id = ? ORDER BY depends_on_id", [item_id]
            )
        ]
        old = w.delete("checklist_items", item_id, expect_version=expect_version)  # its links go with it
    return Edit({**old, "depends_on": depends_on}, w.changes)


def remove_risk(lf: LaunchFile, *, actor: str, risk_id: int, expect_version: int | None = None) -> Edit:
    with lf.writing(actor) as w:
        old = w.delete("risks", risk_id, expect_version=expect_version)
    return Edit(old, w.changes)


def remove_ticket(lf: LaunchFile, *, actor: str, ticket_id: int, expect_version: int | None = None) -> Edit:
    with lf.writing(actor) as w:
        old = w.delete("tickets", ticket_id, expect_version=expect_version)
    return Edit(old, w.changes)
