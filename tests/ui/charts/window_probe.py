"""Run as a script: open the real window offscreen on a launch file and report, as JSON, whether matplotlib loaded.

``python window_probe.py LAUNCH SETTINGS PANE_ID`` shows the pane ``PANE_ID`` and waits until every chart on
it has painted. The window paints every chart itself (``PaintedChart``), so matplotlib should never load.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

from cockpit.ui.app import create_application
from cockpit.ui.charts.plot_paint import PaintedChart
from cockpit.ui.main_window import MainWindow
from cockpit.ui.panes.registry import PANES
from cockpit.ui.settings import open_settings

TIMEOUT_S = 180  # a ceiling for a loaded machine, not a speed limit: bench times it


def child_processes() -> int | None:
    """How many processes this one started and that still run; None where there is no /proc to ask."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    count = 0
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # it ended while we looked
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                count += 1
    return count


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
    window = MainWindow(settings=open_settings(settings_path), pane_classes=PANES)
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
            charts = pane.findChildren(PaintedChart)
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
    report["child_processes"] = child_processes()
    window.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
