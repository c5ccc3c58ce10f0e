"""The support queue's work order: open P1 and P2 first (past SLA first, then by time left), then the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.domain.queue_order import QueueOrder, in_work_order
from cockpit.domain.support import Severity, SlaPolicy, Ticket, TicketStatus, clock_for, policies_by_severity

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POLICIES = policies_by_severity(SlaPolicy(s, 60, 24 * 60) for s in Severity)


def ticket(id: int, severity: Severity, *, hours_ago: float, status=TicketStatus.NEW) -> Ticket:
    return Ticket(
        id=id, title=f"T{id}", severity=severity, opened_at=NOW - timedelta(hours=hours_ago), status=status
    )


def ordered(tickets, order=QueueOrder.URGENT_FIRST) -> list[int]:
    return [t.id for t in in_work_order(tickets, lambda t: clock_for(t, POLICIES, now=NOW), order)]


TICKETS = (
    ticket(1, Severity.P4, hours_ago=72),  # days past its SLA
    ticket(2, Severity.P1, hours_ago=0.5),  # 30 min left to respond
    ticket(3, Severity.P2, hours_ago=2),  # past its response SLA
    ticket(4, Severity.P3, hours_ago=0.1),
    ticket(5, Severity.P1, hours_ago=0.9),  # 6 min left
    ticket(6, Severity.P1, hours_ago=80, status=TicketStatus.CLOSED),
)


def test_open_p1_and_p2_come_first_breached_then_by_time_left_then_the_rest():
    assert ordered(TICKETS) == [3, 5, 2, 1, 4, 6]


def test_by_sla_alone_an_overdue_p4_comes_first():
    assert ordered(TICKETS, QueueOrder.SLA_FIRST) == [1, 3, 5, 2, 4, 6]


def test_under_different_calendars_the_deadline_that_comes_first_in_time_comes_first():
    from cockpit.domain.business_hours import BusinessCalendar

    friday_five = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo, the end of Friday's hours
    office = BusinessCalendar(zone="Asia/Tokyo", public_holidays="")
    policies = {
        Severity.P3: SlaPolicy(Severity.P3, 4 * 60, 5 * 24 * 60, calendar=office),  # business hours
        Severity.P4: SlaPolicy(Severity.P4, 7 * 60, 5 * 24 * 60),  # every hour of the week
    }
    # Two business hours left at 17:00 on Friday: due Monday 11:00 in Tokyo. Five 24×7 hours left: Friday 22:00.
    p3 = Ticket(id=1, title="P3", severity=Severity.P3, opened_at=friday_five - timedelta(hours=2))
    p4 = Ticket(id=2, title="P4", severity=Severity.P4, opened_at=friday_five - timedelta(hours=2))
    clocks = {t.id: clock_for(t, policies, now=friday_five) for t in (p3, p4)}
    assert clocks[1].next_remaining < clocks[2].next_remaining  # less time left on paper ...
    assert clocks[2].next_due < clocks[1].next_due  # ... but the P4's deadline comes first
    assert [t.id for t in in_work_order([p3, p4], lambda t: clocks[t.id], QueueOrder.SLA_FIRST)] == [2, 1]
