"""Run as a script: open the real window offscreen on a launch file and report, as JSON, when matplotlib loaded.

``python first_paint_probe.py LAUNCH SETTINGS PANE_ID`` shows the pane ``PANE_ID`` and waits until every
chart on it has its canvas. A pane with id ``probe`` (one trend chart) is added to the real panes, so the
probe also works for a window whose own panes draw no chart.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QVBoxLayout

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.tests import TestLevel
from cockpit.ui.app import create_application
from cockpit.ui.charts.plot_paint import PaintedChart
from cockpit.ui.charts.view import ChartView
from cockpit.ui.main_window import MainWindow
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.registry import PANES
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.settings import open_settings

TIMEOUT_S = 180  # a ceiling for a loaded machine, not a speed limit: bench times it


def unit_trend(data: LaunchData):
    from cockpit.charts.tests import test_trend

    return test_trend(data.runs, level=TestLevel.UNIT)


class ProbePane(BasePane):
    pane_id = "probe"

    def __init__(self, session: LaunchSession, parent=None) -> None:
        super().__init__(session, parent)
        self.chart = ChartView()
        QVBoxLayout(self).addWidget(self.chart)

    @classmethod
    def title(cls) -> str:
        return "Probe"

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self.chart.show_chart(partial(unit_trend, data))


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.matplotlib_loaded: bool | None = None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.matplotlib_loaded is None:
            self.matplotlib_loaded = "matplotlib" in sys.modules
        return False


def main(launch: str, settings_path: str, pane_id: str) -> int:
    report = {"matplotlib_at_import": "matplotlib" in sys.modules}
    app = create_application()
    window = MainWindow(settings=open_settings(settings_path), pane_classes=(*PANES, ProbePane))
    spy = FirstPaint()
    window.installEventFilter(spy)
    window.resize(1400, 900)
    window.show()
    window.open_file(launch)
    started = time.monotonic()

    def check() -> None:
        session = window.session
        if session is not None and session.data is not None and window.current_pane() is not None:
            if window.current_pane().pane_id != pane_id:
                window.show_pane(pane_id)
            pane = window.current_pane()
            charts = [*pane.findChildren(ChartView), *pane.findChildren(PaintedChart)]
            failures = [c.error for c in charts if c.error]
            if failures:
                report["failures"] = failures
                app.quit()
                return
            if charts and all(c.canvas is not None for c in charts):
                report["charts"] = len(charts)
                report["canvases"] = sum(c.canvas is not None for c in charts)
                app.quit()
                return
        if time.monotonic() - started > TIMEOUT_S:
            report["timed_out"] = True
            app.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(50)
    app.exec()
    report["matplotlib_at_first_paint"] = spy.matplotlib_loaded
    report["matplotlib_at_end"] = "matplotlib" in sys.modules
    window.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
