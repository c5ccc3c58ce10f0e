"""The checklist pane on a real launch file: inline status, Blocked needs a reason, filters, add/edit, undo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.checklist.model import ChecklistTreeModel, Column, Role

REPO = Path(__file__).resolve().parents[2]


def file_items(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {i.id: i for i in load_launch(lf).checklist}


def checklist(make_window, path: Path):
    window = make_window(path)
    window.show_pane("checklist")
    return window, window.pane("checklist")


def status_index(pane, item_id: int):
    return pane.proxy.mapFromSource(pane.model.index_of_item(item_id, Column.STATUS))


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
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "in_progress", timeout=10_000)
    qtbot.waitUntil(lambda: pane.model.item(3).status == "in_progress", timeout=10_000)
    assert "In progress" in status_index(pane, 3).data()


def test_blocked_without_a_reason_is_refused(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    pane.proxy.setData(status_index(pane, 3), "blocked")
    dialog = pane.reason_dialog
    assert dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # even forced, an empty reason does not close it
    assert dialog.isVisible()
    dialog.reject()
    assert file_items(small_launch)[3].status == "not_started"

    pane.proxy.setData(status_index(pane, 3), "blocked")
    pane.reason_dialog.reason.setText("Trainer ill")
    pane.reason_dialog.ok_button.click()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "blocked", timeout=10_000)
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
    due = pane.proxy.mapFromSource(pane.model.index_of_item(2, Column.DUE))
    assert due.data(Role.OVERDUE)
    assert due.data().startswith("⚠")
    assert due.data(Qt.ItemDataRole.FontRole).bold()
    on_time = pane.proxy.mapFromSource(pane.model.index_of_item(3, Column.DUE))
    assert not on_time.data(Role.OVERDUE) and not on_time.data().startswith("⚠")


def test_dependencies_are_shown_with_their_state(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    deps = pane.model.index_of_item(5, Column.DEPENDS_ON)
    assert deps.data() == "◷ #2, #4"
    assert "Migration rehearsal — Blocked" in deps.data(Qt.ItemDataRole.ToolTipRole)


def test_undo_restores_the_previous_value_in_the_file(qtbot, make_window, small_launch):
    window, pane = checklist(make_window, small_launch)
    pane.request_status(pane.model.item(3), "done")
    qtbot.waitUntil(lambda: pane.model.item(3).status == "done", timeout=10_000)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "not_started", timeout=10_000)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].status == "done", timeout=10_000)


def test_add_dialog_validates_and_writes_the_item(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    pane.add_item()
    dialog = pane.item_dialog
    dialog.accept()
    assert dialog.isVisible() and "title" in dialog.error.text()
    dialog.title.setText("Print cutover runbook")
    dialog.stage.setCurrentIndex(dialog.stage.findData("go_live"))
    dialog.category.setCurrentIndex(dialog.category.findData("announcements"))
    dialog.owner.setCurrentText("carol")
    dialog.has_due.setChecked(True)
    dialog.is_gate.setChecked(True)
    for row in range(dialog.depends_on.count()):
        entry = dialog.depends_on.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) == 5:
            entry.setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    qtbot.waitUntil(lambda: len(file_items(small_launch)) == 7, timeout=10_000)
    added = file_items(small_launch)[7]
    assert (added.title, added.stage, added.category, added.owner, added.is_gate) == (
        "Print cutover runbook",
        "go_live",
        "announcements",
        "carol",
        True,
    )
    assert added.due is not None and added.depends_on == (5,)
    qtbot.waitUntil(lambda: 7 in pane.visible_item_ids(), timeout=10_000)


def test_edit_dialog_sends_only_the_changes_and_undo_reverts_them(qtbot, make_window, small_launch):
    window, pane = checklist(make_window, small_launch)
    pane.select_item(3)
    pane.edit_selected()
    dialog = pane.item_dialog
    dialog.owner.setCurrentText("dave")
    dialog.has_due.setChecked(False)
    dialog.accept()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].owner == "dave", timeout=10_000)
    assert file_items(small_launch)[3].due is None
    assert file_items(small_launch)[3].title == "Key users trained"
    qtbot.waitUntil(window.undo_action.isEnabled, timeout=10_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_items(small_launch)[3].owner == "carol", timeout=10_000)
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
    qtbot.waitUntil(lambda: pane.model.item(3).status == "done", timeout=10_000)
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
