"""The Support pane's open-tickets chart on screen: painted natively, the same chart as the report's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from PySide6.QtGui import QColor, QImage

from cockpit.charts.support import open_tickets_over_time
from cockpit.charts.support_marks import SEVERITY_COLOURS, open_tickets_marks
from cockpit.domain.support import Severity, Ticket, TicketStatus
from cockpit.ui.charts.support_chart import OpenTicketsChart
from tests.ui.charts.painting import shown_with

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
TZ = "Asia/Tokyo"


def ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


TICKETS = [
    Ticket(id=1, title="Bank file rejected", severity=Severity.P1, opened_at=ago(30)),
    Ticket(id=2, title="Login fails", severity=Severity.P2, opened_at=ago(50), status=TicketStatus.IN_PROGRESS),
    Ticket(id=3, title="Report slow", severity=Severity.P2, opened_at=ago(20)),
    *(Ticket(id=10 + i, title=f"Question {i}", severity=Severity.P3, opened_at=ago(60 - 5 * i)) for i in range(8)),
    *(Ticket(id=30 + i, title=f"Idea {i}", severity=Severity.P4, opened_at=ago(40 - 3 * i)) for i in range(6)),
    Ticket(id=50, title="Closed", severity=Severity.P3, opened_at=ago(70), status=TicketStatus.RESOLVED,
           resolved_at=ago(10)),
]  # fmt: skip


def painted(qtbot, marks, size=(1000, 360)) -> OpenTicketsChart:
    return shown_with(qtbot, OpenTicketsChart(), marks, size=size)


def colours_in(chart: OpenTicketsChart) -> set[str]:
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    plot = chart.plot.toRect().adjusted(2, 2, -2, -2)
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(plot.left(), plot.right(), 3)
        for y in range(plot.top(), plot.bottom(), 2)
    }


def test_screen_and_paper_show_the_same_series_words_ticks_and_colours(qtbot):
    marks = open_tickets_marks(TICKETS, now=NOW, tz=TZ)
    figure = open_tickets_over_time(TICKETS, now=NOW, tz=TZ)
    FigureCanvasAgg(figure).draw()
    axes = figure.axes[0]

    assert [t.get_text() for t in axes.get_yticklabels()] == [t.label for t in marks.y_ticks]
    assert [t.get_text() for t in axes.get_xticklabels()] == [t.label for t in marks.x_ticks.ticks]
    assert axes.xaxis.get_offset_text().get_text() == marks.x_ticks.offset
    assert axes.get_ylabel() == marks.y_title and axes.get_xlabel() == marks.x_title
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend == [key.label for key in marks.legend]
    assert legend == [
        "All open",
        "P4 (open now: 6)",
        "P3 (open now: 8)",
        "P2 (open now: 2)",
        "P1 (open now: 1)",
    ]
    areas = [c for c in axes.collections if isinstance(c, PolyCollection)]
    assert [to_hex(c.get_facecolor()[0]).lower() for c in areas] == [b.fill.lower() for b in marks.bands]
    (total,) = [line for line in axes.get_lines() if line.get_label() == "All open"]
    assert list(total.get_ydata()) == list(marks.total)
    assert max(marks.total) == 18  # 8 P3 and the resolved one, 6 P4, 2 P2 and the P1, before the resolution

    chart = painted(qtbot, marks)
    shown = chart.texts
    assert marks.title in shown and "Open now: 17" in shown and "Peak in the last 72 h: 18" in shown
    assert set(legend) <= set(shown)
    colours = colours_in(chart)
    for severity in Severity:
        assert SEVERITY_COLOURS[severity].lower() in colours, severity  # every layer of the stack shows


def test_no_tickets_says_so_on_screen_as_on_paper(qtbot):
    marks = open_tickets_marks([], now=NOW, tz=TZ)
    chart = painted(qtbot, marks)
    assert chart.texts == ("Open tickets over time", "No tickets yet")


def test_a_narrow_short_pane_still_paints_inside_itself(qtbot):
    chart = painted(qtbot, open_tickets_marks(TICKETS, now=NOW, tz=TZ), size=(420, 220))
    chart.grab()  # painted now, so the plot is placed
    assert chart.rect().contains(chart.plot.toRect())
    assert chart.plot.width() > 50 and chart.plot.height() > 20


def test_steps_keep_their_shape_and_thousands_inside_one_column_become_one_run():
    from cockpit.ui.charts.support_chart import step_outline

    few = step_outline([0.0, 10.0, 20.0, 30.0], (1, 3, 3, 2))
    assert [(p.x(), p.y()) for p in few] == [(0, 1), (10, 1), (10, 3), (30, 3), (30, 2), (30, 2)]
    many = step_outline([100 + i / 2500 for i in range(1001)], tuple(i % 7 for i in range(1001)))
    # the start, one vertical run through every level in the column (from 0, up to 6, leaving at 1000 % 7), the end
    assert [(p.x(), p.y()) for p in many] == [(100, 0), (100, 0), (100, 6), (100.4, 6)]
