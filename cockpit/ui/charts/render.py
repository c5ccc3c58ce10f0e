"""Turning a chart into pixels away from the UI thread (Qt-free: it runs in the chart process).

A chart function returns a Figure laid out for a wall screen (its "design" size in inches, at 100 dpi).
Here the Figure is fitted to the size of the view that shows it, drawn with matplotlib's Agg renderer and
returned as raw pixels in the layout Qt paints fastest; the window only wraps them in a ``QImage``.
matplotlib is imported only inside the functions that draw, so importing this module costs nothing.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: importing matplotlib here would defeat the point
    from matplotlib.figure import Figure

FigureBuilder = Callable[[], "Figure"]

# matplotlib's rc_context (used by every chart) changes process-wide settings for its duration, and drawing
# reads some of them: building and drawing never overlap, whichever thread does them.
_MATPLOTLIB_LOCK = threading.Lock()
MIN_DPI = 55.0  # below this the chart's text gets too small to read: narrower views crop instead
MAX_DPI = 100.0  # the charts' design dpi: wider views get more room, not bigger text
KEPT_CHARTS = 16  # Figures kept for redrawing at a new size: a few per open pane


@dataclass(frozen=True, slots=True)
class Target:
    """Where a chart will be shown: the view's size in logical pixels and the screen's pixel ratio.

    ``scroll`` views keep the chart's designed height (a long runbook scrolls instead of squashing);
    when that height does not fit, the view's vertical scroll bar (``scrollbar`` pixels) takes some width.
    """

    width: int
    height: int
    pixel_ratio: float
    scroll: bool = False
    scrollbar: int = 0


@dataclass(frozen=True, slots=True)
class Picture:
    """A chart drawn for ``target``.

    ``pixels`` are premultiplied 32-bit pixels in native byte order (Qt's ``Format_ARGB32_Premultiplied``),
    ``pixel_size`` wide and high; ``size`` is the logical size they cover. ``texts`` are the chart's
    words (titles, labels, legend), what a reader of the picture would find on it. ``rows`` says where
    the rows a chart named (``charts.style.name_rows``: a runbook's steps by id) sit on the picture:
    top and bottom in logical pixels from its top edge.
    """

    pixels: bytes
    pixel_size: tuple[int, int]
    size: tuple[int, int]
    target: Target
    texts: tuple[str, ...]
    design_inches: tuple[float, float]  # the size the chart was laid out for, before fitting
    rows: Mapping[Hashable, tuple[float, float]] = field(default_factory=dict, compare=False)


class ChartMissing(LookupError):
    """Asked to redraw a chart the renderer no longer has: send its builder again."""


def fitted_dpi(width: float, design_width_inches: float) -> float:
    """Scale the chart as a whole to the width: fonts and lines shrink with the plot instead of crowding it."""
    return min(MAX_DPI, max(MIN_DPI, width / design_width_inches))


def scroll_height(width: float, design_inches: tuple[float, float]) -> int:
    """How tall a scrolling chart is at this width: its designed height, scaled like its width."""
    return int(design_inches[1] * fitted_dpi(width, design_inches[0]))


def fitted_size(target: Target, design_inches: tuple[float, float]) -> tuple[int, int]:
    """The logical size the chart takes in the view: the view's size, or taller for a scrolling chart."""
    width, height = max(target.width, 1), max(target.height, 1)
    if target.scroll:
        if scroll_height(width, design_inches) > height:
            width = max(width - target.scrollbar, 1)
        height = max(height, scroll_height(width, design_inches))
    return width, height


def chart_texts(figure: Figure) -> tuple[str, ...]:
    """The words on a chart, in reading order: figure texts and legends, then per plot its titles, axis
    labels, legend."""
    texts = [text.get_text() for text in figure.texts]
    for legend in figure.legends:
        texts += [text.get_text() for text in legend.get_texts()]
    for axes in figure.axes:
        texts += [axes.get_title(loc) for loc in ("left", "center", "right")]
        texts += [axes.get_xlabel(), axes.get_ylabel()]
        axes_legend = axes.get_legend()
        if axes_legend is not None:
            texts += [text.get_text() for text in axes_legend.get_texts()]
    return tuple(text for text in texts if text)


def draw(figure: Figure, design_inches: tuple[float, float], target: Target) -> Picture:
    """Draw ``figure`` at the size ``target`` gives it."""
    import numpy
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from cockpit.charts.style import row_extents

    width, height = fitted_size(target, design_inches)
    dpi = fitted_dpi(width, design_inches[0])
    with _MATPLOTLIB_LOCK:
        figure.set_dpi(dpi * target.pixel_ratio)
        figure.set_size_inches(width / dpi, height / dpi, forward=False)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        rgba = numpy.asarray(canvas.buffer_rgba())
        texts = chart_texts(figure)
        rows = {key: (top * dpi, bottom * dpi) for key, (top, bottom) in row_extents(figure).items()}
    # Agg gives straight RGBA bytes; Qt paints premultiplied ARGB words fastest (BGRA bytes on little-endian).
    if not (rgba[..., 3] == 255).all():  # charts have an opaque background: usually nothing to multiply
        alpha = rgba[..., 3:4].astype(numpy.uint16)
        rgb = (rgba[..., :3].astype(numpy.uint16) * alpha // 255).astype(numpy.uint8)
        rgba = numpy.concatenate([rgb, rgba[..., 3:4]], axis=2)
    native = rgba[..., [2, 1, 0, 3] if sys.byteorder == "little" else [3, 0, 1, 2]]
    return Picture(
        pixels=native.tobytes(),
        pixel_size=(rgba.shape[1], rgba.shape[0]),
        size=(width, height),
        target=target,
        texts=texts,
        design_inches=design_inches,
        rows=rows,
    )


class LocalRenderer:
    """Builds and draws charts in this process, keeping each view's latest Figure to redraw it at new sizes.

    The chart process runs one of these; tests that hand ``ChartView`` their own tasks use one directly.
    """

    def __init__(self) -> None:
        self._charts: OrderedDict[Hashable, tuple[int, Figure, tuple[float, float]]] = OrderedDict()

    def draw(self, view: Hashable, generation: int, build: FigureBuilder | None, target: Target) -> Picture:
        """Draw generation ``generation`` of ``view``'s chart; ``build`` is None when only the size changed."""
        kept = self._charts.get(view)
        if kept is None or kept[0] != generation:
            if build is None:
                raise ChartMissing(view)
            with _MATPLOTLIB_LOCK:
                figure = build()
            width, height = figure.get_size_inches()
            kept = (generation, figure, (float(width), float(height)))
            self._charts[view] = kept
        self._charts.move_to_end(view)
        while len(self._charts) > KEPT_CHARTS:
            self._charts.popitem(last=False)
        return draw(kept[1], kept[2], target)

    def shutdown(self) -> None:
        self._charts.clear()
