"""The Hypercare pane's "KPI trends", painted natively from ``charts.kpi_marks``: one small plot per KPI.

The report draws the same marks with matplotlib (``charts.kpis``); painting them here keeps matplotlib and
its process out of the window (docs/architecture.md, "Charts on screen").
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPolygonF

from cockpit.charts import palette
from cockpit.charts.kpi_marks import (
    BREACH_COLOUR,
    BREACH_WIDTH,
    COLUMNS,
    LINE_COLOUR,
    LINE_WIDTH,
    POINT_SIZE,
    TARGET_COLOUR,
    TARGET_DASHES,
    TARGET_WIDTH,
    KpiPanel,
    KpiTrendsMarks,
)
from cockpit.ui.charts.plot_paint import (
    CENTRE,
    LEFT_MIDDLE,
    PAD,
    ChartFonts,
    PaintedChart,
    TimeScale,
    ValueScale,
    line_height,
    paint_axes,
    paint_marker,
    paint_title_block,
    pen,
    placed_times,
    placed_values,
    plot_area,
)

_CROSS = 7.0  # a breach's × across, in pixels: as large as matplotlib's s=60 marker on a wall screen


class KpiTrendsChart(PaintedChart):
    """Each KPI's values against its dashed target, breaches crossed; ``show_marks`` shows a new state at once."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("kpiTrendsChart")
        self.marks: KpiTrendsMarks | None = None
        self.plots: list[QRectF] = []  # where the last paint put each KPI's plot (tests look inside them)

    @property
    def texts(self) -> tuple[str, ...]:
        return self.marks.texts if self.marks is not None else ()

    def show_marks(self, marks: KpiTrendsMarks) -> None:
        self.marks = marks
        self.title, self.empty_message = marks.title, marks.empty_message
        self.shown()

    def paint_chart(self, painter: QPainter, outer: QRectF, fonts: ChartFonts) -> None:
        marks = self.marks
        if marks is None or not marks.panels:
            return
        top = paint_title_block(
            painter,
            outer,
            fonts,
            title=marks.title,
            right_text=marks.summary,
            right_colour=palette.VERMILLION if marks.summary_breached else palette.MUTED_INK,
        )
        grid = outer.adjusted(0, top + PAD / 2, 0, 0)
        rows = marks.rows
        cell_width, cell_height = grid.width() / COLUMNS, grid.height() / rows
        cells = []
        for index in range(len(marks.panels)):
            row, column = divmod(index, COLUMNS)
            cell = QRectF(
                grid.left() + column * cell_width, grid.top() + row * cell_height, cell_width, cell_height
            )
            cells.append(cell.adjusted(0, 0, -PAD * 2, -PAD))
        plots = [self._plot_in(cell, panel, fonts) for cell, panel in zip(cells, marks.panels, strict=True)]
        # The plots of a column line up, as on paper: each starts where the widest y labels need it to.
        for column in range(COLUMNS):
            lefts = [plot.left() for index, plot in enumerate(plots) if index % COLUMNS == column]
            for index in range(column, len(plots), COLUMNS):
                plots[index].setLeft(max(lefts))
        self.plots = plots
        for cell, plot, panel in zip(cells, plots, marks.panels, strict=True):
            self._paint_panel(painter, cell, plot, panel, fonts)

    def _plot_in(self, cell: QRectF, panel: KpiPanel, fonts: ChartFonts) -> QRectF:
        marks = self.marks
        assert marks is not None
        return plot_area(
            cell.adjusted(0, line_height(fonts.label) + 2, 0, 0),
            fonts,
            y_labels=[tick.label for tick in panel.y_ticks],
            y_title="" if panel.empty_message else panel.y_title,
            x_labels=[tick.label for tick in marks.x_ticks.ticks],
            x_offset=bool(marks.x_ticks.offset),
        )

    def _paint_panel(
        self, painter: QPainter, cell: QRectF, plot: QRectF, panel: KpiPanel, fonts: ChartFonts
    ) -> None:
        marks = self.marks
        assert marks is not None and marks.start is not None and marks.end is not None
        heading = line_height(fonts.label)
        y_title = "" if panel.empty_message else panel.y_title
        painter.setFont(fonts.label)
        painter.setPen(QColor(palette.INK))
        painter.drawText(
            QRectF(plot.left(), cell.top(), cell.right() - plot.left(), heading), LEFT_MIDDLE, panel.title
        )
        x = TimeScale(marks.start, marks.end, plot.left(), plot.right())
        y = ValueScale(panel.y_low, panel.y_high, plot.bottom(), plot.top())
        paint_axes(
            painter,
            plot,
            fonts,
            x_ticks=placed_times(marks.x_ticks.ticks, x),
            y_ticks=placed_values(panel.y_ticks, y),
            x_offset=marks.x_ticks.offset,
            y_title=y_title,
            grid_y=not panel.empty_message,
            outer_left=cell.left(),
        )
        painter.save()
        painter.setClipRect(plot.adjusted(-_CROSS, -_CROSS, _CROSS, 0))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen(TARGET_COLOUR, TARGET_WIDTH, TARGET_DASHES))
        painter.drawLine(QPointF(plot.left(), y(panel.target)), QPointF(plot.right(), y(panel.target)))
        if panel.empty_message:
            painter.setFont(fonts.note)
            painter.setPen(QColor(palette.MUTED_INK))
            note = QRectF(plot.left(), plot.top() + plot.height() * 0.25 - heading / 2, plot.width(), heading)
            painter.drawText(note, CENTRE, panel.empty_message)
        else:
            points = [QPointF(x(at), y(value)) for at, value in panel.points]
            line = QPainterPath()
            line.addPolygon(QPolygonF(points))
            painter.strokePath(line, pen(LINE_COLOUR, LINE_WIDTH))
            for point in points:
                paint_marker(painter, point, "o", POINT_SIZE + 1.5, LINE_COLOUR)
            for at, value in panel.breached:
                paint_marker(painter, QPointF(x(at), y(value)), "x", _CROSS, BREACH_COLOUR, BREACH_WIDTH)
        painter.restore()
