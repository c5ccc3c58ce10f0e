"""Open tickets over time: exact counts per severity between openings and closings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from matplotlib.collections import PolyCollection

from cockpit.charts.support import open_ticket_series, open_tickets_over_time
from cockpit.domain.support import Severity, Ticket, TicketStatus

from .conftest import all_text, texts_with_gid

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


def _ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


TICKETS = [
    Ticket(
        id=1,
        title="ログインできない",
        severity=Severity.P1,
        opened_at=_ago(10),
        status=TicketStatus.RESOLVED,
        resolved_at=_ago(5),
    ),
    Ticket(
        id=2, title="slow report", severity=Severity.P2, opened_at=_ago(3), status=TicketStatus.IN_PROGRESS
    ),
    Ticket(
        id=3,
        title="closed, no time",
        severity=Severity.P1,
        opened_at=_ago(8),
        status=TicketStatus.CLOSED,
        updated_at=_ago(2),
    ),
    Ticket(
        id=4, title="since go-live", severity=Severity.P3, opened_at=_ago(100), status=TicketStatus.WAITING
    ),
    Ticket(
        id=5,
        title="long gone",
        severity=Severity.P4,
        opened_at=_ago(90),
        status=TicketStatus.CLOSED,
        resolved_at=_ago(80),
    ),
    Ticket(
        id=6,
        title="reopened",
        severity=Severity.P2,
        opened_at=_ago(6),
        status=TicketStatus.NEW,
        resolved_at=_ago(4),
    ),
]


def _count_at(series, severity: Severity, moment: datetime) -> int:
    index = max(i for i, t in enumerate(series.times) if t <= moment)
    return series.counts[severity][index]


def test_counts_follow_openings_and_closings() -> None:
    series = open_ticket_series(TICKETS, start=_ago(72), end=NOW)
    assert series.times[0] == _ago(72) and series.times[-1] == NOW
    assert _count_at(series, Severity.P1, _ago(9)) == 1  # ticket 1; 3 opens an hour later
    assert _count_at(series, Severity.P1, _ago(7)) == 2
    assert _count_at(series, Severity.P1, _ago(5)) == 1  # 1 resolved exactly then
    assert _count_at(series, Severity.P1, _ago(1)) == 0  # 3 closed at its last update
    assert _count_at(series, Severity.P2, _ago(1)) == 2  # 2, and 6 reopened: open whatever resolved_at says
    assert [series.counts[Severity.P3][0], series.counts[Severity.P3][-1]] == [1, 1]
    assert set(series.counts[Severity.P4]) == {0}  # closed before the window


def test_stacked_areas_per_severity_and_the_numbers_open_now(render) -> None:
    figure = open_tickets_over_time(TICKETS, now=NOW, tz="Asia/Tokyo", hours=72)
    render(figure, "tickets")
    areas = {c.get_gid() for c in figure.axes[0].collections if isinstance(c, PolyCollection)}
    assert areas == {"open-P1", "open-P2", "open-P3", "open-P4"}
    texts = all_text(figure)
    for label in ("P1 (open now: 0)", "P2 (open now: 2)", "P3 (open now: 1)", "P4 (open now: 0)"):
        assert label in texts
    assert any("Open now: 3" in t for t in texts)
    (total,) = [line for line in figure.axes[0].get_lines() if line.get_label() == "All open"]
    assert max(total.get_ydata()) == 4  # 1, 3, 4 and 6 between 6 h and 5 h ago


def test_the_window_is_the_last_hours_in_the_launchs_zone() -> None:
    figure = open_tickets_over_time(TICKETS, now=NOW, tz="Asia/Tokyo", hours=24)
    left, right = figure.axes[0].get_xlim()
    assert round((right - left) * 24, 6) == 24
    assert figure.axes[0].get_xlabel() == "Time (Asia/Tokyo)"


def test_no_tickets_says_so(render) -> None:
    figure = open_tickets_over_time([], now=NOW, tz="Asia/Tokyo")
    render(figure, "tickets-empty")
    assert texts_with_gid(figure, "empty-message") == {"empty-message": "No tickets yet"}
