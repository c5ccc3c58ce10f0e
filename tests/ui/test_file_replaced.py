"""The launch file replaced or deleted under the window (a sync or backup tool renames a copy over it): the
window says so once and offers to open what is at the path now; File ▸ New launch… clears what a killed
creation left in the folder, and says so."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import Qt

from tests.launches import new_launch
from tests.ui.conftest import GO_LIVE
from tests.ui.test_new_launch import choose


def test_a_file_replaced_under_the_window_is_said_once_and_reopened_on_request(
    qtbot, make_window, small_launch: Path, tmp_path: Path
):
    window = make_window(small_launch)
    assert window.session.data.launch.name == "Order system go-live"
    other = tmp_path / "copy-from-sync.golive"
    new_launch(other, name="Synced copy", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="sync")
    os.replace(other, small_launch)  # what sync and backup tools do

    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "replaced or deleted" in bar.text.text(), timeout=30_000)
    assert str(small_launch) in bar.text.text()
    assert "Reopen" in bar.text.text()
    assert bar.action_button.isVisible() and bar.action_button.text() == "Reopen"

    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.session.data is not None and window.session.data.launch.name == "Synced copy",
        timeout=30_000,
    )
    assert not bar.isVisible()


def test_a_deleted_file_is_said_and_reopening_says_it_is_gone(qtbot, make_window, small_launch: Path):
    window = make_window(small_launch)
    small_launch.unlink()
    bar = window.message_bar
    qtbot.waitUntil(lambda: bar.isVisible() and "replaced or deleted" in bar.text.text(), timeout=30_000)
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.isVisible() and "does not exist" in bar.text.text(), timeout=30_000)


def test_new_launch_removes_what_a_killed_creation_left_and_says_so(
    qtbot, monkeypatch, make_window, tmp_path: Path
):
    left = tmp_path / ".new.golive.ab12cd34.creating"
    sqlite3.connect(left).execute("CREATE TABLE half (x)").connection.close()
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    mine = tmp_path / "notes.creating.txt"  # not of our naming: never touched
    mine.write_text("keep me", encoding="utf-8")

    path = tmp_path / "new.golive"
    choose(monkeypatch, path, template="empty", lang="en")
    window = make_window()
    window.create_new()
    qtbot.waitUntil(lambda: window.session is not None and window.session.data is not None, timeout=60_000)
    assert not left.exists()
    assert mine.exists()
    shown = window.statusBar().currentMessage()
    assert left.name in shown and "interrupted" in shown
