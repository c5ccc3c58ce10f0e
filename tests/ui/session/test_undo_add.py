"""Edit ▸ Undo of an add takes the row back out of the file (audited: who, when), Redo puts it back.

One test per pane that adds rows (checklist, risks, support), read back through the store; and the
conflict: when a teammate changed the row I added, the undo asks instead of deleting their work.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.paths import REPO


def launch(path: Path):
    with open_launch(path, read_only=True) as lf:
        return load_launch(lf)


def audit_of(path: Path, table: str, row_id: int) -> list[tuple[str, str]]:
    with open_launch(path, read_only=True) as lf:
        return [
            (action, actor)
            for action, actor in lf.conn.execute(
                "SELECT action, actor FROM audit WHERE table_name = ? AND row_id = ? ORDER BY id",
                [table, row_id],
            )
        ]


def deleted_row(path: Path, table: str, row_id: int) -> dict:
    with open_launch(path, read_only=True) as lf:
        (old,) = lf.conn.execute(
            "SELECT old FROM audit WHERE table_name = ? AND row_id = ? AND action = 'delete'", [table, row_id]
        ).fetchone()
    return json.loads(old)


def undo(qtbot, window) -> None:
    assert window.undo_action.isEnabled()
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        window.undo_action.trigger()


def redo(qtbot, window) -> None:
    assert window.redo_action.isEnabled()
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        window.redo_action.trigger()


def test_undo_removes_the_checklist_item_i_added_and_redo_puts_it_back(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("checklist")
    pane = window.pane("checklist")
    pane.add_item()
    dialog = pane.item_dialog
    dialog.title.setText("Print cutover runbook")
    for row in range(dialog.depends_on.count()):
        entry = dialog.depends_on.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) == 5:
            entry.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.accept()
    assert window.undo_action.text().replace("&", "") == "Undo Add “Print cutover runbook”"
    assert [i.title for i in launch(small_launch).checklist if i.id == 7] == ["Print cutover runbook"]

    undo(qtbot, window)
    assert 7 not in {i.id for i in launch(small_launch).checklist}
    assert audit_of(small_launch, "checklist_items", 7) == [("insert", "alice"), ("delete", "alice")]
    assert 7 not in pane.visible_item_ids()

    redo(qtbot, window)
    back = next(i for i in launch(small_launch).checklist if i.id == 7)
    assert (back.title, back.depends_on, back.updated_by) == ("Print cutover runbook", (5,), "alice")
    assert audit_of(small_launch, "checklist_items", 7)[-1] == ("insert", "alice")
    undo(qtbot, window)  # and once more: the redo's row is the one undo takes back
    assert 7 not in {i.id for i in launch(small_launch).checklist}


def test_undo_removes_the_risk_i_added_and_redo_puts_it_back(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("risks")
    pane = window.pane("risks")
    pane.add_risk()
    dialog = pane.risk_dialog
    dialog.title.setText("Printer fleet not ready")
    dialog.mitigation.setPlainText("Order spare toner")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.accept()
    added = next(r for r in launch(small_launch).risks if r.title == "Printer fleet not ready")

    undo(qtbot, window)
    assert added.id not in {r.id for r in launch(small_launch).risks}
    assert added.id not in pane.visible_risk_ids()
    assert audit_of(small_launch, "risks", added.id) == [("insert", "alice"), ("delete", "alice")]
    assert deleted_row(small_launch, "risks", added.id)["mitigation"] == "Order spare toner"

    redo(qtbot, window)
    back = next(r for r in launch(small_launch).risks if r.id == added.id)
    assert (back.title, back.mitigation, back.likelihood, back.impact) == (
        added.title,
        added.mitigation,
        added.likelihood,
        added.impact,
    )
    assert added.id in pane.visible_risk_ids()


def test_undo_removes_the_ticket_i_added_and_redo_keeps_its_opening_time(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("support")
    pane = window.pane("support")
    pane.add_ticket()
    dialog = pane.ticket_dialog
    dialog.title.setText("Label printer offline in the warehouse")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.accept()
    added = next(t for t in launch(small_launch).tickets if t.title.startswith("Label printer"))

    undo(qtbot, window)
    assert added.id not in {t.id for t in launch(small_launch).tickets}
    assert audit_of(small_launch, "tickets", added.id) == [("insert", "alice"), ("delete", "alice")]
    assert added.id not in pane.visible_ticket_ids()

    redo(qtbot, window)
    back = next(t for t in launch(small_launch).tickets if t.id == added.id)
    assert (back.title, back.opened_at, back.reporter) == (
        added.title,
        added.opened_at,
        "alice",
    )  # same SLA clock
    assert added.id in pane.visible_ticket_ids()


def test_undo_of_an_add_asks_when_a_teammate_changed_the_row_since(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("risks")
    pane = window.pane("risks")
    pane.add_risk()
    pane.risk_dialog.title.setText("Printer fleet not ready")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        pane.risk_dialog.accept()
    added = next(r for r in launch(small_launch).risks if r.title == "Printer fleet not ready")
    env = {**os.environ, "PYTHONPATH": str(REPO), "COCKPIT_LANG": "en"}
    subprocess.run(
        [sys.executable, "-m", "cockpit", "risk", "update", str(small_launch), str(added.id)]
        + ["--impact", "5", "--as", "bob"],
        check=True,
        env=env,
        capture_output=True,
        timeout=60,
    )

    window.undo_action.trigger()
    qtbot.waitUntil(
        lambda: window.conflict_dialog is not None and window.conflict_dialog.isVisible(), timeout=30_000
    )
    dialog = window.conflict_dialog
    assert "Undo would remove risk #2 “Printer fleet not ready”, which you added" in dialog.intro.text()
    assert "Bob Baba (Business owner)" in dialog.intro.text()
    assert [dialog.table.item(0, c).text() for c in range(3)] == ["Impact (影響度)", "3 Moderate", "5 Severe"]
    assert (dialog.keep_button.text(), dialog.apply_button.text()) == ("Keep it", "Remove it anyway")
    assert added.id in {r.id for r in launch(small_launch).risks}  # nothing deleted behind bob's back

    dialog.keep_button.click()
    qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=30_000)
    kept = next(r for r in launch(small_launch).risks if r.id == added.id)
    assert (kept.impact, kept.updated_by) == (5, "bob")
    assert window.message_bar.action_button.text() == "Remove it after all"
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        window.message_bar.action_button.click()
    assert added.id not in {r.id for r in launch(small_launch).risks}
    assert audit_of(small_launch, "risks", added.id)[-1] == ("delete", "alice")


def test_undo_refuses_to_take_back_an_item_a_teammate_made_depend_on_it(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("checklist")
    pane = window.pane("checklist")
    pane.add_item()
    pane.item_dialog.title.setText("Print cutover runbook")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        pane.item_dialog.accept()
    from cockpit.services.edits import update_checklist_item

    with open_launch(small_launch) as lf:
        update_checklist_item(lf, actor="bob", item_id=5, depends_on=[2, 4, 7])
    with qtbot.waitSignal(window.session.problem, timeout=30_000) as seen:
        window.undo_action.trigger()
    assert "#5 Switch DNS" in seen.args[0].message and "depend" in seen.args[0].message
    assert 7 in {i.id for i in launch(small_launch).checklist}
    assert next(i for i in launch(small_launch).checklist if i.id == 5).depends_on == (2, 4, 7)


def test_a_refresh_the_watcher_asked_for_does_not_hide_the_row_an_undo_or_redo_changed(
    qtbot, make_window, small_launch
):
    """The race issue 11 saw: a watcher's read queued just before my undo or redo must not leave the pane
    showing the file as it was before them when ``applied`` says the replay is shown. The write and the read
    after it are one job on the writer, so a refresh queued earlier can only show an older state first."""
    window = make_window(small_launch)
    window.show_pane("risks")
    pane = window.pane("risks")
    pane.add_risk()
    dialog = pane.risk_dialog
    dialog.title.setText("Printer fleet not ready")
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.accept()
    added = next(r for r in launch(small_launch).risks if r.title == "Printer fleet not ready")
    for _ in range(3):
        with qtbot.waitSignal(window.session.applied, timeout=30_000):
            window.session.refresh()  # what the watcher does when it sees an audit row the window has not shown
            window.undo_action.trigger()
        assert added.id not in pane.visible_risk_ids()
        with qtbot.waitSignal(window.session.applied, timeout=30_000):
            window.session.refresh()
            window.redo_action.trigger()
        assert added.id in pane.visible_risk_ids()
