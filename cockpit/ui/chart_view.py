"""A chart in a pane: a quiet placeholder first, the matplotlib canvas once its Figure is built off the UI thread.

Two rules meet here (DESIGN §2, issue 3): the window paints before matplotlib loads, and a chart never blocks
the UI. So a ``ChartView`` asks for its Figure only after it has itself been painted, builds it on the one
chart worker, and only wraps the finished Figure in a ``FigureCanvasQTAgg`` on the UI thread. This module is
the one place in the window that imports the Qt backend of matplotlib, and it does so lazily.

Chart functions are passed as zero-argument callables (``functools.partial`` over frozen domain rows) that
import ``cockpit.charts`` themselves, so importing a pane never imports matplotlib.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QStackedLayout, QWidget

from cockpit.ui.tasks import TaskRunner, Tasks
from cockpit.ui.theme import MUTED_INK, PANEL

if TYPE_CHECKING:  # only for annotations: importing matplotlib here would defeat the point
    from matplotlib.figure import Figure

FigureBuilder = Callable[[], "Figure"]

QT_BACKEND = "matplotlib.backends.backend_qtagg"
# matplotlib's rc_context (used by every chart) changes process-wide settings for its duration, so two
# charts must never be built at the same time, whichever worker builds them.
_BUILD_LOCK = threading.Lock()
MIN_DPI = 55.0  # below this the chart's text gets too small to read: narrower views crop instead
MAX_DPI = 100.0  # the charts' design dpi: wider views get more room, not bigger text


def build_figure(build: FigureBuilder) -> Figure:
    """Run a chart function under the build lock; also import the Qt backend here, off the UI thread."""
    with _BUILD_LOCK:
        figure = build()
    importlib.import_module(QT_BACKEND)
    return figure


_shared_runner: TaskRunner | None = None  # a Python reference: a parented QObject alone lets the wrapper go


def shared_chart_tasks() -> Tasks:
    """The application's chart worker: one thread, created with the first chart, ended with the application."""
    global _shared_runner
    if _shared_runner is None or not shiboken6.isValid(_shared_runner):
        app = QCoreApplication.instance()
        _shared_runner = TaskRunner(name="cockpit-charts", parent=app)
        if app is not None:
            app.aboutToQuit.connect(_shared_runner.shutdown)
    return _shared_runner


@cache
def canvas_class() -> type:
    """``FigureCanvasQTAgg`` whose idle redraw is tied to the canvas, so closing a pane mid-redraw is quiet."""
    backend: Any = importlib.import_module(QT_BACKEND)  # already imported on the chart worker: a dict lookup

    class Canvas(backend.FigureCanvasQTAgg):
        """Scales the Figure as a whole to the canvas' width, so a pane shows the chart's designed layout."""

        def __init__(self, figure: Figure, *, keep_height: bool) -> None:
            self.design_inches = tuple(figure.get_size_inches())
            self.keep_height = keep_height
            super().__init__(figure)

        def fit_to_width(self, width: int) -> None:
            # Charts are laid out for a wall screen (11 inches at 100 dpi); a pane is often narrower. Lowering
            # the dpi shrinks fonts and lines with the plot instead of crowding labels into a smaller plot.
            # matplotlib derives the screen dpi from _original_dpi whenever the pixel ratio changes.
            dpi = min(MAX_DPI, max(MIN_DPI, width / self.design_inches[0]))
            self.figure._original_dpi = dpi
            self.figure._set_dpi(dpi * self.device_pixel_ratio, forward=False)
            if self.keep_height:
                self.setMinimumHeight(int(self.design_inches[1] * dpi))

        def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
            if self.figure is not None and not self._in_resize_event:
                self.fit_to_width(event.size().width())
            super().resizeEvent(event)

        def draw_idle(self) -> None:
            # matplotlib's own version schedules a context-free timer that fires on a deleted canvas
            # when a pane closes right after a resize; with the canvas as context Qt drops it instead.
            if not (getattr(self, "_draw_pending", False) or getattr(self, "_is_drawing", False)):
                self._draw_pending = True
                QTimer.singleShot(0, self, self._draw_idle)

        def draw(self) -> None:
            try:
                super().draw()
            except RuntimeError:
                if shiboken6.isValid(self):
                    raise
                # The pane closed while the Figure was rendering: there is nothing left to show it on.

    return Canvas


class _PaintSpy(QObject):
    """Calls back once after the watched widget's first paint, from the next turn of the event loop."""

    def __init__(self, watched: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Deferred: the rest of the window finishes this paint before any chart work starts.
            QTimer.singleShot(0, self, self._callback)
        return False


class ChartView(QWidget):
    """Shows the newest Figure from ``show_chart(build)``; a newer request makes older results be dropped.

    ``scroll=True`` keeps the Figure's own height (a long runbook scrolls instead of squashing);
    otherwise the canvas fills the view and matplotlib redraws the Figure to its size.
    """

    figure_ready = Signal()  # a canvas now shows the Figure of the latest request
    failed = Signal(str)

    def __init__(
        self,
        *,
        scroll: bool = False,
        tasks: Tasks | None = None,
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._scroll = scroll
        self._tasks = tasks
        self._build: FigureBuilder | None = None
        self._generation = 0
        self._building = False
        self._painted = False
        self.figure: Figure | None = None
        self.canvas: QWidget | None = None
        self.error = ""  # why the latest chart could not be drawn

        self.placeholder = QLabel(placeholder or self.tr("Loading chart…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {MUTED_INK}; background: {PANEL};")
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.placeholder)
        self._holder: QWidget = self.placeholder
        _PaintSpy(self.placeholder, self._on_first_paint)

    # -- asking for a chart ------------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._build is not None or self._building

    def show_chart(self, build: FigureBuilder) -> None:
        """Draw the Figure ``build()`` returns; it runs on the chart worker once this view has been painted.

        The current chart stays on screen until the new one is ready, so data refreshes never flash.
        """
        self._generation += 1
        self._build = build
        if self._painted:
            self._start()

    def _on_first_paint(self) -> None:
        self._painted = True
        self._start()

    def _start(self) -> None:
        build, self._build = self._build, None
        if build is None:
            return
        generation = self._generation
        self._building = True
        tasks = self._tasks or shared_chart_tasks()
        tasks.submit(
            lambda: build_figure(build),
            on_done=lambda figure: self._on_built(generation, figure),
            on_error=lambda exc: self._on_failed(generation, exc),
        )

    # -- results, on the UI thread -------------------------------------------------------------------------------------

    def _on_built(self, generation: int, figure: Figure) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the pane closed meanwhile, or a newer request is on its way and this Figure is stale
        self._building = False
        self.error = ""
        self._show_figure(figure)
        self.figure_ready.emit()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self._building = False
        message = self.tr("The chart could not be drawn: {reason}").format(reason=exc)
        self.error = message
        self.placeholder.setText(message)
        self._swap(self.placeholder)
        self.failed.emit(message)

    def _show_figure(self, figure: Figure) -> None:
        canvas = canvas_class()(figure, keep_height=self._scroll)
        canvas.setObjectName("chartCanvas")
        canvas.fit_to_width(max(self.width(), 1))
        canvas.setMinimumWidth(240)
        if self._scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(canvas)
            holder: QWidget = area
        else:
            canvas.setMinimumHeight(160)
            holder = canvas
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.figure, self.canvas = figure, canvas
        self._swap(holder)

    def _swap(self, holder: QWidget) -> None:
        if holder is self._holder:
            return
        old, self._holder = self._holder, holder
        if holder is not self.placeholder:
            self._stack.addWidget(holder)
        self._stack.setCurrentWidget(holder)
        if old is not self.placeholder:
            self._stack.removeWidget(old)
            old.deleteLater()
        if holder is self.placeholder:
            self.figure = self.canvas = None
