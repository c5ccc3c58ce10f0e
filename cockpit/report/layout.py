"""One layout for every destination: blocks flowed onto portrait pages, each page a matplotlib Figure.

Pages are filled first (heights only), then drawn, so every footer can say "page N of M". A page with
charts gets a constrained-layout grid whose rows are exactly its blocks' places: each chart draws into
its row's ``SubFigure`` through the shared chart functions, the other blocks draw straight on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from matplotlib.figure import Figure, SubFigure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from cockpit.charts import style
from cockpit.i18n import tr
from cockpit.report.blocks import GAP, MUTED, SMALL, Block, Canvas, Chart, PageBreak
from cockpit.report.text import Measure


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


PAPER_INCHES = {Paper.A4: (8.27, 11.69), Paper.LETTER: (8.5, 11.0)}
SECTION_GAP = 0.3  # extra room above a section that follows another on the same page


@dataclass(frozen=True, slots=True)
class Frame:
    """A portrait page and its margins, in inches; the header and footer sit in the top and bottom margins."""

    width: float
    height: float
    left: float = 0.6
    right: float = 0.6
    top: float = 0.8
    bottom: float = 0.75

    @classmethod
    def of(cls, paper: Paper) -> Frame:
        width, height = PAPER_INCHES[Paper(paper)]
        return cls(width=width, height=height)

    @property
    def content_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def content_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True, slots=True)
class Placed:
    block: Block
    top: float  # inches below the top of the content area
    height: float


@dataclass(frozen=True, slots=True)
class Running:
    """The words on every page: the launch's name in the header, when it was made in the footer."""

    title: str
    subtitle: str
    generated: str


def paginate(blocks: Sequence[Block], frame: Frame, m: Measure) -> list[list[Placed]]:
    """Flow ``blocks`` onto pages: a block that does not fit starts the next page, a table continues there."""
    width, room = frame.content_width, frame.content_height
    pages: list[list[Placed]] = [[]]
    y = 0.0
    queue = list(reversed(blocks))  # a stack: what continues on the next page goes back on top

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = 0.0

    while queue:
        block = queue.pop()
        if isinstance(block, PageBreak):
            if not pages[-1]:
                continue
            if block.unless_fits and y + SECTION_GAP + _until_break(queue, m, width) <= room:
                y += SECTION_GAP
            else:
                new_page()
            continue
        height = block.height(m, width)
        need = height
        if block.keep_with_next and queue:
            need += GAP + queue[-1].min_height(m, width)
        if y + need <= room:
            pages[-1].append(Placed(block, y, height))
            y += height + GAP
            continue
        first, rest = block.split(m, width, room - y)
        if first is not None:
            pages[-1].append(Placed(first, y, first.height(m, width)))
            new_page()
            queue.append(rest)
            continue
        if pages[-1]:
            new_page()
            queue.append(block)
            continue
        # Taller than a whole page and not splittable: it gets the page to itself, cut to fit.
        pages[-1].append(Placed(block, y, min(height, room)))
        y = room
    return [page for page in pages if page]


def _until_break(queue: list[Block], m: Measure, width: float) -> float:
    """The height of the blocks before the next page break (``queue`` is a stack: the next block is last)."""
    total = 0.0
    for block in reversed(queue):
        if isinstance(block, PageBreak):
            break
        total += block.height(m, width) + GAP
    return total


def render(pages: list[list[Placed]], frame: Frame, m: Measure, running: Running) -> list[Figure]:
    """Draw every page: its blocks, its charts and its header and footer."""
    figures = []
    for number, placed in enumerate(pages, start=1):
        with style.chart_context():
            figure = Figure(figsize=(frame.width, frame.height), facecolor=style.BACKGROUND)
            canvas = Canvas(figure)
            _draw_charts(figure, placed, frame)
            for item in placed:
                if not isinstance(item.block, Chart):
                    item.block.draw(canvas, frame.left, frame.top + item.top, frame.content_width, m)
            _running_text(canvas, frame, m, running, number=number, count=len(pages))
        figures.append(figure)
    return figures


def _draw_charts(figure: Figure, placed: list[Placed], frame: Frame) -> None:
    charts = [item for item in placed if isinstance(item.block, Chart)]
    if not charts:
        return
    # Grid rows are the page's places top to bottom (gaps included), so each chart gets exactly its own.
    rows: list[tuple[float, Placed | None]] = []
    cursor = 0.0
    for item in charts:
        if item.top > cursor:
            rows.append((item.top - cursor, None))
        rows.append((item.height, item))
        cursor = item.top + item.height
    if frame.content_height > cursor:
        rows.append((frame.content_height - cursor, None))
    figure.set_layout_engine(
        ConstrainedLayoutEngine(
            rect=(
                frame.left / frame.width,
                frame.bottom / frame.height,
                frame.content_width / frame.width,
                frame.content_height / frame.height,
            ),
            # Pads (around each chart's plots and legends) as on screen; no space between the page's rows.
            hspace=0,
            wspace=0,
        )
    )
    grid = figure.add_gridspec(len(rows), 1, height_ratios=[height for height, _ in rows])
    for index, (_, chart_item) in enumerate(rows):
        if chart_item is not None:
            region = figure.add_subfigure(grid[index])
            region.patch.set_visible(False)  # the page is white already; Qt would print its outline
            chart = chart_item.block
            assert isinstance(chart, Chart)  # the rows hold this page's charts only
            with style.drawn_into(region):
                chart.build()
            _scale_text(region, chart.text_scale)


def _scale_text(region: SubFigure, factor: float) -> None:
    """Shrink every word of a chart at once, as the screen does by drawing it at a lower dpi."""
    if factor == 1:
        return
    for text in region.findobj(Text):
        text.set_fontsize(float(text.get_fontsize()) * factor)


def _running_text(
    canvas: Canvas, frame: Frame, m: Measure, running: Running, *, number: int, count: int
) -> None:
    left, right = frame.left, frame.width - frame.right
    half = frame.content_width / 2 - 0.1
    top = frame.top - 0.42
    canvas.text(left, top, m.fit(running.title, half, SMALL + 0.5), size=SMALL + 0.5)
    canvas.text(right, top, m.fit(running.subtitle, half, SMALL), size=SMALL, color=MUTED, ha="right")
    canvas.hline(left, right, frame.top - 0.18)
    bottom = frame.height - frame.bottom + 0.22
    canvas.hline(left, right, bottom - 0.06)
    canvas.text(left, bottom, m.fit(running.generated, half, SMALL), size=SMALL, color=MUTED)
    canvas.text(right, bottom, tr("Page {n} of {count}", n=number, count=count), size=SMALL, ha="right")
