"""Turning a chart into pixels on the chart worker, so the UI thread never waits for matplotlib.

A chart function returns a Figure laid out for a wall screen (its "design" size in inches, at 100 dpi).
Here the Figure is fitted to the size of the view that shows it, drawn with matplotlib's Agg renderer and
copied into a ``QImage`` (an image is safe to make off the UI thread; a pixmap or a widget is not).
The UI thread only paints that image. This module imports matplotlib only inside the functions that run
on the worker, so importing it keeps matplotlib out of the first paint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:  # only for annotations: importing matplotlib here would defeat the point
    from matplotlib.figure import Figure

FigureBuilder = Callable[[], "Figure"]

# matplotlib's rc_context (used by every chart) changes process-wide settings for its duration, and drawing
# reads some of them: building and drawing never overlap, whichever thread does them.
_MATPLOTLIB_LOCK = threading.Lock()
MIN_DPI = 55.0  # below this the chart's text gets too small to read: narrower views crop instead
MAX_DPI = 100.0  # the charts' design dpi: wider views get more room, not bigger text


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
class Chart:
    """A built Figure and the size it was designed for, before any fitting changed it."""

    figure: Figure
    design_inches: tuple[float, float]


@dataclass(frozen=True, slots=True)
class Picture:
    """A chart drawn for ``target``: ``image`` carries the pixel ratio, its logical size is ``size``."""

    chart: Chart
    image: QImage
    target: Target
    size: tuple[int, int]


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


def build_chart(build: FigureBuilder) -> Chart:
    """Run a chart function (on the chart worker) and remember the size its Figure was designed for."""
    with _MATPLOTLIB_LOCK:
        figure = build()
    width, height = figure.get_size_inches()
    return Chart(figure=figure, design_inches=(float(width), float(height)))


def render(chart: Chart, target: Target) -> Picture:
    """Draw ``chart`` at the size ``target`` gives it, into an image the UI thread can paint as it is."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    width, height = fitted_size(target, chart.design_inches)
    dpi = fitted_dpi(width, chart.design_inches[0])
    figure = chart.figure
    with _MATPLOTLIB_LOCK:
        figure.set_dpi(dpi * target.pixel_ratio)
        figure.set_size_inches(width / dpi, height / dpi, forward=False)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        pixels = canvas.buffer_rgba()  # the renderer's own memory: only valid until the next draw
        rows, columns = pixels.shape[0], pixels.shape[1]
        borrowed = QImage(pixels, columns, rows, columns * 4, QImage.Format.Format_RGBA8888)
        # Converted once here, to the format Qt paints fastest, into an image that owns its pixels.
        image = borrowed.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        del borrowed, pixels
    image.setDevicePixelRatio(target.pixel_ratio)
    return Picture(chart=chart, image=image, target=target, size=(width, height))


def build_and_render(build: FigureBuilder, target: Target) -> Picture:
    return render(build_chart(build), target)
