"""One fresh process of the first-paint bench; prints one JSON line with its timings.

    python bench/_paint_probe.py bare SPAWNED_AT
    python bench/_paint_probe.py cockpit SPAWNED_AT LAUNCH

``SPAWNED_AT`` is the parent's ``time.monotonic()`` just before it started this process (the clock is
system-wide), so every time below counts from process start, interpreter and imports included.
Both modes take "first paint" the same way: the first Paint event of any widget in a ``QMainWindow``, and
the moment the event loop turns after it (the whole window has then painted). The cockpit goes through
``cockpit open LAUNCH`` exactly as a user starts it, with its settings in a temporary folder; then it
visits every pane, waits for every chart, and shows every chart once more so each picture paints, while a
10 ms timer on the UI thread records the longest gap between its ticks.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

TIMEOUT_S = 180
TICK_MS = 10
STALL_S = 0.05  # a gap a user notices as a stutter


class PaintOnce(QObject):
    """Calls back on the loop turn after ``watched`` (or, with ``watched=None``, any main window) paints."""

    def __init__(self, watched: QObject, callback, *, accept=lambda widget: True) -> None:
        super().__init__()
        self._watched, self._callback, self._accept = watched, callback, accept
        self.matplotlib_loaded: bool | None = None
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.matplotlib_loaded is None
            and isinstance(watched, QWidget)
            and self._accept(watched)
        ):
            self.matplotlib_loaded = "matplotlib" in sys.modules
            self._watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def in_main_window(widget: QWidget) -> bool:
    return isinstance(widget.window(), QMainWindow) and widget.window().isVisible()


class Ticker(QObject):
    """A 10 ms timer on the UI thread: the longest gap between two ticks is how long the UI stood still."""

    def __init__(self) -> None:
        super().__init__()
        self.worst = 0.0
        self.ticks = 0
        self.stalls: list[tuple[float, str]] = []  # (gap, the step of the tour that took most of it)
        self._steps: list[tuple[float, str]] = [(0.0, "")]  # (started at, step)
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def step(self, name: str) -> None:
        self._steps.append((time.perf_counter(), name))

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self._last > STALL_S:
            self.stalls.append((now - self._last, self._busiest_step(self._last, now)))
        self.worst = max(self.worst, now - self._last)
        self._last = now
        self.ticks += 1

    def _busiest_step(self, begin: float, end: float) -> str:
        """The step whose time overlaps the gap most: the one that kept the UI thread busy."""
        ends = [started for started, _ in self._steps[1:]] + [end]
        overlaps = [
            (min(finish, end) - max(started, begin), name)
            for (started, name), finish in zip(self._steps, ends, strict=True)
        ]
        return max(overlaps)[1]


class CockpitTour(QObject):
    """After the data has painted: visit every pane, wait for every chart, then show each chart's canvas."""

    def __init__(self, app: QApplication, report: dict, since) -> None:
        super().__init__()
        self.app, self.report, self.since = app, report, since
        self.ticker = Ticker()
        self.window = None
        self.charts: list = []
        self._spies: list[PaintOnce] = []

    def window_painted(self) -> None:
        self.window = next(w for w in self.app.topLevelWidgets() if isinstance(w, QMainWindow))
        self._spies.append(PaintOnce(self.app, self.data_painted, accept=self._shows_data))

    def _shows_data(self, widget: QWidget) -> bool:
        session = self.window.session
        return in_main_window(widget) and session is not None and session.data is not None

    def data_painted(self) -> None:
        self.report["data_shown"] = self.since()
        self.ticker.start()
        self.visit(list(self.window.panes), then=self.wait_for_charts)

    def visit(self, panes: list, *, then) -> None:
        """Show each pane in turn and go on once it has painted (its charts start building on that paint)."""
        if not panes:
            then()
            return
        pane, rest = panes[0], panes[1:]
        if self.window.current_pane() is pane:
            QTimer.singleShot(0, lambda: self.visit(rest, then=then))
            return
        self._spies.append(PaintOnce(pane, lambda: self.reveal_charts(pane, rest, then)))
        self.ticker.step(f"showing {pane.pane_id}")
        self.window.show_pane(pane.pane_id)

    def reveal_charts(self, pane: QWidget, rest: list, then) -> None:
        """A chart on a tab or page not shown yet is brought forward, as a user looking at it would do."""
        hidden = [chart for chart in charts_in(pane) if not chart.isVisibleTo(pane)]
        for chart in hidden:
            child, parent = chart, chart.parentWidget()
            while parent is not None and parent is not pane:
                if isinstance(parent, QStackedWidget) and parent.indexOf(child) >= 0:
                    parent.setCurrentWidget(child)
                    if isinstance(parent.parentWidget(), QTabWidget):
                        parent.parentWidget().setCurrentWidget(child)
                child, parent = parent, parent.parentWidget()
        QTimer.singleShot(0, lambda: self.visit(rest, then=then))

    def wait_for_charts(self) -> None:
        self.charts = charts_in(self.window)
        self.ticker.step("waiting for charts")
        for chart in self.charts:
            chart.figure_ready.connect(self.check_charts)
            chart.failed.connect(self.check_charts)
        self.check_charts()

    def check_charts(self) -> None:
        if "charts_ready" in self.report or any(chart.loading for chart in self.charts):
            return
        self.report["charts_ready"] = self.since()
        self.report["charts"] = len(self.charts)
        self.report["panes"] = len(self.window.panes)
        self.report["failures"] = [chart.error for chart in self.charts if chart.error]
        with_charts = [p for p in self.window.panes if any(c.canvas is not None for c in self._charts_of(p))]
        self.show_canvases(with_charts)

    def _charts_of(self, pane: QWidget) -> list:
        return [chart for chart in self.charts if pane.isAncestorOf(chart)]

    def show_canvases(self, panes: list) -> None:
        """Bring each pane with charts forward until all its chart pictures have painted on screen."""
        if not panes:
            self.finish()
            return
        pane, rest = panes[0], panes[1:]
        canvases = [
            c.canvas for c in self._charts_of(pane) if c.canvas is not None and c.canvas.isVisibleTo(pane)
        ]
        waiting = set(range(len(canvases)))

        def painted(index: int) -> None:
            waiting.discard(index)
            if not waiting:
                self.show_canvases(rest)

        self.ticker.step(f"drawing the charts of {pane.pane_id}")
        for index, canvas in enumerate(canvases):
            self._spies.append(PaintOnce(canvas, lambda i=index: painted(i)))
        if self.window.current_pane() is pane:
            for canvas in canvases:
                canvas.update()
        else:
            self.window.show_pane(pane.pane_id)
        if not canvases:
            QTimer.singleShot(0, lambda: self.show_canvases(rest))

    def finish(self) -> None:
        self.ticker.stop()
        self.report["charts_drawn"] = self.since()
        self.report["worst_gap"] = self.ticker.worst
        self.report["ticks"] = self.ticker.ticks
        self.report["stalls"] = self.ticker.stalls
        self.report["matplotlib_at_end"] = "matplotlib" in sys.modules
        self.report["resident_mb"] = tree_resident_mb()  # every pane visited, every chart drawn: bench.memory
        self.app.quit()


def charts_in(widget: QWidget) -> list:
    """Every chart under ``widget`` (painted natively: ``figure_ready``, ``loading``, ``canvas``, ``error``)."""
    from cockpit.ui.charts.plot_paint import PaintedChart

    return widget.findChildren(PaintedChart)


def tree_resident_mb() -> dict[str, float] | None:
    """RSS in MB of this process and of each process it started (none since issue 15); None without /proc."""
    sizes: dict[str, float] = {}
    pending = [os.getpid()]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            sizes[str(pid)] = (
                next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")) / 1024
            )
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):  # no /proc (not Linux), or the process ended meanwhile
            if pid == os.getpid():
                return None
    return sizes


def main(argv: list[str]) -> int:
    mode, spawned_at = argv[0], float(argv[1])
    report: dict = {"mode": mode, "matplotlib_at_start": "matplotlib" in sys.modules}

    def since() -> float:
        return time.monotonic() - spawned_at

    app = QApplication([sys.argv[0]])
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: (report.update(timed_out=True), app.quit()))
    watchdog.start(TIMEOUT_S * 1000)

    def window_painted(spy: PaintOnce, then) -> None:
        report["first_paint"] = since()
        report["matplotlib_at_first_paint"] = spy.matplotlib_loaded
        then()

    with tempfile.TemporaryDirectory(prefix="cockpit-bench-settings-") as settings_folder:
        if mode == "bare":
            first = PaintOnce(app, lambda: window_painted(first, app.quit), accept=in_main_window)
            window = QMainWindow()
            window.setWindowTitle("Bare Qt")
            window.setCentralWidget(QLabel("Hello"))
            window.resize(1400, 900)
            window.show()
            app.exec()
            report["resident_mb_bare"] = sum((tree_resident_mb() or {}).values())
        else:
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_folder)
            tour = CockpitTour(app, report, since)
            first = PaintOnce(app, lambda: window_painted(first, tour.window_painted), accept=in_main_window)
            from cockpit.cli import main as cockpit_main

            report["exit_code"] = cockpit_main(["open", argv[2], "--lang", "en"])
        print(json.dumps(report), flush=True)
        for widget in app.topLevelWidgets():
            widget.close()  # the cockpit joins its worker threads on close
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
