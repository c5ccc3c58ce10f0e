"""Undo of an add removes the row with a version check and an audit row; redo puts the same row back."""

from __future__ import annotations

import pytest

from cockpit.errors import BadInput, Conflict
from cockpit.services.added_rows import remove_added_row, restore_removed_row
from cockpit.services.edits import add_checklist_item, add_ticket, update_ticket


def rows(lf, sql, *args):
    return lf.conn.execute(sql, args).fetchall()


def test_remove_then_restore_keeps_the_id_and_the_opening_time(launch_file) -> None:
    ticket = add_ticket(launch_file, actor="ann", title="Printer offline", severity="P2").row
    removed = remove_added_row(
        launch_file, actor="ann", table="tickets", row_id=ticket["id"], expect_version=1
    )
    assert removed.row["title"] == "Printer offline" and removed.changes.rows == {"tickets": {ticket["id"]}}
    assert rows(launch_file, "SELECT * FROM tickets WHERE id = ?", ticket["id"]) == []
    assert [
        tuple(r)
        for r in rows(
            launch_file,
            "SELECT action, actor FROM audit WHERE table_name = 'tickets' AND row_id = ?",
            ticket["id"],
        )
    ] == [
        ("insert", "ann"),
        ("delete", "ann"),
    ]
    back = restore_removed_row(launch_file, actor="ann", table="tickets", row=removed.row).row
    assert (back["id"], back["opened_at"], back["version"]) == (ticket["id"], ticket["opened_at"], 1)


def test_a_teammates_change_makes_the_removal_a_conflict(launch_file) -> None:
    ticket = add_ticket(launch_file, actor="ann", title="Printer offline", severity="P2").row
    update_ticket(launch_file, actor="bob", ticket_id=ticket["id"], severity="P1")
    with pytest.raises(Conflict) as caught:
        remove_added_row(launch_file, actor="ann", table="tickets", row_id=ticket["id"], expect_version=1)
    assert caught.value.action == "delete" and [r.actor for r in caught.value.history] == ["bob"]
    assert len(rows(launch_file, "SELECT * FROM tickets WHERE id = ?", ticket["id"])) == 1


def test_a_restored_item_takes_a_new_id_when_its_old_one_was_taken(launch_file) -> None:
    first = add_checklist_item(launch_file, actor="ann", stage="preparation", category="tests", title="A").row
    item = add_checklist_item(
        launch_file, actor="ann", stage="preparation", category="tests", title="B", depends_on=[first["id"]]
    ).row
    removed = remove_added_row(launch_file, actor="ann", table="checklist_items", row_id=item["id"]).row
    assert removed["depends_on"] == [first["id"]]
    other = add_checklist_item(launch_file, actor="bob", stage="preparation", category="tests", title="X").row
    assert other["id"] == item["id"]  # SQLite gave the free id to bob's new item
    back = restore_removed_row(launch_file, actor="ann", table="checklist_items", row=removed).row
    assert back["id"] not in (item["id"], first["id"]) and back["title"] == "B"
    deps = rows(launch_file, "SELECT depends_on_id FROM checklist_deps WHERE item_id = ?", back["id"])
    assert [r[0] for r in deps] == [first["id"]]


def test_only_added_rows_of_the_three_kinds_can_be_taken_back(launch_file) -> None:
    with pytest.raises(BadInput):
        remove_added_row(launch_file, actor="ann", table="launch", row_id=1)
