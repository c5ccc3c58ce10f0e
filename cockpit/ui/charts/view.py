"""A chart in a pane: a quiet placeholder first, then a picture of the chart drawn outside the window's process.

Two rules meet here (DESIGN §2, issue 3): the window paints before matplotlib loads, and a chart never blocks
the UI. So a ``ChartView`` asks for its chart only after it has itself been painted; the chart process
(``chart_process``) builds the Figure *and* draws it with matplotlib's Agg renderer at the view's size and
pixel ratio (``chart_render``), while the window's chart worker thread waits for it; the UI thread only
paints the finished pixels. Drawing a 300-step runbook takes seconds: on the UI thread it froze the window,
and even on a worker thread it starved the UI thread of Python's interpreter lock. The charts are pictures,
so nothing is lost by not embedding matplotlib's interactive canvas.

While the view is being resized it shows the picture it has, smoothly scaled; once the size has settled
the chart is drawn again at the new size (from the Figure the chart process kept, not rebuilt). Results of
older requests (an older chart, an older size) are dropped. A scrolling view keeps its scroll position
when a new picture replaces the old one (the scroll area and its canvas stay; only the image changes). It
can also be given a row to keep in sight (``set_focus``: a runbook's step in progress): until the user
scrolls it themselves, every picture is scrolled so that row sits near the top; ``follow()`` goes back
to that. What a chart with named rows draws above its first row (the runbook's time axis) stays at the
top of the view however far the rows scroll (``HeaderBand``), so a scrolled chart still says its times.
Chart functions are passed as zero-argument
callables that can be pickled (``functools.partial`` of a module-level function over frozen domain rows)
and import ``cockpit.charts`` themselves, so importing a pane never imports matplotlib.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractSlider,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QStyle,
    QWidget,
)

from cockpit.ui.charts.process import ProcessRenderer
from cockpit.ui.charts.render import (
    ChartMissing,
    FigureBuilder,
    LocalRenderer,
    Picture,
    Target,
    scroll_height,
)
from cockpit.ui.session.tasks import TaskRunner, Tasks
from cockpit.ui.widgets.theme import LINE, MUTED_INK, PANEL

RESIZE_SETTLE_MS = 200  # redraw once the user has stopped dragging the splitter or the window edge
FOCUS_FROM_TOP = 1 / 6  # the followed row sits this far down the visible part: a few rows before it show too


class Superseded(Exception):
    """A chart request that a newer one for the same view replaced before the worker reached it: not drawn."""


class _Latest:
    """The newest request number of one view, read by the chart worker to skip requests gone stale in its queue.

    A plain object rather than the view: the worker must not touch a Qt object, which may be gone meanwhile.
    """

    __slots__ = ("request",)

    def __init__(self) -> None:
        self.request = 0


class Renderer(Protocol):
    def draw(self, view: object, generation: int, build: FigureBuilder | None, target: Target) -> Picture:
        """Draw ``view``'s chart ``generation`` (built by ``build``; None: only the size changed)."""


_shared_runner: TaskRunner | None = None  # a Python reference: a parented QObject alone lets the wrapper go
_shared_renderer: ProcessRenderer | None = None
_view_keys = itertools.count(1)


def shared_chart_tasks() -> Tasks:
    """The application's chart worker: one thread, created with the first chart, ended with the application."""
    global _shared_runner
    if _shared_runner is None or not shiboken6.isValid(_shared_runner):
        app = QCoreApplication.instance()
        _shared_runner = TaskRunner(name="cockpit-charts", parent=app)
        if app is not None:
            app.aboutToQuit.connect(_shutdown_charts)
    return _shared_runner


def shared_chart_renderer() -> ProcessRenderer:
    """The application's chart process: it starts with the first chart and stops when the application quits."""
    global _shared_renderer
    if _shared_renderer is None or _shared_renderer.closed:
        _shared_renderer = ProcessRenderer()
    return _shared_renderer


def warm_charts_after_first_paint(window: QWidget) -> None:
    """Start the chart process once ``window`` has painted: it loads matplotlib while the launch is read and
    the first pane shows, instead of after the first chart is asked for (the window's process never loads it)."""

    def warm() -> None:
        renderer = shared_chart_renderer()
        shared_chart_tasks().submit(renderer.warm, on_error=lambda exc: None)  # a chart will say what failed

    _PaintSpy(window, warm)


def _shutdown_charts() -> None:
    # The process first: a chart still being drawn is abandoned instead of holding up the worker's end.
    if _shared_renderer is not None:
        _shared_renderer.shutdown()
    if _shared_runner is not None and shiboken6.isValid(_shared_runner):
        _shared_runner.shutdown()


class ChartPicture(QWidget):
    """Paints a chart's picture: as drawn when it fits the widget, smoothly scaled while a new size is drawn."""

    def __init__(self, *, keep_height: bool) -> None:
        super().__init__()
        self.keep_height = keep_height
        self.image: QImage | None = None
        self.picture: Picture | None = None  # also keeps the pixels the image reads alive
        self._design_inches: tuple[float, float] | None = None

    def show_picture(self, picture: Picture) -> None:
        width, height = picture.pixel_size
        image = QImage(picture.pixels, width, height, width * 4, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(picture.target.pixel_ratio)
        self.picture, self.image, self._design_inches = picture, image, picture.design_inches
        self._fit_height(self.width())
        self.update()

    def _fit_height(self, width: int) -> None:
        # A scrolling chart keeps its designed height scaled like its width, so the scroll area's range is
        # right at once, before the picture at the new size arrives.
        if self.keep_height and self._design_inches is not None:
            self.setMinimumHeight(scroll_height(max(width, 1), self._design_inches))

    def resizeEvent(self, event) -> None:
        self._fit_height(event.size().width())
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        if self.keep_height and self._design_inches is not None:
            return QSize(self.width(), self.minimumHeight())  # a strip as tall as its design: the layout asks
        return super().sizeHint()

    def paintEvent(self, event) -> None:
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


class HeaderBand(QWidget):
    """The top of a scrolling chart's picture, above its first named row, kept over the top of the viewport.

    A child of the scroll area's viewport, not of the scrolled canvas: it stays put while the rows move
    under it. Shown only when the chart is scrolled down (at the top the picture shows its own header).
    """

    def __init__(self, canvas: ChartPicture, viewport: QWidget) -> None:
        super().__init__(viewport)
        self._canvas = canvas
        self.setObjectName("chartHeaderBand")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the wheel still scrolls the rows
        self._scrolled = 0
        viewport.installEventFilter(self)  # a wider or taller viewport: placed again
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.place(self._scrolled)
        return False

    def band_height(self) -> int:
        """How much of the picture's top the band shows, in the canvas's logical pixels (0: none)."""
        picture = self._canvas.picture
        if picture is None or not picture.rows:
            return 0
        scale = self._canvas.height() / max(picture.size[1], 1)
        return max(0, int(min(top for top, _ in picture.rows.values()) * scale))

    def place(self, scrolled: int) -> None:
        self._scrolled = scrolled
        height = self.band_height()
        viewport = self.parentWidget()
        if height <= 0 or scrolled <= 0 or viewport is None or height >= viewport.height():
            self.hide()
            return
        self.setGeometry(0, 0, viewport.width(), height + 1)  # and a hairline under it
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event) -> None:
        image = self._canvas.image
        if image is None:
            return
        band = self.height() - 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        # The image's own pixels (device pixels) for the band's logical height on the canvas.
        to_image = image.height() / max(self._canvas.height(), 1)
        painter.drawImage(
            QRectF(0, 0, self.width(), band), image, QRectF(0, 0, image.width(), band * to_image)
        )
        painter.setPen(QColor(LINE))
        painter.drawLine(0, band, self.width(), band)
        painter.end()


class _PaintSpy(QObject):
    """Calls back once after the watched widget's first paint, from the next turn of the event loop."""

    def __init__(self, watched: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Deferred: the rest of the window finishes this paint before any chart work starts.
            QTimer.singleShot(0, self, self._callback)
        return False


class ChartView(QWidget):
    """Shows the newest chart from ``show_chart(build)``; a newer request makes older results be dropped.

    ``scroll=True`` keeps the chart's designed height (a long runbook scrolls instead of squashing);
    ``natural_height=True`` makes the view itself as tall as that height, never stretched nor scrolled (a
    strip such as a legend above a scrolling chart); otherwise the chart fills the view and is drawn again
    to its size. Tests may pass their own ``tasks``
    (then charts are drawn in the test's process, so a builder need not be picklable) or ``renderer``.
    """

    figure_ready = Signal()  # the view now shows the chart of the latest request
    failed = Signal(str)
    following_changed = Signal(bool)  # True: the focus row is kept in view; False: the user scrolled away

    def __init__(
        self,
        *,
        scroll: bool = False,
        natural_height: bool = False,
        tasks: Tasks | None = None,
        renderer: Renderer | None = None,
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._scroll = scroll
        self._natural = natural_height
        self._tasks = tasks
        self._renderer = renderer or (LocalRenderer() if tasks is not None else None)
        self._key = next(_view_keys)  # names this view's chart to the renderer
        self._build: FigureBuilder | None = None  # asked for, not sent yet
        self._shown_build: FigureBuilder | None = None  # builds the chart on screen (or being drawn)
        self._generation = 0  # one per show_chart: results of an older chart are dropped
        self._request = 0  # one per job sent to the worker: only the newest job's picture is shown
        self._latest = _Latest()  # the same number, for the worker: older jobs still queued are skipped
        self._building = False
        self._painted = False
        self._drawn_for: Target | None = None  # the size of the picture on screen, or being drawn
        self.canvas: ChartPicture | None = None
        self.header_band: HeaderBand | None = None  # a scrolling chart's header, kept in view
        self.error = ""  # why the latest chart could not be drawn
        self._focus: Hashable | None = None  # the row (a key the chart named) kept in view while following
        self._following = True

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
        if natural_height:
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    # -- asking for a chart ------------------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._build is not None or self._building

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart on screen (titles, labels, legend); empty before the first one."""
        return self.canvas.picture.texts if self.canvas is not None and self.canvas.picture else ()

    def show_chart(self, build: FigureBuilder) -> None:
        """Show the chart ``build()`` returns, built and drawn off the UI thread once this view has painted.

        The current chart stays on screen until the new one is ready, so data refreshes never flash.
        """
        self._generation += 1
        self._build = build
        if self._painted:
            self._start()

    # -- the row kept in view (scrolling views) ------------------------------------------------------------------

    @property
    def scroll_area(self) -> QScrollArea | None:
        """The scroll area around a scrolling chart, once its first picture is shown."""
        return self._holder if isinstance(self._holder, QScrollArea) else None

    @property
    def following(self) -> bool:
        """Whether the view keeps its focus row in view (False once the user has scrolled it themselves)."""
        return self._following

    def set_focus(self, key: Hashable | None) -> None:
        """Keep the chart's row named ``key`` near the top while following; None: no row to keep in view.

        The key is one the chart function gave its rows (``charts.style.name_rows``); a picture without
        that row leaves the scroll position as it is.
        """
        self._focus = key
        self._bring_focus_into_view()

    def follow(self) -> None:
        """Scroll back to the focus row and keep it in view again, through every new picture."""
        if not self._following:
            self._following = True
            self.following_changed.emit(True)
        self._bring_focus_into_view()

    def _on_scroll_action(self, action: int) -> None:
        # Only the user's own scrolling (wheel, keys, the scroll bar) triggers an action; setValue() does not.
        # The signal carries a plain int, and an int never equals the enum member: compare with its value.
        if action != QAbstractSlider.SliderAction.SliderNoAction.value and self._following:
            self._following = False
            self.following_changed.emit(False)

    def _bring_focus_into_view(self) -> None:
        area, canvas = self.scroll_area, self.canvas
        if not self._following or self._focus is None or area is None or canvas is None:
            return
        picture = canvas.picture
        extent = picture.rows.get(self._focus) if picture is not None else None
        if picture is None or extent is None:
            return
        # While a new size is drawn the picture on screen is scaled to the canvas: so are its rows.
        scale = canvas.height() / max(picture.size[1], 1)
        viewport = area.viewport().height()
        band = self.header_band.band_height() if self.header_band is not None else 0
        band = band if band < viewport else 0  # a band taller than the view is never shown
        # The row sits a sixth of the way down the part below the header band, and the first row there
        # starts whole rather than cut by the band.
        wanted = extent[0] * scale - (viewport - band) * FOCUS_FROM_TOP  # the first visible pixel
        first = min((top * scale for top, _ in picture.rows.values() if top * scale >= wanted), default=0.0)
        area.verticalScrollBar().setValue(round(min(first, extent[0] * scale) - band))

    def _on_first_paint(self) -> None:
        self._painted = True
        self._start()

    def _start(self) -> None:
        build, self._build = self._build, None
        if build is None:
            return
        self._building = True
        self._shown_build = build
        self._submit(build, first=True)

    def _submit(self, build: FigureBuilder, *, first: bool) -> None:
        renderer = self._renderer or shared_chart_renderer()
        key, target = self._key, self._target()
        self._request += 1
        self._latest.request = self._request
        self._drawn_for = target
        generation, request, latest = self._generation, self._request, self._latest

        def draw() -> Picture:
            # Three finishes a second apart queue three charts: only the newest is worth seconds of drawing.
            if latest.request != request:
                raise Superseded
            if first:
                return renderer.draw(key, generation, build, target)
            try:  # a new size: the renderer redraws the Figure it kept, without rebuilding (or pickling) it
                return renderer.draw(key, generation, None, target)
            except ChartMissing:
                return renderer.draw(key, generation, build, target)

        (self._tasks or shared_chart_tasks()).submit(
            draw,
            on_done=lambda picture: self._on_picture(generation, request, picture),
            on_error=lambda exc: self._on_failed(generation, request, exc),
        )

    def _target(self) -> Target:
        if self._natural:
            # Drawn at its designed height for the width (as a scrolling chart is, with nothing to scroll):
            # only the width matters, so a new height alone never asks for a redraw.
            return Target(width=self.width(), height=0, pixel_ratio=self.devicePixelRatioF(), scroll=True)
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return Target(
            width=self.width(),
            height=self.height(),
            pixel_ratio=self.devicePixelRatioF(),
            scroll=self._scroll,
            scrollbar=scrollbar,
        )

    # -- a new size ----------------------------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.canvas is not None:
            self._settle.start()  # restarted by every step of a drag: one redraw when it ends

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DevicePixelRatioChange and self.canvas is not None:
            self._settle.start()  # moved to a screen with another pixel ratio: draw it sharp there
        return super().event(event)

    def _redraw_at_new_size(self) -> None:
        build = self._shown_build
        if build is None or self.canvas is None or self._building or self._target() == self._drawn_for:
            return  # a new chart is on its way (drawn at the newest size), or this size is drawn already
        self._submit(build, first=False)

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
            canvas = ChartPicture(keep_height=self._scroll or self._natural)
            canvas.setObjectName("chartCanvas")
            canvas.setMinimumWidth(240)
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            if self._natural:
                holder: QWidget = canvas
            elif self._scroll:
                area = QScrollArea()
                area.setWidgetResizable(True)
                area.setFrameShape(QScrollArea.Shape.NoFrame)
                area.setWidget(canvas)
                bar = area.verticalScrollBar()
                bar.actionTriggered.connect(self._on_scroll_action)
                # A new picture, a new size or a new viewport height moves the range: the row stays in view.
                bar.rangeChanged.connect(lambda *_: self._bring_focus_into_view())
                self.header_band = HeaderBand(canvas, area.viewport())
                bar.valueChanged.connect(self._place_header_band)
                bar.rangeChanged.connect(lambda *_: self._place_header_band())
                holder = area
            else:
                canvas.setMinimumHeight(160)
                holder = canvas
            self.canvas = canvas
            self._swap(holder)
        self.canvas.show_picture(picture)
        self._bring_focus_into_view()
        self._place_header_band()

    def _place_header_band(self, *_) -> None:
        area, band = self.scroll_area, self.header_band
        if area is not None and band is not None:
            band.place(area.verticalScrollBar().value())

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
            self.canvas = self._drawn_for = self.header_band = None
