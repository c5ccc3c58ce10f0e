"""ChartView: the window paints before matplotlib loads; Figures are built off the UI thread, then shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from cockpit.services.demo import write_demo
from cockpit.ui.chart_view import ChartView
from cockpit.ui.tasks import InlineTasks

PROBE = Path(__file__).with_name("first_paint_probe.py")


def run_probe(launch: Path, settings: Path, pane_id: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(launch), str(settings), pane_id],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_launch(tmp_path_factory) -> Path:
    return write_demo(
        tmp_path_factory.mktemp("demo") / "demo.golive", size="small", lang="en", actor="tester"
    )


@pytest.mark.parametrize("pane_id", ["probe", "tests", "migration"])
def test_window_paints_before_matplotlib_loads_and_the_canvas_follows(
    demo_launch: Path, tmp_path: Path, pane_id
):
    report = run_probe(demo_launch, tmp_path / "settings.ini", pane_id)
    assert report["matplotlib_at_import"] is False
    assert report["matplotlib_at_first_paint"] is False
    assert "timed_out" not in report and "failures" not in report
    assert report["charts"] == report["canvases"] == 1
    assert report["matplotlib_at_end"] is True


def simple_figure(title: str):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3))
    figure.add_subplot().set_title(title)
    return figure


def test_placeholder_until_painted_then_canvas_with_the_figure(qtbot):
    built_on: list[str] = []

    def build():
        built_on.append(threading.current_thread().name)
        return simple_figure("first")

    view = ChartView()
    qtbot.addWidget(view)
    view.show_chart(build)
    assert view.canvas is None
    assert isinstance(view._stack.currentWidget(), QLabel)
    assert view.placeholder.text() == "Loading chart…"
    with qtbot.waitSignal(view.figure_ready, timeout=20_000):
        view.show()
    assert built_on == ["cockpit-charts"]  # off the UI thread, on the chart worker
    assert view.canvas is not None and view._stack.currentWidget() is view.canvas
    assert view.figure.axes[0].get_title() == "first"
    assert not view.loading


def test_a_newer_request_replaces_the_chart_and_drops_stale_results(qtbot):
    view = ChartView(tasks=InlineTasks())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=5000)
    view.show_chart(lambda: simple_figure("one"))
    first_canvas = view.canvas
    view.show_chart(lambda: simple_figure("two"))
    assert view.figure.axes[0].get_title() == "two"
    assert view.canvas is not first_canvas
    # A result that arrives after a newer request was made is not shown.
    view._generation += 1
    view._on_built(view._generation - 1, simple_figure("stale"))
    assert view.figure.axes[0].get_title() == "two"


def test_a_failing_chart_says_why_instead_of_crashing(qtbot):
    def broken():
        raise ValueError("no runs to draw")

    view = ChartView(tasks=InlineTasks())
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=5000)
    with qtbot.waitSignal(view.failed):
        view.show_chart(broken)
    assert view.canvas is None
    assert "no runs to draw" in view.placeholder.text()
    assert view._stack.currentWidget() is view.placeholder


def test_scrolling_view_keeps_the_figure_height(qtbot):
    view = ChartView(scroll=True, tasks=InlineTasks())
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=5000)

    def tall():
        figure = simple_figure("tall")
        figure.set_size_inches(6, 12)
        return figure

    view.show_chart(tall)
    qtbot.waitUntil(lambda: view.canvas.isVisible(), timeout=5000)
    # Scaled to the width (6 inches across the view, less its scroll bar), the Figure keeps its height.
    assert view.canvas.minimumHeight() == int(12 * view.canvas.width() / 6)
    assert view.canvas.minimumHeight() > 1000
    assert view._holder.verticalScrollBar().maximum() > 0
