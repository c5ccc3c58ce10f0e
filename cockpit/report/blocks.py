"""What a report page is made of: headings, lines of text, status tiles and charts, drawn in inches.

Each block knows its height for a width, so the layout can fill pages before anything is drawn; a block
is drawn at its place given as inches from the page's top-left corner, the way a page is read.
Tables, which may continue on the next page, are in ``table.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from cockpit.charts import style
from cockpit.domain.status import PaneStatus
from cockpit.report import words
from cockpit.report.page_text import PageText
from cockpit.report.text import Measure, line_height

TITLE = 19.0
H1 = 14.0
H2 = 10.5
BODY = 8.5
SMALL = 7.5
INK = style.INK
MUTED = style.MUTED_INK
RULE = "#9A9A9A"
GAP = 0.14  # inches between blocks


class Canvas:
    """A page Figure addressed in inches from its top-left corner."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.height = float(figure.get_size_inches()[1])

    def text(self, x: float, y: float, text: str, *, size: float, color: str = INK, ha: str = "left") -> None:
        """``text`` with its top at ``y``."""
        self.figure.add_artist(
            PageText(
                x,
                self.height - y,
                text,
                transform=self.figure.dpi_scale_trans,
                fontsize=size,
                color=color,
                ha=ha,
                va="top",
            )
        )

    def rect(
        self, x: float, y: float, w: float, h: float, *, fill: str, edge: str | None = None, lw: float = 0.0
    ) -> None:
        self.figure.add_artist(
            Rectangle(
                (x, self.height - y - h),
                w,
                h,
                transform=self.figure.dpi_scale_trans,
                facecolor=fill,
                edgecolor=edge or fill,
                linewidth=lw,
            )
        )

    def hline(self, x0: float, x1: float, y: float, *, color: str = RULE, lw: float = 0.6) -> None:
        self.figure.add_artist(
            Line2D(
                [x0, x1],
                [self.height - y] * 2,
                transform=self.figure.dpi_scale_trans,
                color=color,
                linewidth=lw,
            )
        )


class Block:
    """A piece of a page. ``keep_with_next``: never the last thing on a page (a heading)."""

    keep_with_next = False

    def height(self, m: Measure, width: float) -> float:
        raise NotImplementedError

    def min_height(self, m: Measure, width: float) -> float:
        """The least room the block needs on a page to start there."""
        return self.height(m, width)

    def split(self, m: Measure, width: float, room: float) -> tuple[Block | None, Block]:
        """What fits in ``room`` and what continues on the next page; most blocks never split."""
        return None, self

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        raise NotImplementedError


@dataclass
class PageBreak(Block):
    """The next block starts on a new page; ``unless_fits``: unless everything up to the next break fits here.

    Every section starts with one: a long section gets a page of its own, a short one (an empty launch's)
    follows the one before it.
    """

    unless_fits: bool = False

    def height(self, m: Measure, width: float) -> float:
        return 0.0

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        pass


@dataclass
class Heading(Block):
    text: str
    size: float = H1
    rule: bool = True
    keep_with_next = True

    def height(self, m: Measure, width: float) -> float:
        lines = m.wrap(self.text, width, self.size, max_lines=2)
        return len(lines) * line_height(self.size) + (0.08 if self.rule else 0.0)

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        lines = m.wrap(self.text, width, self.size, max_lines=2)
        for i, line in enumerate(lines):
            canvas.text(x, y + i * line_height(self.size), line, size=self.size)
        if self.rule:
            canvas.hline(x, x + width, y + len(lines) * line_height(self.size) + 0.03, color=INK, lw=0.8)


@dataclass(frozen=True)
class Line:
    text: str
    size: float = BODY
    color: str = INK
    max_lines: int = 4


@dataclass
class Lines(Block):
    """Short lines of facts, each wrapped to the width."""

    lines: Sequence[Line | str]

    def _lines(self, m: Measure, width: float) -> list[tuple[str, Line]]:
        out = []
        for item in self.lines:
            line = item if isinstance(item, Line) else Line(item)
            out += [(text, line) for text in m.wrap(line.text, width, line.size, max_lines=line.max_lines)]
        return out

    def height(self, m: Measure, width: float) -> float:
        return sum(line_height(line.size) for _, line in self._lines(m, width))

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        for text, line in self._lines(m, width):
            canvas.text(x, y, text, size=line.size, color=line.color)
            y += line_height(line.size)


@dataclass
class Masthead(Block):
    """The report's first lines: the launch's name and facts on the left, the countdown on the right."""

    title: str
    facts: Sequence[str]
    countdown: str
    caption: str
    _aside = 1.9  # inches kept for the countdown

    def _title(self, m: Measure, width: float) -> list[str]:
        return m.wrap(self.title, width - self._aside, TITLE, max_lines=2)

    def height(self, m: Measure, width: float) -> float:
        facts = sum(len(m.wrap(f, width - self._aside, BODY, max_lines=2)) for f in self.facts)
        return len(self._title(m, width)) * line_height(TITLE) + 0.06 + facts * line_height(BODY)

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        top = y
        for line in self._title(m, width):
            canvas.text(x, y, line, size=TITLE)
            y += line_height(TITLE)
        y += 0.06
        for fact in self.facts:
            for line in m.wrap(fact, width - self._aside, BODY, max_lines=2):
                canvas.text(x, y, line, size=BODY, color=MUTED)
                y += line_height(BODY)
        canvas.text(x + width, top + 0.04, self.countdown, size=18, ha="right")
        canvas.text(
            x + width, top + 0.04 + line_height(18), self.caption, size=SMALL, color=MUTED, ha="right"
        )


def _status_card(
    canvas: Canvas, m: Measure, status: PaneStatus, *, x: float, y: float, w: float, h: float, title: str
) -> None:
    """One pane's light as the overview tile shows it: symbol and word, its number, and why."""
    _, colour, fill = words.RAG_LOOKS[status.rag]
    canvas.rect(x, y, w, h, fill=fill, edge=colour, lw=0.8)
    canvas.rect(x, y, 0.07, h, fill=colour)
    inner, left = w - 0.22, x + 0.14
    top = y + 0.07
    if title:
        canvas.text(left, top, m.fit(title, inner, 9.0), size=9.0)
        top += line_height(9.0)
    canvas.text(left, top, words.rag_text(status.rag), size=BODY, color=words.RAG_INK[status.rag])
    top += line_height(BODY) + 0.02
    canvas.text(left, top, m.fit(status.headline, inner, 15.0), size=15.0)
    top += line_height(15.0) + 0.02
    room = max(1, int((y + h - 0.05 - top) / line_height(SMALL)))
    for line in m.wrap(status.reason, inner, SMALL, max_lines=room):
        canvas.text(left, top, line, size=SMALL, color=MUTED)
        top += line_height(SMALL)


@dataclass
class Tiles(Block):
    """One tile per pane, three to a row."""

    statuses: Sequence[tuple[str, PaneStatus]]  # (title, status)
    columns: int = 3
    tile_height: float = 1.32

    def _rows(self) -> int:
        return -(-len(self.statuses) // self.columns)

    def height(self, m: Measure, width: float) -> float:
        return self._rows() * self.tile_height + (self._rows() - 1) * 0.1

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        w = (width - 0.1 * (self.columns - 1)) / self.columns
        for index, (title, status) in enumerate(self.statuses):
            row, column = divmod(index, self.columns)
            _status_card(
                canvas,
                m,
                status,
                x=x + column * (w + 0.1),
                y=y + row * (self.tile_height + 0.1),
                w=w,
                h=self.tile_height,
                title=title,
            )


@dataclass
class Banner(Block):
    """A section's light across the page: the same card as its tile on page 1, wider."""

    status: PaneStatus

    def _reason(self, m: Measure, width: float) -> list[str]:
        return m.wrap(self.status.reason, width - 0.22, SMALL, max_lines=3)

    def height(self, m: Measure, width: float) -> float:
        return (
            0.14
            + line_height(BODY)
            + line_height(15.0)
            + 0.04
            + len(self._reason(m, width)) * line_height(SMALL)
        )

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        _status_card(canvas, m, self.status, x=x, y=y, w=width, h=self.height(m, width), title="")


@dataclass
class Chart(Block):
    """A shared chart drawn into its own region of the page; ``build`` calls a ``cockpit.charts`` function.

    The page renders it (``layout.py``), since the region must exist before the chart can draw into it.
    """

    build: Callable[[], object]
    height_in: float
    text_scale: float = 0.68  # charts are designed for a wall screen: on paper their words are smaller
    label: str = field(default="")

    def height(self, m: Measure, width: float) -> float:
        return self.height_in

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        pass  # drawn by the page, into a SubFigure
