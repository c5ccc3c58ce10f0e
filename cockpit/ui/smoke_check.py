"""The built app's self-check (``golive-cockpit --smoke-check FILE [PNG]``, run by ``make package-check``).

It starts the window as a user does, waits until the overview has painted the launch's data, then visits
every pane until every chart has painted, and builds a one-page-per-section PDF
through the report worker, started as the window starts it (``sys.executable -m cockpit.report.worker``).
It prints one JSON line and exits 0 only when all of that worked: the frozen app's worker processes
cannot be checked from outside it.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QProcess, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from cockpit import i18n
from cockpit.ui import settings as keys
from cockpit.ui.app import create_application, install_language
from cockpit.ui.charts.plot_paint import PaintedChart
from cockpit.ui.main_window import MainWindow

CEILING_MS = 240_000  # a hung chart or report fails the check instead of stalling the build
REPORT_WORKER = "cockpit.report.worker"


class SmokeCheck(QObject):
    def __init__(self, app: QApplication, window: MainWindow, launch: Path, picture: Path | None) -> None:
        super().__init__()
        self.app, self.window, self.launch, self.picture = app, window, launch, picture
        self.result: dict = {"ok": False}
        self.charts: list[PaintedChart] = []
        self.report: QProcess | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="cockpit-smoke-"))
        app.installEventFilter(self)
        QTimer.singleShot(CEILING_MS, lambda: self.finish(f"not done after {CEILING_MS // 1000} s"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        session = self.window.session
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
            and session is not None
            and session.data is not None
        ):
            self.app.removeEventFilter(self)
            QTimer.singleShot(0, self.overview_painted)
        return False

    def overview_painted(self) -> None:
        current = self.window.current_pane()
        self.result["first_pane"] = current.pane_id if current is not None else None
        if self.picture is not None:
            self.window.grab().save(str(self.picture))
        self.visit([pane.pane_id for pane in self.window.panes])

    def visit(self, pane_ids: list[str]) -> None:
        """Each pane in turn (a chart starts drawing once its view has painted), then wait for the charts."""
        if pane_ids:
            self.window.show_pane(pane_ids[0])
            QTimer.singleShot(200, lambda: self.visit(pane_ids[1:]))
            return
        every = self.window.findChildren(PaintedChart)
        self.charts = [chart for chart in every if chart.isVisible() or chart.loading]
        for chart in self.charts:
            chart.figure_ready.connect(self.check_charts)
            chart.failed.connect(self.check_charts)
        self.check_charts()

    def check_charts(self) -> None:
        if "charts" in self.result or any(chart.loading for chart in self.charts):
            return
        drawn = [chart for chart in self.charts if chart.canvas is not None and not chart.error]
        self.result["charts"] = len(drawn)
        self.result["chart_failures"] = [chart.error for chart in self.charts if chart.error]
        self.start_report()

    def start_report(self) -> None:
        process = QProcess(self)
        process.setProgram(sys.executable)
        pdf = self.folder / "report.pdf"
        process.setArguments(
            ["-m", REPORT_WORKER, str(self.launch), "--pdf", str(pdf), "--lang", i18n.language()]
        )
        process.finished.connect(lambda code, _status: self.report_done(process, code, pdf))
        process.errorOccurred.connect(lambda error: self.finish(f"the report worker did not start: {error}"))
        self.report = process
        process.start()

    def report_done(self, process: QProcess, exit_code: int, pdf: Path) -> None:
        lines = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace").splitlines()
        outcome = json.loads(lines[-1]) if lines else {}
        self.result["report_pages"] = outcome.get("pages")
        if exit_code != 0 or not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            errors = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
            self.finish(f"the report worker exited {exit_code}: {outcome.get('error') or errors}")
            return
        if self.result["chart_failures"] or not self.result["charts"]:
            self.finish("no chart was painted")
            return
        self.result["ok"] = True
        self.finish("")

    def finish(self, problem: str) -> None:
        if problem and "problem" not in self.result:
            self.result["problem"] = problem
        self.window.close()
        self.app.exit(0 if self.result["ok"] else 1)


def main(argv: list[str]) -> int:
    """``argv``: the launch file and, optionally, where to save a picture of the painted window."""
    launch = Path(argv[0])
    picture = Path(argv[1]) if len(argv) > 1 else None
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="cockpit-smoke-settings-") as folder:
        settings = keys.open_settings(Path(folder) / "settings.ini")  # the user's own settings stay untouched
        install_language(app, None, keys.read(settings, keys.LANGUAGE))
        window = MainWindow(settings=settings)
        check = SmokeCheck(app, window, launch, picture)
        window.show()
        window.open_file(launch, read_only=True)
        code = app.exec()
    print(json.dumps(check.result, ensure_ascii=False), flush=True)
    return code
