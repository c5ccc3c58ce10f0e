"""The checklist pane on a small launch file and on the demo launch: inline status, Blocked needs a reason
and shows it, filters, add/edit, undo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from cockpit.domain.checklist import is_overdue
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.checklist.model import ChecklistTreeModel, Column, Role
from tests.paths import REPO


def file_items(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {i.id: i for i in load_launch(lf).checklist}


def checklist(make_window, path: Path):
    window = make_window(path)
    window.show_pane("checklist")
    return window, window.pane("checklist")


def status_index(pane, item_id: int):
    return pane.view_index(pane.model.index_of_item(item_id, Column.STATUS))


def test_models_pass_the_model_tester(qtmodeltester, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    qtmodeltester.check(pane.model)
    pane.set_filters(owner="bob")
    qtmodeltester.check(pane.proxy)


def test_tree_groups_by_stage_then_category_with_progress(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    model: ChecklistTreeModel = pane.model
    stages = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert stages == ["Preparation", "Go-live", "Follow-up"]
    preparation = model.index(0, 0)
    categories = [model.index(r, 0, preparation).data() for r in range(model.rowCount(preparation))]
    assert categories == ["Tests", "Data migration", "Training"]
    assert model.index(0, Column.STATUS).data() == "1 of 4 done · 25%"
    assert model.index(0, Column.STATUS, preparation).data() == "1 of 2 done · 50%"


def test_inline_status_change_is_written_to_the_file(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    index = status_index(pane, 3)
    pane.tree.setCurrentIndex(index)
    pane.tree.edit(index)
    combo = pane.tree.viewport().findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("in_progress"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "in_progress", timeout=30_000)
    qtbot.waitUntil(lambda: pane.model.item(3).status == "in_progress", timeout=30_000)
    assert "In progress" in status_index(pane, 3).data()


def test_blocked_without_a_reason_is_refused(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    pane.tree.model().setData(status_index(pane, 3), "blocked")
    dialog = pane.reason_dialog
    assert dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # even forced, an empty reason does not close it
    assert dialog.isVisible()
    dialog.reject()
    assert file_items(small_launch)[3].status == "not_started"

    pane.tree.model().setData(status_index(pane, 3), "blocked")
    pane.reason_dialog.reason.setText("Trainer ill")
    pane.reason_dialog.ok_button.click()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "blocked", timeout=30_000)
    assert file_items(small_launch)[3].blocked_reason == "Trainer ill"


def test_filters_show_the_right_rows(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    assert sorted(pane.visible_item_ids()) == [1, 2, 3, 4, 5, 6]
    pane.set_filters(owner="bob")
    assert sorted(pane.visible_item_ids()) == [2, 4]
    pane.set_filters(owner="", blocked_only=True)
    assert pane.visible_item_ids() == [4]
    pane.set_filters(blocked_only=False, overdue_only=True)
    assert pane.visible_item_ids() == [2]  # item 1 is past due too, but done
    pane.set_filters(overdue_only=False, text="dns")
    assert pane.visible_item_ids() == [5]
    pane.set_filters(text="", status="done")
    assert pane.visible_item_ids() == [1]
    # Only the groups that still hold a matching item remain.
    assert pane.proxy.rowCount() == 1
    pane.set_filters(status="")
    assert len(pane.visible_item_ids()) == 6


def test_overdue_items_stand_out(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    due = pane.view_index(pane.model.index_of_item(2, Column.DUE))
    assert due.data(Role.OVERDUE)
    assert due.data().startswith("⚠")
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    on_time = pane.view_index(pane.model.index_of_item(3, Column.DUE))
    assert not on_time.data(Role.OVERDUE) and not on_time.data().startswith("⚠")


def test_dependencies_are_shown_with_their_state(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    deps = pane.model.index_of_item(5, Column.DEPENDS_ON)
    assert deps.data() == "◷ #2, #4"
    assert "Migration rehearsal — Blocked" in deps.data(Qt.ItemDataRole.ToolTipRole)


def test_undo_restores_the_previous_value_in_the_file(qtbot, make_window, small_launch):
    window, pane = checklist(make_window, small_launch)
    pane.request_status(pane.model.item(3), "done")
    qtbot.waitUntil(lambda: pane.model.item(3).status == "done", timeout=30_000)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "not_started", timeout=30_000)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "done", timeout=30_000)


def test_add_dialog_validates_and_writes_the_item(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    pane.add_item()
    dialog = pane.item_dialog
    dialog.accept()
    assert dialog.isVisible() and "title" in dialog.error.text()
    dialog.title.setText("Print cutover runbook")
    dialog.stage.setCurrentIndex(dialog.stage.findData("go_live"))
    dialog.category.setCurrentIndex(dialog.category.findData("announcements"))
    offered = [dialog.owner.itemText(row) for row in range(dialog.owner.count())]
    assert offered == ["Alice Abe", "Bob Baba", "alice", "bob"]  # the people, as items name them
    dialog.owner.setCurrentText("carol")  # on an item of old, but not a person of this launch
    dialog.accept()
    assert dialog.isVisible() and "alice (Alice Abe), bob (Bob Baba)" in dialog.error.text()
    dialog.owner.setCurrentText("BOB")  # a login, in any case
    dialog.has_due.setChecked(True)
    dialog.is_gate.setChecked(True)
    for row in range(dialog.depends_on.count()):
        entry = dialog.depends_on.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) == 5:
            entry.setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    qtbot.waitUntil(lambda: len(file_items(small_launch)) == 7, timeout=30_000)
    added = file_items(small_launch)[7]
    assert (added.title, added.stage, added.category, added.owner, added.is_gate) == (
        "Print cutover runbook",
        "go_live",
        "announcements",
        "bob",
        True,
    )
    assert added.due is not None and added.depends_on == (5,)
    qtbot.waitUntil(lambda: 7 in pane.visible_item_ids(), timeout=30_000)


def test_edit_dialog_sends_only_the_changes_and_undo_reverts_them(qtbot, make_window, small_launch):
    window, pane = checklist(make_window, small_launch)
    pane.select_item(3)
    pane.edit_selected()
    dialog = pane.item_dialog
    dialog.owner.setCurrentText("Bob Baba")  # a person, by name
    dialog.has_due.setChecked(False)
    dialog.accept()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].owner == "Bob Baba", timeout=30_000)
    assert file_items(small_launch)[3].due is None
    assert file_items(small_launch)[3].title == "Key users trained"
    qtbot.waitUntil(window.undo_action.isEnabled, timeout=30_000)
    window.undo_action.trigger()  # back to carol, who is on no list of people: undo puts back what was
    qtbot.waitUntil(lambda: file_items(small_launch)[3].owner == "carol", timeout=30_000)
    assert file_items(small_launch)[3].due is not None


def test_a_teammates_change_in_another_process_refreshes_the_pane(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    env = {**os.environ, "PYTHONPATH": str(REPO), "COCKPIT_LANG": "en"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cockpit",
            "checklist",
            "set",
            str(small_launch),
            "3",
            "--status",
            "done",
            "--as",
            "bob",
        ],
        check=True,
        env=env,
        capture_output=True,
        timeout=60,
    )
    qtbot.waitUntil(lambda: pane.model.item(3).status == "done", timeout=30_000)
    assert status_index(pane, 3).data() == "Done"


def test_read_only_window_offers_no_edits(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    assert pane.add_button.isEnabled()
    window_ro = make_window(small_launch, read_only=True)
    pane_ro = window_ro.pane("checklist")
    window_ro.show_pane("checklist")
    assert not pane_ro.add_button.isEnabled()
    assert not pane_ro.model.flags(pane_ro.model.index_of_item(3, Column.STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert pane.model.flags(pane.model.index_of_item(3, Column.STATUS)) & Qt.ItemFlag.ItemIsEditable


# -- the demo launch: 120 items over three stages, some blocked or overdue ------------------------------------------


def reason_row(pane, item_id: int):
    """The row under a blocked item (in the view's model) that says why it is blocked."""
    item = pane.view_index(pane.model.index_of_item(item_id))
    return pane.tree.model().index(0, 0, item), item


def test_on_the_demo_a_blocked_item_says_why_in_its_row(make_window, demo_file):
    _, pane = checklist(make_window, demo_file)
    blocked = {i.id: i for i in file_items(demo_file).values() if i.status == "blocked"}
    assert len(blocked) == 3
    for item_id, item in blocked.items():
        reason, item_index = reason_row(pane, item_id)
        assert reason.data() == f"⊘ Blocked: {item.blocked_reason}"
        assert reason.data(Role.ITEM).id == item_id  # selecting it (or double-clicking it) means the item
        assert pane.tree.isFirstColumnSpanned(0, item_index)  # across every column: a wall shows it whole
        assert pane.tree.isExpanded(item_index)
    pane.set_filters(blocked_only=True)
    assert sorted(pane.visible_item_ids()) == sorted(blocked)
    reason, item_index = reason_row(pane, next(iter(blocked)))
    assert reason.data().startswith("⊘ Blocked: ") and pane.tree.isFirstColumnSpanned(0, item_index)
    # An item without a reason row is not blocked; unblocked items have no children.
    not_blocked = next(i for i in file_items(demo_file) if i not in blocked)
    assert pane.model.rowCount(pane.model.index_of_item(not_blocked)) == 0


def test_on_the_demo_filters_show_the_right_rows(make_window, demo_file):
    _, pane = checklist(make_window, demo_file)
    items = file_items(demo_file)
    assert sorted(pane.visible_item_ids()) == sorted(items)
    owner = max({i.owner for i in items.values()}, key=lambda o: sum(i.owner == o for i in items.values()))
    pane.set_filters(owner=owner)
    assert sorted(pane.visible_item_ids()) == sorted(i.id for i in items.values() if i.owner == owner)
    pane.set_filters(status="in_progress")  # and still that owner
    assert sorted(pane.visible_item_ids()) == sorted(
        i.id for i in items.values() if i.owner == owner and i.status == "in_progress"
    )
    pane.set_filters(owner="", status="")
    pane.set_filters(overdue_only=True)
    overdue = sorted(i.id for i in items.values() if is_overdue(i, now=pane._now))
    assert overdue and sorted(pane.visible_item_ids()) == overdue
    pane.set_filters(overdue_only=False, text="vendor patch")  # words of a blocked item's reason
    assert pane.visible_item_ids() == [
        i.id for i in items.values() if "vendor patch" in i.blocked_reason.casefold()
    ]
    pane.set_filters(text="")
    assert len(pane.visible_item_ids()) == len(items)


def test_on_the_demo_an_edit_is_in_the_file_and_undo_restores_it(qtbot, make_window, demo_file):
    window, pane = checklist(make_window, demo_file)
    item = next(i for i in file_items(demo_file).values() if i.status == "not_started")
    index = status_index(pane, item.id)
    pane.tree.setCurrentIndex(index)
    pane.tree.edit(index)
    combo = pane.tree.viewport().findChild(QComboBox)
    combo.setCurrentIndex(combo.findData("blocked"))
    combo.activated.emit(combo.currentIndex())
    pane.reason_dialog.reason.setText("Waiting for the test data")
    pane.reason_dialog.ok_button.click()
    qtbot.waitUntil(lambda: file_items(demo_file)[item.id].status == "blocked", timeout=30_000)
    assert file_items(demo_file)[item.id].blocked_reason == "Waiting for the test data"
    qtbot.waitUntil(lambda: pane.model.rowCount(pane.model.index_of_item(item.id)) == 1, timeout=30_000)
    assert reason_row(pane, item.id)[0].data() == "⊘ Blocked: Waiting for the test data"
    assert pane.selected_item().id == item.id  # the edited item stays selected through the refresh

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_items(demo_file)[item.id].status == "not_started", timeout=30_000)
    assert file_items(demo_file)[item.id].blocked_reason == ""
    qtbot.waitUntil(lambda: pane.model.rowCount(pane.model.index_of_item(item.id)) == 0, timeout=30_000)

    pane.select_item(item.id)
    pane.edit_selected()
    pane.item_dialog.owner.setCurrentText("Chloe Ellis")
    pane.item_dialog.accept()
    qtbot.waitUntil(lambda: file_items(demo_file)[item.id].owner == "Chloe Ellis", timeout=30_000)
    qtbot.waitUntil(lambda: pane.model.item(item.id).owner == "Chloe Ellis", timeout=30_000)
    qtbot.waitUntil(window.undo_action.isEnabled, timeout=30_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_items(demo_file)[item.id].owner == item.owner, timeout=30_000)


def test_a_new_launch_with_no_items_still_offers_any_owner(make_window, launch_path):
    _, pane = checklist(make_window, launch_path)  # `cockpit new`: nothing on the checklist yet
    assert [pane.owner_filter.itemText(row) for row in range(pane.owner_filter.count())] == ["Any owner"]
