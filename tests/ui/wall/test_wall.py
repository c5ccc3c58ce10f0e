"""The war-room wall on the demo launch: type sized for five metres, the verdict largest, ETA against go-live,
keyboard only, a remembered screen, and a teammate's change (from another process) flashing its tile once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenuBar

from cockpit.domain.figures import eta_after_go_live, runbook_figure
from cockpit.domain.status import Pane, Rag
from cockpit.ui import settings as keys
from cockpit.ui.wall.theme import RAG_INK
from cockpit.ui.wall.view import WallWindow
from cockpit.ui.widgets.theme import OVERDUE

HEADLINE_PX = 64
LABEL_PX = 28


def open_wall(qtbot, window) -> WallWindow:
    wall = window.wall.open_wall()
    assert wall is not None
    qtbot.waitUntil(lambda: wall.content is not None, timeout=30_000)
    return wall


def pixel_height(label: QLabel) -> int:
    return QFontMetrics(label.font()).height()


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_the_figures_and_labels_read_from_five_metres_and_the_verdict_is_largest(
    qtbot, make_window, demo_file, size
):
    window = make_window(demo_file)
    wall = open_wall(qtbot, window)
    wall.showNormal()
    wall.resize(*size)
    qtbot.waitUntil(lambda: (wall.width(), wall.height()) == size, timeout=10_000)
    headlines, labels = wall.headline_widgets(), [w for w in wall.label_widgets() if w.isVisibleTo(wall)]
    assert labels
    for label in headlines:
        assert label.font().pixelSize() >= HEADLINE_PX and pixel_height(label) >= HEADLINE_PX, label.text()
    for label in labels:
        assert label.font().pixelSize() >= LABEL_PX and pixel_height(label) >= LABEL_PX, label.text()
    others = [w for w in (*headlines, *labels) if w is not wall.verdict]
    assert all(pixel_height(wall.verdict) > pixel_height(w) for w in others)
    # Nothing that matters is cut short: the verdict, the countdown and every tile's figure show whole.
    for label in (wall.verdict, wall.countdown, *(tile.figure for tile in wall.tiles.values())):
        assert label.text() == label.full_text() and "…" not in label.text()
    # The demo's latest go/no-go meeting ended in a conditional go: the wall says the meeting's decision.
    assert wall.verdict.text().endswith("Conditional go") and wall.verdict.text().startswith("▲")


@pytest.mark.parametrize("size", [(1600, 900), (1366, 768)])
def test_on_a_smaller_screen_the_whole_wall_fits_and_the_verdict_stays_largest(
    qtbot, make_window, demo_file, size
):
    """A war-room projector or a laptop: the type follows the screen down, so nothing runs off its right edge."""
    window = make_window(demo_file)
    wall = open_wall(qtbot, window)
    wall.showNormal()
    wall.resize(*size)
    qtbot.waitUntil(lambda: (wall.width(), wall.height()) == size, timeout=10_000)
    assert wall.minimumSizeHint().width() <= size[0]
    whole = (wall.verdict, wall.countdown, *(tile.figure for tile in wall.tiles.values()))

    def right_edges() -> list[int]:
        return [label.mapTo(wall, label.rect().topRight()).x() for label in whole]

    qtbot.waitUntil(lambda: all(0 <= right <= size[0] for right in right_edges()), timeout=10_000)
    for label in whole:
        assert label.text() == label.full_text() and "…" not in label.text()
    others = [w for w in (*wall.headline_widgets(), *wall.label_widgets()) if w is not wall.verdict]
    assert all(pixel_height(wall.verdict) > pixel_height(w) for w in others if w.isVisibleTo(wall))


def test_eta_after_go_live_is_said_in_red_on_the_wall_and_the_overview(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    data, now = window.session.data, window.session.now()
    assert eta_after_go_live(data, runbook_figure(data, now=now))  # the demo's cutover runs late
    overview = window.pane("overview")
    assert "✖ ETA after go-live" in overview.runbook.text() and OVERDUE in overview.runbook.styleSheet()
    wall = open_wall(qtbot, window)
    runbook = next(b for b in wall.blocks if b.heading.full_text() == "Runbook")
    line = next(label for label in runbook.lines if label.full_text() == "✖ ETA after go-live")
    assert RAG_INK[Rag.RED] in line.styleSheet()


def test_the_wall_is_keyboard_only_with_nothing_to_click_or_edit(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    window.wall.action.trigger()  # View ▸ War room (F11)
    wall = window.wall.wall
    assert wall is not None and wall.isVisible() and wall.isWindow()
    assert window.wall.action.shortcut().toString() == "F11"
    assert not wall.findChildren(QAbstractButton) and not wall.findChildren(QMenuBar)
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.wall.wall is None, timeout=10_000)
    assert not window.wall.action.isChecked()
    wall = open_wall(qtbot, window)
    qtbot.keyClick(wall, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.wall.wall is None, timeout=10_000)


def test_the_chosen_screen_is_remembered(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    wall = open_wall(qtbot, window)
    qtbot.keyClick(wall, Qt.Key.Key_S)  # to the next screen (with one screen: the same one)
    screens = QApplication.screens()
    assert keys.read(window.settings, keys.WALL_SCREEN) in {s.name() for s in screens}
    assert wall.screen().name() == keys.read(window.settings, keys.WALL_SCREEN)


def test_a_teammates_change_from_another_process_appears_and_its_tile_flashes_once(
    qtbot, make_window, demo_file: Path
):
    window = make_window(demo_file)
    wall = open_wall(qtbot, window)
    support = wall.tiles[Pane.SUPPORT]
    assert support.figure.text() == "1" and support.counts.text() == "open P1 ticket"
    flashes: list[Pane] = []
    wall.flashed.connect(flashes.append)
    command = [
        sys.executable,
        "-m",
        "cockpit",
        "ticket",
        "add",
        str(demo_file),
        "--title",
        "Payroll export fails",
        "--severity",
        "P1",
        "--as",
        "bob",
    ]
    with qtbot.waitSignal(wall.flashed, timeout=30_000):
        subprocess.run(command, check=True, capture_output=True)
    assert support.figure.text() == "2" and support.counts.text() == "open P1 tickets"
    assert support.flashing and support.changed.full_text() == "✱ just changed"
    qtbot.waitUntil(lambda: not support.flashing, timeout=30_000)
    assert flashes == [Pane.SUPPORT]  # once, and only the tile that changed
    assert support.changed.full_text() == ""
    # The wall's list of open P1/P2 tickets grew by it: four before, now three and "and 2 more".
    tickets = next(b for b in wall.blocks if b.heading.full_text() == "Open P1/P2 tickets")
    shown = [label.full_text() for label in tickets.lines if label.isVisibleTo(tickets)]
    assert len(shown) == 4 and shown[-1] == "and 2 more"


def test_the_rotation_turns_the_pages_with_a_progress_line(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    keys.write(window.settings, keys.WALL_ROTATION_SECONDS, 3)
    wall = open_wall(qtbot, window)
    wall._clock.stop()  # the test turns the seconds itself
    assert not wall.rotation_row.isVisible() and wall.pages.currentIndex() == 0
    qtbot.keyClick(wall, Qt.Key.Key_R)
    assert wall.rotation_row.isVisible()
    pages = wall.pages.count()
    assert pages == 1 + len(wall.content.details) > 2
    wall._tick()
    assert wall.rotation_bar.value() == 1 and wall.pages.currentIndex() == 0
    assert wall.rotation_label.full_text() == f"↻ page 1 of {pages} · next in 2 s"
    wall._tick()
    wall._tick()
    assert wall.pages.currentIndex() == 1 and wall.rotation_bar.value() == 0
    runbook = wall.pages.currentWidget()
    assert runbook.heading.full_text() == "Runbook"
    assert sum(label.isVisibleTo(runbook) for label in runbook.lines) > 5  # the page has room for more rows
    qtbot.keyClick(wall, Qt.Key.Key_Left)
    assert wall.pages.currentIndex() == 0
    qtbot.keyClick(wall, Qt.Key.Key_R)
    wall._tick()
    assert not wall.rotation_row.isVisible() and wall.pages.currentIndex() == 0
