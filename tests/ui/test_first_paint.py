"""The real window on the demo launch paints before matplotlib loads, and every chart on every pane gets drawn.

Timings are the bench's business (``make bench``); these tests hold the behaviour behind them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from cockpit.ui.charts.plot_paint import PaintedChart
from cockpit.ui.main_window import MainWindow
from tests.paths import REPO

PROBE = REPO / "bench" / "_paint_probe.py"
CHART_TIMEOUT_MS = 120_000  # generous: a loaded machine builds the Figures slowly, but it must build them all


@pytest.fixture(scope="module")
def demo_launch(tmp_path_factory) -> Path:
    return write_demo(
        tmp_path_factory.mktemp("first-paint") / "demo.golive", size="small", lang="en", actor="tester"
    )


def test_cockpit_open_paints_before_matplotlib_loads_then_draws_every_chart(demo_launch: Path):
    """``cockpit open`` in a fresh process: the bench's probe visits every pane after the first paint."""
    done = subprocess.run(
        [sys.executable, str(PROBE), "cockpit", repr(time.monotonic()), str(demo_launch)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=240,
        check=False,
    )
    report = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    assert report["exit_code"] == 0
    assert "timed_out" not in report
    assert report["matplotlib_at_start"] is False
    assert report["matplotlib_at_first_paint"] is False
    assert report["first_paint"] <= report["data_shown"] <= report["charts_ready"] <= report["charts_drawn"]
    assert report["panes"] == 7  # Overview … Support, Hypercare
    assert report["charts"] >= 1
    assert report["failures"] == []
    assert report["matplotlib_at_end"] is False  # every chart is painted: the window never loads it


def charts_in(widget) -> list[PaintedChart]:
    return widget.findChildren(PaintedChart)


def test_after_visiting_every_pane_every_chart_reports_figure_ready(qtbot, make_window, demo_launch: Path):
    window: MainWindow = make_window(demo_launch)
    ready: set[int] = set()
    for pane in window.panes:
        window.show_pane(pane.pane_id)  # a pane may build its charts now, in apply_data
        assert window.current_pane() is pane
        for chart in charts_in(pane):  # connected before the event loop turns: no result comes earlier
            chart.figure_ready.connect(lambda chart=chart: ready.add(id(chart)))
            if chart.canvas is not None and not chart.loading:
                ready.add(id(chart))  # the first pane's charts may be in already
        # A chart asks for its Figure once it has been painted, so each pane stays in front until its charts are in.
        qtbot.waitUntil(
            lambda pane=pane: not any(chart.loading for chart in charts_in(pane)), timeout=CHART_TIMEOUT_MS
        )

    charts = charts_in(window)
    panes_with_charts = {pane.pane_id for pane in window.panes if charts_in(pane)}
    assert {"tests", "support", "hypercare"} <= panes_with_charts
    assert [chart.error for chart in charts if chart.error] == []
    assert all(chart.canvas is not None and chart.texts for chart in charts)
    assert ready == {id(chart) for chart in charts}
