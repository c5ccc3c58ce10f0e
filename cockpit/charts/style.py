"""The look shared by every chart: the bundled Japanese font, a colour-blind-safe palette, wall-screen sizes.

Charts are built inside :func:`chart_context`, so their settings are baked into each artist when it is
created and nothing leaks into matplotlib's global defaults. ``matplotlib_fontja`` is deliberately not
imported: importing it rewrites the global ``font.family``. We only need its font file.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import tzinfo
from functools import cache
from pathlib import Path
from typing import Any, cast

import matplotlib
from matplotlib import dates, font_manager
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure, FigureBase
from matplotlib.ticker import FixedFormatter, FixedLocator
from matplotlib.typing import RcKeyType

from cockpit.charts.palette import (
    BACKGROUND,
    GREEN,
    INK,
    LABEL_SIZE,
    LIGHT_GREY,
    MUTED_INK,
    NOTE_SIZE,
    ORANGE,
    TICK_SIZE,
    TITLE_SIZE,
    VERMILLION,
)

# The rest of the palette, re-exported: the chart modules name every colour style.BLUE and so on.
from cockpit.charts.palette import BLUE as BLUE
from cockpit.charts.palette import GREY as GREY
from cockpit.charts.palette import PURPLE as PURPLE
from cockpit.charts.palette import SKY as SKY
from cockpit.charts.plot_marks import Swatch, TimeTicks, ValueTick
from cockpit.charts.text_cells import display_width as display_width
from cockpit.domain.risks import Zone
from cockpit.words.labels import risk_zone_label

FONT_FAMILY = "IPAexGothic"
_FONT_FILE = "ipaexg.ttf"
# IPAexGothic has no bold face: hierarchy comes from size and colour, never from weight (which would warn).
# Later families only fill in glyphs the first lacks (matplotlib falls back glyph by glyph).
FONT_FAMILIES = [FONT_FAMILY, "DejaVu Sans"]  # DejaVu ships with matplotlib itself

ZONE_COLOURS = {Zone.GREEN: GREEN, Zone.AMBER: ORANGE, Zone.RED: VERMILLION}
# Paler versions of the zone colours, dark enough to tell apart yet light enough for black text on top.
ZONE_FILLS = {Zone.GREEN: "#A8DCCB", Zone.AMBER: "#F5D48C", Zone.RED: "#EFAE85"}
# ○ △ × is how Japanese teams mark good / caution / bad, so the shape carries the meaning without colour.
ZONE_SYMBOLS = {Zone.GREEN: "○", Zone.AMBER: "△", Zone.RED: "×"}

DEFAULT_SIZE = (11.0, 6.5)  # inches: fills a wall screen at 100 dpi and an A4 landscape page

_RC: dict[RcKeyType, Any] = {
    "font.family": FONT_FAMILIES,
    "font.size": LABEL_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.titleweight": "normal",
    "axes.titlelocation": "left",
    "axes.labelsize": LABEL_SIZE,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED_INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.facecolor": BACKGROUND,
    "axes.axisbelow": True,
    "grid.color": LIGHT_GREY,
    "grid.linewidth": 0.8,
    "xtick.labelsize": TICK_SIZE,
    "ytick.labelsize": TICK_SIZE,
    "xtick.color": MUTED_INK,
    "ytick.color": MUTED_INK,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "legend.fontsize": NOTE_SIZE + 1,
    "legend.frameon": False,
    "hatch.linewidth": 1.2,
    "figure.facecolor": BACKGROUND,
    "text.color": INK,
    "axes.unicode_minus": False,  # ASCII minus renders in every font we may fall back to
}


def zone_label(zone: Zone) -> str:
    """The zone as shown in legends: symbol first, so it reads without colour."""
    return f"{ZONE_SYMBOLS[zone]} {risk_zone_label(zone)}"


def bundled_font_path() -> Path | None:
    """The IPAexGothic file shipped inside matplotlib-fontja, found without importing the package."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "fonts" / _FONT_FILE
        if candidate.is_file():
            return candidate
    return None


@cache
def register_font() -> Path | None:
    """Make the bundled font the one matplotlib's font manager finds by its family name (once per process).

    Pinned by file: a machine with IPAexGothic installed system-wide has a second font of the same name,
    listed first and so found first, and charts would look different from machine to machine.
    """
    path = bundled_font_path()
    if path is None:
        return None
    manager = font_manager.fontManager
    manager.ttflist = [entry for entry in manager.ttflist if entry.name != FONT_FAMILY]
    manager.addfont(str(path))  # which also forgets what findfont found before
    return path


@contextmanager
def chart_context() -> Iterator[None]:
    """Build a chart under this: every artist created inside takes the cockpit's fonts and colours."""
    register_font()
    with matplotlib.rc_context(_RC):
        yield


# Set by drawn_into(): the report page region the next chart draws into instead of a Figure of its own.
_TARGET: ContextVar[FigureBase | None] = ContextVar("chart_target", default=None)


@contextmanager
def drawn_into(target: FigureBase) -> Iterator[None]:
    """Charts built under this draw into ``target`` (a report page's ``SubFigure``), sized by the page.

    One chart per block: the report gives every chart a region of its page, so a page can hold a chart
    next to its tables, and the chart functions stay the same for the screen and for paper.
    """
    token = _TARGET.set(target)
    try:
        yield
    finally:
        _TARGET.reset(token)


def new_figure(*, size: tuple[float, float] = DEFAULT_SIZE) -> Figure:
    """A standalone figure (no pyplot, no global figure manager) with constrained layout.

    Inside :func:`drawn_into` the chart draws into the given region instead, and ``size`` is the page's business.
    """
    target = _TARGET.get()
    if target is not None:
        return cast(Figure, target)  # a SubFigure draws like a Figure, for what a chart asks of it
    return Figure(figsize=size, layout="constrained", facecolor=BACKGROUND)


def finish(figure: Figure) -> Figure:
    """Create every axis' tick labels now, inside the chart context, so they keep the chart's font.

    Matplotlib creates its first tick lazily, often only when drawing, and copies its text properties
    to later ticks; touching the ticks here fixes them to the font chosen above.
    """
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            axis.get_major_ticks()
            axis.get_minor_ticks()
    return figure


def empty_figure(
    *, message: str, title: str | None = None, size: tuple[float, float] = DEFAULT_SIZE
) -> Figure:
    """A figure that says there is nothing to draw yet, instead of an empty frame or an exception."""
    with chart_context():
        figure = new_figure(size=size)
        axes = figure.add_subplot()
        axes.set_axis_off()
        if title:
            set_titles(figure, axes, title=title)
        axes.text(
            0.5,
            0.5,
            message,
            transform=axes.transAxes,
            ha="center",
            va="center",
            fontsize=TITLE_SIZE,
            color=MUTED_INK,
            gid="empty-message",
        )
        return finish(figure)


def set_titles(
    figure: Figure, axes: Axes, *, title: str, facts: Sequence[str] = (), line_width: int = 72
) -> None:
    """The chart's title on top, and under it the few numbers that say what the picture means.

    ``facts`` are joined with " · " and wrapped between facts, never inside one, at ``line_width``
    half-width characters (a Japanese character counts twice), so no fact runs off the figure.
    """
    figure.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, color=INK)
    if facts:
        axes.set_title(_wrap_facts(facts, line_width), loc="left", fontsize=LABEL_SIZE, color=MUTED_INK)


def _wrap_facts(facts: Sequence[str], line_width: int) -> str:
    lines: list[str] = []
    for fact in facts:
        if lines and display_width(lines[-1]) + 3 + display_width(fact) <= line_width:
            lines[-1] += " · " + fact
        else:
            lines.append(fact)
    return "\n".join(lines)


def date_axis(axis: Axis, *, tz: tzinfo) -> None:
    """Times on ``axis`` in the launch's own time zone, numbers only so they read the same in every language."""
    locator = dates.AutoDateLocator(tz=tz, minticks=4, maxticks=10)
    formatter = dates.ConciseDateFormatter(
        locator,
        tz=tz,
        formats=["%Y", "%m", "%m/%d", "%H:%M", "%H:%M", "%S.%f"],
        zero_formats=["", "%Y", "%m/%d", "%m/%d", "%H:%M", "%H:%M"],
        offset_formats=["", "%Y", "%Y-%m", "%Y-%m-%d", "%Y-%m-%d", "%Y-%m-%d %H:%M"],
    )
    axis.set_major_locator(locator)
    axis.set_major_formatter(formatter)


def set_value_ticks(axis: Axis, ticks: Sequence[ValueTick]) -> None:
    """Put exactly these ticks on ``axis`` (from ``plot_marks``): the screen's painted chart shows the same."""
    axis.set_ticks([tick.value for tick in ticks], [tick.label for tick in ticks])


def set_time_ticks(axis: Axis, ticks: TimeTicks) -> None:
    """Put exactly these times on ``axis``, and their date line under its right end, as the screen shows them."""
    axis.set_major_locator(FixedLocator(dates.date2num([tick.at for tick in ticks.ticks])))
    labels = FixedFormatter([tick.label for tick in ticks.ticks])
    labels.set_offset_string(ticks.offset)
    axis.set_major_formatter(labels)


def line_style(swatch: Swatch) -> dict[str, Any]:
    """A line swatch's look as matplotlib ``plot`` keywords: colour, width in points, dashes in line widths."""
    style: dict[str, Any] = {"color": swatch.colour, "linewidth": swatch.width}
    if swatch.dashes:
        style["linestyle"] = (0, swatch.dashes)
    if swatch.marker:
        style["marker"] = swatch.marker
    return style
