"""Tables on paper: wrapped cells, a shaded header, and a table that continues on the next page.

A table split across pages repeats its title (with "continued") and its column header, and keeps at
least two rows together so no row is left alone at the foot of a page. A list a lead reads is capped by
the section that builds it; ``more`` then says how many rows were left out and where to find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cockpit.i18n import tr
from cockpit.report.blocks import H2, INK, MUTED, SMALL, Block, Canvas
from cockpit.report.text import Measure, line_height

PAD = 0.03  # inches above and below a cell's text
CELL_PAD = 0.05  # inches left and right
HEADER_FILL = "#E4E4E4"
STRIPE_FILL = "#F4F4F4"
BAR_FILL = "#4D4D4D"  # dark grey: prints the same in colour and in black and white
ORPHAN_ROWS = 2


@dataclass(frozen=True)
class Column:
    title: str
    weight: float  # share of the table's width
    align: str = "left"  # "left" or "right"
    max_lines: int = 2


@dataclass(frozen=True)
class Ink:
    """A cell's text in a colour of its own (always with a mark or word that says the same)."""

    text: str
    color: str


@dataclass(frozen=True)
class Bar:
    """A progress bar with its number, for a share done."""

    ratio: float
    text: str


Cell = str | Ink | Bar


@dataclass
class _Laid:
    widths: list[float]
    header: list[list[str]]
    header_height: float
    rows: list[list[list[str]]]
    heights: list[float]


@dataclass
class Table(Block):
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    more: str = ""  # a closing line, e.g. "… and 12 more in the Checklist pane"
    empty: str = ""  # said instead of an empty table
    continued: bool = False
    size: float = SMALL
    _laid: dict[float, _Laid] = field(default_factory=dict, repr=False)

    # -- measuring ------------------------------------------------------------------------------------------------

    def _title_text(self) -> str:
        return tr("{title} (continued)", title=self.title) if self.continued else self.title

    def _title_height(self) -> float:
        return line_height(H2) + 0.04

    def _layout(self, m: Measure, width: float) -> _Laid:
        laid = self._laid.get(width)
        if laid is not None:
            return laid
        total = sum(c.weight for c in self.columns)
        widths = [width * c.weight / total for c in self.columns]
        inner = [w - 2 * CELL_PAD for w in widths]
        header = [
            m.wrap(c.title, w, self.size, max_lines=2) for c, w in zip(self.columns, inner, strict=True)
        ]
        rows, heights = [], []
        for row in self.rows:
            cells = []
            for cell, column, w in zip(row, self.columns, inner, strict=True):
                if isinstance(cell, Bar):
                    cells.append([cell.text])
                else:
                    text = cell.text if isinstance(cell, Ink) else cell
                    cells.append(m.wrap(text, w, self.size, max_lines=column.max_lines))
            rows.append(cells)
            heights.append(max(len(c) for c in cells) * line_height(self.size) + 2 * PAD)
        header_height = max(len(h) for h in header) * line_height(self.size) + 2 * PAD
        laid = self._laid[width] = _Laid(widths, header, header_height, rows, heights)
        return laid

    def _note_height(self) -> float:
        return line_height(self.size) + PAD if self.more else 0.0

    def height(self, m: Measure, width: float) -> float:
        if not self.rows:
            return self._title_height() + line_height(self.size) + PAD
        laid = self._layout(m, width)
        return self._title_height() + laid.header_height + sum(laid.heights) + self._note_height()

    def min_height(self, m: Measure, width: float) -> float:
        if not self.rows:
            return self.height(m, width)
        laid = self._layout(m, width)
        return self._title_height() + laid.header_height + sum(laid.heights[:ORPHAN_ROWS])

    def split(self, m: Measure, width: float, room: float) -> tuple[Block | None, Block]:
        if not self.rows:
            return None, self
        laid = self._layout(m, width)
        used = self._title_height() + laid.header_height
        fits = 0
        for height in laid.heights:
            if used + height > room:
                break
            used += height
            fits += 1
        if len(self.rows) - fits < ORPHAN_ROWS < len(self.rows):  # keep the last rows company
            fits = len(self.rows) - ORPHAN_ROWS
        if fits < min(ORPHAN_ROWS, len(self.rows)):
            return None, self
        first = Table(self.title, self.columns, self.rows[:fits], continued=self.continued, size=self.size)
        rest = Table(
            self.title, self.columns, self.rows[fits:], more=self.more, continued=True, size=self.size
        )
        return first, rest

    # -- drawing --------------------------------------------------------------------------------------------------

    def draw(self, canvas: Canvas, x: float, y: float, width: float, m: Measure) -> None:
        canvas.text(x, y, m.fit(self._title_text(), width, H2), size=H2)
        y += self._title_height()
        if not self.rows:
            canvas.text(x, y + PAD / 2, self.empty or tr("None."), size=self.size, color=MUTED)
            return
        laid = self._layout(m, width)
        canvas.rect(x, y, width, laid.header_height, fill=HEADER_FILL)
        self._draw_row(canvas, x, y, laid.widths, laid.header, color=MUTED)
        y += laid.header_height
        canvas.hline(x, x + width, y, color=INK, lw=0.6)
        for index, (row, cells, height) in enumerate(zip(self.rows, laid.rows, laid.heights, strict=True)):
            if index % 2:
                canvas.rect(x, y, width, height, fill=STRIPE_FILL)
            self._draw_row(canvas, x, y, laid.widths, cells, values=row)
            y += height
        canvas.hline(x, x + width, y, color=INK, lw=0.6)
        if self.more:
            canvas.text(x, y + PAD, m.fit(self.more, width, self.size), size=self.size, color=MUTED)

    def _draw_row(
        self,
        canvas: Canvas,
        x: float,
        y: float,
        widths: list[float],
        cells: list[list[str]],
        *,
        values: Sequence[Cell] | None = None,
        color: str = INK,
    ) -> None:
        for index, (w, lines) in enumerate(zip(widths, cells, strict=True)):
            column = self.columns[index]
            value = values[index] if values is not None else None
            if isinstance(value, Bar):
                self._draw_bar(canvas, x, y, w, value)
            else:
                ink = value.color if isinstance(value, Ink) else color
                right = column.align == "right"
                for n, line in enumerate(lines):
                    canvas.text(
                        x + w - CELL_PAD if right else x + CELL_PAD,
                        y + PAD + n * line_height(self.size),
                        line,
                        size=self.size,
                        color=ink,
                        ha="right" if right else "left",
                    )
            x += w

    def _draw_bar(self, canvas: Canvas, x: float, y: float, w: float, bar: Bar) -> None:
        text_room = 0.42
        length = max(w - 2 * CELL_PAD - text_room, 0.1)
        height = self.size * 0.8 / 72
        top = y + PAD + (line_height(self.size) - height) / 2
        canvas.rect(x + CELL_PAD, top, length, height, fill="#FFFFFF", edge=BAR_FILL, lw=0.5)
        done = length * min(max(bar.ratio, 0.0), 1.0)
        if done > 0:
            canvas.rect(x + CELL_PAD, top, done, height, fill=BAR_FILL)
        canvas.text(x + w - CELL_PAD, y + PAD, bar.text, size=self.size, ha="right")
