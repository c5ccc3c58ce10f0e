"""The Migration pane on the large demo (300 steps) opens at the step in progress, not at step 1.

The time chart scrolls: it opens with the first step not yet done near the top and follows it through data
refreshes; once the user scrolls it themselves, their place is kept until "Back to now" or the pane is shown
again. The step table opens at the same step.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from cockpit.domain.migration import StepStatus, current_step
from cockpit.services.demo import write_demo
from cockpit.services.runbook import step_action
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.migration.view import MigrationPane

CHART_TIMEOUT_MS = 30_000


@pytest.fixture
def large_demo(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "large.golive", size="large", lang="en", actor="tester")


def open_large(qtbot, make_window, path: Path):
    window = make_window(path)
    window.resize(1600, 1000)
    window.show_pane("migration")
    pane: MigrationPane = window.pane("migration")
    qtbot.waitUntil(lambda: bool(pane.timeline.texts), timeout=CHART_TIMEOUT_MS)
    return window, pane


def row_span(pane: MigrationPane, step_id: int) -> tuple[float, float]:
    """Where the step's row is on the scrolled rows now, as the chart says (by step id), not read off pixels."""
    span = pane.timeline.row_span(step_id)
    assert span is not None
    return span


def visible_span(pane: MigrationPane) -> tuple[int, int]:
    """The part of the rows the user sees: the viewport (the time axis sits above it, outside the scrolling)."""
    area = pane.timeline.scroll_area
    value = area.verticalScrollBar().value()
    return value, value + area.viewport().height()


def in_view(pane: MigrationPane, step_id: int) -> bool:
    (top, bottom), (low, high) = row_span(pane, step_id), visible_span(pane)
    return low <= top and bottom <= high


def wheel(widget, notches: int) -> None:
    """The user turns the mouse wheel over the chart: positive scrolls down, towards the later steps."""
    at = QPointF(widget.width() / 2, widget.height() / 2)
    for _ in range(abs(notches)):
        event = QWheelEvent(
            at,
            QPointF(widget.mapToGlobal(at.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120 if notches > 0 else 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(widget, event)


def finish_a_running_step(path: Path) -> None:
    """A teammate finishes a step from their own cockpit: the window reloads and draws the chart again."""
    with open_launch(path) as lf:
        running = next(s for s in load_launch(lf).steps if s.status == StepStatus.RUNNING)
        step_action(lf, actor="bob", step_id=running.id, action="finish")


def test_the_chart_opens_at_the_step_in_progress_and_keeps_the_users_own_place(
    qtbot, make_window, large_demo
):
    window, pane = open_large(qtbot, make_window, large_demo)
    now_step = current_step(pane.forecast)
    assert now_step is not None and now_step.step.status != StepStatus.DONE
    assert pane.now_step_id == now_step.step.id
    assert pane.forecast.steps.index(now_step) > 15  # far below the first screen: opening at step 1 hides it
    qtbot.waitUntil(lambda: in_view(pane, now_step.step.id), timeout=30_000)
    low, high = visible_span(pane)
    assert low > 0 and pane.timeline.scroll_area.verticalScrollBar().value() > 0
    top, _ = row_span(pane, now_step.step.id)
    assert top - low < (high - low) / 2  # near the top: the steps after it show below
    assert pane.timeline.following and not pane.now_button.isEnabled()
    # Scrolled down, the time axis stays in view above the rows, with its times.
    axis = pane.timeline.axis
    assert axis.isVisible() and axis.geometry().bottom() < pane.timeline.scroll_area.geometry().top()
    assert pane.timeline.rows.ticks

    # The step table opens at the same step.
    table = pane.steps_table
    index = pane.steps_proxy.mapFromSource(pane.steps.index(pane.steps.row_of_key(now_step.step.id), 1))
    qtbot.waitUntil(lambda: table.viewport().rect().contains(table.visualRect(index)), timeout=30_000)

    # The user scrolls down to look at later steps: the chart stops following and keeps their place.
    viewport = pane.timeline.scroll_area.viewport()
    wheel(viewport, 8)
    theirs = pane.timeline.scroll_area.verticalScrollBar().value()
    assert theirs > low
    assert not pane.timeline.following and pane.now_button.isEnabled()

    with qtbot.waitSignal(pane.timeline.figure_ready, timeout=CHART_TIMEOUT_MS):
        finish_a_running_step(large_demo)  # the data refreshes and the chart is drawn again
    qtbot.wait(50)
    assert pane.timeline.scroll_area.verticalScrollBar().value() == theirs
    assert not pane.timeline.following

    # "Back to now" brings the step in progress (after the refresh) back near the top, and follows again.
    pane.now_button.click()
    assert pane.timeline.following and not pane.now_button.isEnabled()
    assert in_view(pane, pane.now_step_id)
    assert pane.timeline.scroll_area.verticalScrollBar().value() != theirs


def test_alt_n_and_showing_the_pane_again_go_back_to_now(qtbot, make_window, large_demo):
    window, pane = open_large(qtbot, make_window, large_demo)
    qtbot.waitUntil(lambda: in_view(pane, pane.now_step_id), timeout=30_000)
    area = pane.timeline.scroll_area
    area.setFocus()
    qtbot.keyClick(area, Qt.Key.Key_PageUp)  # the keyboard scrolls it too
    qtbot.keyClick(area, Qt.Key.Key_PageUp)
    assert not pane.timeline.following
    assert not in_view(pane, pane.now_step_id)

    window.activateWindow()  # shortcuts reach the active window
    qtbot.waitUntil(window.isActiveWindow, timeout=30_000)
    qtbot.keyClick(area, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Back to &now" from the keyboard
    qtbot.waitUntil(lambda: pane.timeline.following, timeout=30_000)  # a mnemonic clicks after 100 ms
    assert in_view(pane, pane.now_step_id)

    qtbot.keyClick(area, Qt.Key.Key_PageUp)
    assert not pane.timeline.following
    window.show_pane("overview")
    window.show_pane("migration")  # on a wall: someone looked elsewhere and walked away
    assert pane.timeline.following
    qtbot.waitUntil(lambda: in_view(pane, pane.now_step_id), timeout=30_000)
