"""Removing an item, a risk or a ticket: version-checked, audited with the whole row; adding it again
(Edit ▸ Redo of an add) with the row's values gives it back, a ticket with its opening time."""

from __future__ import annotations

import pytest

from cockpit.errors import BadInput, Conflict, NotFound
from cockpit.services.edits import (
    add_checklist_item,
    add_risk,
    add_ticket,
    update_checklist_item,
    update_ticket,
)
from cockpit.services.removals import remove_checklist_item, remove_risk, remove_ticket


def rows(lf, sql, *args):
    return lf.conn.execute(sql, args).fetchall()


def audit(lf, table, row_id):
    found = rows(
        lf, "SELECT action, actor FROM audit WHERE table_name = ? AND row_id = ? ORDER BY id", table, row_id
    )
    return [tuple(r) for r in found]


def test_remove_then_add_again_keeps_the_id_and_the_opening_time(launch_file) -> None:
    ticket = add_ticket(launch_file, actor="ann", title="Printer offline", severity="P2").row
    removed = remove_ticket(launch_file, actor="ann", ticket_id=ticket["id"], expect_version=1)
    assert removed.row["title"] == "Printer offline" and removed.changes.rows == {"tickets": {ticket["id"]}}
    assert rows(launch_file, "SELECT * FROM tickets WHERE id = ?", ticket["id"]) == []
    assert audit(launch_file, "tickets", ticket["id"]) == [("insert", "ann"), ("delete", "ann")]
    back = add_ticket(
        launch_file, actor="ann", title="Printer offline", severity="P2", opened_at=removed.row["opened_at"]
    ).row
    assert (back["id"], back["opened_at"], back["version"]) == (ticket["id"], ticket["opened_at"], 1)


def test_a_ticket_cannot_be_opened_in_the_future_or_without_a_zone(launch_file) -> None:
    with pytest.raises(BadInput, match="future"):
        add_ticket(launch_file, actor="ann", title="T", severity="P2", opened_at="2999-01-01T00:00+00:00")
    with pytest.raises(BadInput, match="time zone"):
        add_ticket(launch_file, actor="ann", title="T", severity="P2", opened_at="2026-01-01T00:00")
    assert rows(launch_file, "SELECT * FROM tickets") == []


def test_a_teammates_change_makes_the_removal_a_conflict(launch_file) -> None:
    ticket = add_ticket(launch_file, actor="ann", title="Printer offline", severity="P2").row
    update_ticket(launch_file, actor="bob", ticket_id=ticket["id"], severity="P1")
    with pytest.raises(Conflict) as caught:
        remove_ticket(launch_file, actor="ann", ticket_id=ticket["id"], expect_version=1)
    assert caught.value.action == "delete" and [r.actor for r in caught.value.history] == ["bob"]
    assert len(rows(launch_file, "SELECT * FROM tickets WHERE id = ?", ticket["id"])) == 1


def test_a_removed_item_takes_its_own_dependencies_with_it(launch_file) -> None:
    first = add_checklist_item(launch_file, actor="ann", stage="preparation", category="tests", title="A").row
    item = add_checklist_item(
        launch_file, actor="ann", stage="preparation", category="tests", title="B", depends_on=[first["id"]]
    ).row
    removed = remove_checklist_item(launch_file, actor="ann", item_id=item["id"]).row
    assert removed["depends_on"] == [first["id"]]
    assert rows(launch_file, "SELECT * FROM checklist_deps") == []


def test_an_item_others_depend_on_is_not_removed_unless_it_moved_since(launch_file) -> None:
    first = add_checklist_item(launch_file, actor="ann", stage="preparation", category="tests", title="A").row
    add_checklist_item(
        launch_file, actor="bob", stage="preparation", category="tests", title="B", depends_on=[first["id"]]
    )
    with pytest.raises(BadInput, match="#2 B depend"):
        remove_checklist_item(launch_file, actor="ann", item_id=first["id"], expect_version=1)
    update_checklist_item(launch_file, actor="bob", item_id=first["id"], title="A'")
    with pytest.raises(Conflict):  # what bob did is the news, before the rule
        remove_checklist_item(launch_file, actor="ann", item_id=first["id"], expect_version=1)
    assert len(rows(launch_file, "SELECT * FROM checklist_items")) == 2


def test_a_risk_is_removed_with_its_audit_row(launch_file) -> None:
    risk = add_risk(launch_file, actor="ann", title="R", likelihood=2, impact=3).row
    remove_risk(launch_file, actor="ann", risk_id=risk["id"], expect_version=1)
    assert audit(launch_file, "risks", risk["id"]) == [("insert", "ann"), ("delete", "ann")]
    with pytest.raises(NotFound):
        remove_risk(launch_file, actor="ann", risk_id=risk["id"])
