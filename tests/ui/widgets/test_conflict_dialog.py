"""A real conflict: bob's `cockpit risk update` lands while I edit the same risk in the window.

The dialog must show what bob changed (from the version my edit started from to his, with who and when
in the launch's zone), what I wanted, in the panes' words; and each choice must leave the file right.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QTableWidget

from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.words.moments import moment_text
from tests.paths import REPO

MY_PLAN = "Name a deputy key user per department and brief them by Friday"


def cockpit(*args: str) -> None:
    """Run the command line in a process of its own, as a teammate's script would."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COCKPIT_LANG": "en"}
    subprocess.run(
        [sys.executable, "-m", "cockpit", *args], check=True, env=env, capture_output=True, timeout=60
    )


def file_risk(path: Path, risk_id: int = 1):
    with open_launch(path, read_only=True) as lf:
        return next(r for r in load_launch(lf).risks if r.id == risk_id)


def last_audit(path: Path) -> tuple[str, str, dict]:
    with open_launch(path, read_only=True) as lf:
        at, actor, new = lf.conn.execute(
            "SELECT at, actor, new FROM audit WHERE table_name = 'risks' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    return at, actor, json.loads(new or "{}")


def table_rows(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def conflict_while_editing(qtbot, make_window, path: Path):
    """I open risk #1, type a mitigation; bob raises its likelihood from another process; I press OK."""
    window = make_window(path)
    window.show_pane("risks")
    pane = window.pane("risks")
    pane.select_risk(1)
    pane.edit_selected()
    dialog = pane.risk_dialog
    dialog.mitigation.setPlainText(MY_PLAN)
    cockpit("risk", "update", str(path), "1", "--likelihood", "4", "--as", "bob")
    # The window notices bob's change while my dialog is open (its watcher), as it would on a real day.
    qtbot.waitUntil(
        lambda: next(r for r in window.session.data.risks if r.id == 1).likelihood == 4, timeout=30_000
    )
    dialog.accept()
    qtbot.waitUntil(
        lambda: window.conflict_dialog is not None and window.conflict_dialog.isVisible(), timeout=30_000
    )
    return window, pane, window.conflict_dialog


def test_the_dialog_shows_their_change_and_mine_in_the_panes_words(qtbot, make_window, small_launch):
    window, _, dialog = conflict_while_editing(qtbot, make_window, small_launch)
    at, actor, new = last_audit(small_launch)
    assert (actor, new) == ("bob", {"likelihood": 4})
    when = moment_text(
        datetime.fromisoformat(at), ZoneInfo("Asia/Tokyo"), lang="en"
    )  # "Mon 7 Dec 2026 14:47 JST"

    intro = dialog.intro.text()
    assert "Nothing was written of your change “Edit risk #1”" in intro
    assert "Bob Baba (Business owner)" in intro and "risk #1 “Key user absent”" in intro
    assert when in intro
    assert "risks" not in intro and "+00:00" not in intro  # no table names, no raw UTC stamps

    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == ["Field", "When you started", "Theirs (in the file)", "Changed by", "Yours"]
    rows = table_rows(dialog.table)
    assert rows == [
        [
            "Likelihood (発生可能性)",
            "3 Possible",
            "4 Likely",
            f"Bob Baba (Business owner), {when}",
            "(not changed by you)",
        ],
        ["Mitigation (対策)", "—", "(unchanged)", "", MY_PLAN],
    ]
    assert "Mitigation (対策)" in dialog.note.text()  # what "Apply mine on top" writes
    assert file_risk(small_launch).mitigation == ""  # nothing of mine written yet


def test_apply_mine_on_top_keeps_their_likelihood_and_writes_my_mitigation(qtbot, make_window, small_launch):
    window, _, dialog = conflict_while_editing(qtbot, make_window, small_launch)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.apply_button.click()
    risk = file_risk(small_launch)
    assert (risk.likelihood, risk.mitigation, risk.updated_by) == (4, MY_PLAN, "alice")


def test_keep_theirs_leaves_their_version_and_keeps_mine_to_edit_again(qtbot, make_window, small_launch):
    window, pane, dialog = conflict_while_editing(qtbot, make_window, small_launch)
    dialog.keep_button.click()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=30_000)
    risk = file_risk(small_launch)
    assert (risk.likelihood, risk.mitigation, risk.updated_by) == (4, "", "bob")  # theirs, untouched

    bar = window.message_bar
    assert bar.isVisible() and "Bob Baba (Business owner)" in bar.text.text()
    assert bar.action_button.isVisible() and bar.action_button.text() == "Edit mine again…"
    bar.action_button.click()
    again = pane.risk_dialog
    assert again.isVisible() and again.windowTitle() == "Edit risk #1"
    assert again.mitigation.toPlainText() == MY_PLAN  # what I had typed…
    assert again.likelihood.currentData() == 4  # …on top of bob's version
    conflicts = []
    window.session.conflict.connect(lambda *args: conflicts.append(args))
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        again.accept()
    risk = file_risk(small_launch)
    assert (risk.likelihood, risk.mitigation, risk.updated_by) == (4, MY_PLAN, "alice")
    assert conflicts == []  # written against bob's version: no second conflict


def test_a_field_we_both_changed_is_marked_and_each_side_is_shown(qtbot, make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("risks")
    pane = window.pane("risks")
    pane.select_risk(1)
    pane.edit_selected()
    pane.risk_dialog.mitigation.setPlainText(MY_PLAN)
    cockpit("risk", "update", str(small_launch), "1", "--mitigation", "Hire a temp", "--as", "bob")
    pane.risk_dialog.accept()
    qtbot.waitUntil(lambda: window.conflict_dialog is not None, timeout=30_000)
    rows = table_rows(window.conflict_dialog.table)
    assert rows[0][0] == "⚠ Mitigation (対策)"
    assert rows[0][1:3] == ["—", "Hire a temp"] and rows[0][4] == MY_PLAN
    assert "You both changed Mitigation (対策)" in window.conflict_dialog.note.text()
