"""Marking an item done while an item it depends on is open: the pane asks first, lists what is open and
wants a reason; Cancel writes nothing, a reason forces it (recorded with the change), undo takes it back.
Also the item dialog's due offset from go-live."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cockpit.ui.panes.checklist.model import Column
from cockpit.ui.widgets import date_time
from tests.ui.panes.checklist.test_checklist_pane import checklist, file_items

# In the small launch, #5 "Switch DNS" depends on #2 (in progress) and #4 (blocked); #3 depends on nothing.


def choose_status(pane, item_id: int, status: str) -> None:
    """What the status cell's combo box does when the user picks a status."""
    index = pane.view_index(pane.model.index_of_item(item_id, Column.STATUS))
    pane.tree.model().setData(index, status)


def last_summary(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT summary FROM audit ORDER BY id DESC LIMIT 1").fetchone()[0]


def test_cancel_writes_nothing(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    before = small_launch.read_bytes()
    choose_status(pane, 5, "done")
    confirm = pane.done_dialog
    assert confirm.isVisible()
    listed = [confirm.open_list.item(row).text() for row in range(confirm.open_list.count())]
    assert listed == [
        "#2 Regression suite green — In progress",
        "#4 Migration rehearsal — Blocked",
    ]
    assert not confirm.ok_button.isEnabled()  # no reason yet
    confirm.reason.setText("   ")
    assert not confirm.ok_button.isEnabled()
    confirm.reject()
    assert small_launch.read_bytes() == before
    assert pane.model.item(5).status == "not_started"


def test_a_reason_forces_it_and_undo_takes_it_back(qtbot, make_window, small_launch):
    window, pane = checklist(make_window, small_launch)
    choose_status(pane, 5, "done")
    confirm = pane.done_dialog
    confirm.reason.setText("Cut over on the vendor's word; rehearsal report follows")
    assert confirm.ok_button.isEnabled() and confirm.ok_button.text() == "Mark done anyway"
    with qtbot.waitSignal(pane.session.applied, timeout=30_000):
        confirm.ok_button.click()
    assert file_items(small_launch)[5].status == "done"
    assert last_summary(small_launch) == "#2, #4: Cut over on the vendor's word; rehearsal report follows"
    qtbot.waitUntil(lambda: pane.model.item(5).status == "done", timeout=30_000)
    assert "Done" in pane.view_index(pane.model.index_of_item(5, Column.STATUS)).data()

    with qtbot.waitSignal(pane.session.applied, timeout=30_000):
        window.undo_action.trigger()
    assert file_items(small_launch)[5].status == "not_started"
    with qtbot.waitSignal(pane.session.applied, timeout=30_000):
        window.redo_action.trigger()  # the same forced change again, with its reason
    assert file_items(small_launch)[5].status == "done"


def test_no_question_when_what_it_depends_on_is_finished(qtbot, make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    with qtbot.waitSignal(pane.session.applied, timeout=30_000):
        choose_status(pane, 3, "done")
    assert pane.done_dialog is None
    assert file_items(small_launch)[3].status == "done"
    # Other statuses never ask, open dependencies or not.
    with qtbot.waitSignal(pane.session.applied, timeout=30_000):
        choose_status(pane, 5, "in_progress")
    assert pane.done_dialog is None and file_items(small_launch)[5].status == "in_progress"


def test_the_item_dialog_shows_the_due_relative_to_go_live(make_window, small_launch):
    _, pane = checklist(make_window, small_launch)
    pane.select_item(3)
    pane.edit_selected()
    dialog = pane.item_dialog
    tokyo = ZoneInfo("Asia/Tokyo")  # the small launch goes live 2030-04-01 09:00 UTC, 18:00 in Tokyo
    dialog.due.setDateTime(date_time.to_qt(datetime(2030, 3, 2, 18, 0, tzinfo=tokyo)))
    assert dialog.due_offset.text() == "T−30d (go-live: T)"
    dialog.due.setDateTime(date_time.to_qt(datetime(2030, 4, 1, 16, 0, tzinfo=tokyo)))
    assert dialog.due_offset.text() == "T−2h (go-live: T)"
    dialog.has_due.setChecked(False)
    assert dialog.due_offset.text() == ""
    dialog.reject()
