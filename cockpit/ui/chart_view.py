"""A chart in a pane: a quiet placeholder first, then a picture of the chart drawn entirely off the UI thread.

Two rules meet here (DESIGN §2, issue 3): the window paints before matplotlib loads, and a chart never blocks
the UI. So a ``ChartView`` asks for its chart only after it has itself been painted; the chart worker builds
the Figure *and* draws it with matplotlib's Agg renderer at the view's size and pixel ratio
(``chart_render``); the UI thread only paints the finished image. Drawing a 300-step runbook takes seconds,
which on the UI thread froze the window; the charts are pictures, so nothing is lost by not embedding
matplotlib's interactive canvas.

While the view is being resized it shows the picture it has, smoothly scaled; once the size has settled
the worker draws it again at the new size. Results of older requests (an older chart, an older size) are
dropped. Chart functions are passed as zero-argument callables (``functools.partial`` over frozen domain
rows) that import ``cockpit.charts`` themselves, so importing a pane never imports matplotlib.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QStackedLayout, QStyle, QWidget

from cockpit.ui.chart_render import (
    Chart,
    FigureBuilder,
    Picture,
    Target,
    build_and_render,
    render,
    scroll_height,
)
from cockpit.ui.tasks import TaskRunner, Tasks
from cockpit.ui.theme import MUTED_INK, PANEL

if TYPE_CHECKING:  # only for annotations: importing matplotlib here would defeat the point
    from matplotlib.figure import Figure

RESIZE_SETTLE_MS = 200  # redraw once the user has stopped dragging the splitter or the window edge

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


class ChartPicture(QWidget):
    """Paints a chart's picture: as drawn when it fits the widget, smoothly scaled while a new size is drawn."""

    def __init__(self, *, keep_height: bool) -> None:
        super().__init__()
        self.keep_height = keep_height
        self.image: QImage | None = None
        self._design_inches: tuple[float, float] | None = None

    def show_picture(self, picture: Picture) -> None:
        self.image = picture.image
        self._design_inches = picture.chart.design_inches
        self._fit_height(self.width())
        self.update()

    def _fit_height(self, width: int) -> None:
        # A scrolling chart keeps its designed height scaled like its width, so the scroll area's range is
        # right at once, before the picture at the new size arrives.
        if self.keep_height and self._design_inches is not None:
            self.setMinimumHeight(scroll_height(max(width, 1), self._design_inches))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._fit_height(event.size().width())
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        if self.image is None:
            return
        painter = QPainter(self)
        logical = self.image.deviceIndependentSize()
        if abs(logical.width() - self.width()) <= 1 and abs(logical.height() - self.height()) <= 1:
            painter.drawImage(QPoint(0, 0), self.image)  # pixel for pixel: crisp at any pixel ratio
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self.image)
        painter.end()


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
    """Shows the newest chart from ``show_chart(build)``; a newer request makes older results be dropped.

    ``scroll=True`` keeps the chart's designed height (a long runbook scrolls instead of squashing);
    otherwise the chart fills the view and is drawn again to its size.
    """

    figure_ready = Signal()  # the view now shows the chart of the latest request
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
        self._generation = 0  # one per show_chart: results of an older chart are dropped
        self._request = 0  # one per job sent to the worker: only the newest job's picture is shown
        self._building = False
        self._painted = False
        self._chart: Chart | None = None
        self._drawn_for: Target | None = None  # the size of the picture on screen, or being drawn
        self.canvas: ChartPicture | None = None
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
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._redraw_at_new_size)
        _PaintSpy(self.placeholder, self._on_first_paint)

    # -- asking for a chart ------------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._build is not None or self._building

    @property
    def figure(self) -> Figure | None:
        """The Figure on screen (tests read its titles); it belongs to the chart worker while it redraws."""
        return self._chart.figure if self._chart is not None else None

    def show_chart(self, build: FigureBuilder) -> None:
        """Show the chart ``build()`` returns; it is built and drawn on the chart worker once this view has painted.

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
        self._building = True
        target = self._target()
        self._submit(lambda: build_and_render(build, target), target)

    def _submit(self, job: Callable[[], Picture], target: Target) -> None:
        self._request += 1
        self._drawn_for = target
        generation, request = self._generation, self._request
        (self._tasks or shared_chart_tasks()).submit(
            job,
            on_done=lambda picture: self._on_picture(generation, request, picture),
            on_error=lambda exc: self._on_failed(generation, request, exc),
        )

    def _target(self) -> Target:
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return Target(
            width=self.width(),
            height=self.height(),
            pixel_ratio=self.devicePixelRatioF(),
            scroll=self._scroll,
            scrollbar=scrollbar,
        )

    # -- a new size ----------------------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._chart is not None:
            self._settle.start()  # restarted by every step of a drag: one redraw when it ends

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange and self._chart is not None:
            self._settle.start()  # moved to a screen with another pixel ratio: draw it sharp there
        return super().event(event)

    def _redraw_at_new_size(self) -> None:
        chart, target = self._chart, self._target()
        if chart is None or self._building or target == self._drawn_for:
            return  # a new chart is on its way (drawn at the newest size), or this size is drawn already
        self._submit(lambda: render(chart, target), target)

    # -- results, on the UI thread -------------------------------------------------------------------------------------

    def _is_current(self, generation: int, request: int) -> bool:
        # The pane closed meanwhile, or a newer chart or size was asked for: this result is stale.
        return shiboken6.isValid(self) and generation == self._generation and request == self._request

    def _on_picture(self, generation: int, request: int, picture: Picture) -> None:
        if not self._is_current(generation, request):
            return
        first = self._building
        self._building = False
        self.error = ""
        self._chart = picture.chart
        self._show(picture)
        if first:
            self.figure_ready.emit()
        if self._target() != picture.target:
            self._settle.start()  # the view changed size while the picture was drawn

    def _on_failed(self, generation: int, request: int, exc: BaseException) -> None:
        if not self._is_current(generation, request):
            return
        self._building = False
        message = self.tr("The chart could not be drawn: {reason}").format(reason=exc)
        self.error = message
        self.placeholder.setText(message)
        self._swap(self.placeholder)
        self.failed.emit(message)

    def _show(self, picture: Picture) -> None:
        if self.canvas is None:
            canvas = ChartPicture(keep_height=self._scroll)
            canvas.setObjectName("chartCanvas")
            canvas.setMinimumWidth(240)
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            if self._scroll:
                area = QScrollArea()
                area.setWidgetResizable(True)
                area.setFrameShape(QScrollArea.Shape.NoFrame)
                area.setWidget(canvas)
                holder: QWidget = area
            else:
                canvas.setMinimumHeight(160)
                holder = canvas
            self.canvas = canvas
            self._swap(holder)
        self.canvas.show_picture(picture)

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
            self._chart = self.canvas = self._drawn_for = None
