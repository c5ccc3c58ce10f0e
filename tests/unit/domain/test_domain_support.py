from __future__ import annotations

from datetime import datetime

import pytest

from cockpit.domain.refusal import Refusal
from cockpit.domain.support import (
    Severity,
    SlaPolicy,
    Ticket,
    TicketStatus,
    clock_stamps,
    escalation_after,
    opening_time,
    sla_breached,
    sla_clock,
    sort_queue,
    summarize_support,
)

from .builders import NOW, minutes

P1 = SlaPolicy(Severity.P1, first_response_minutes=15, resolution_minutes=240)
P2 = SlaPolicy(Severity.P2, first_response_minutes=30, resolution_minutes=480)
P3 = SlaPolicy(Severity.P3, first_response_minutes=120, resolution_minutes=1440)
POLICIES = (P1, P2, P3)  # no P4 policy on purpose


def ticket(
    id: int,
    severity: Severity = Severity.P1,
    *,
    opened_minutes_ago: float = 0,
    status: TicketStatus = TicketStatus.NEW,
    responded: datetime | None = None,
    resolved: datetime | None = None,
    updated: datetime | None = None,
) -> Ticket:
    return Ticket(
        id=id,
        title=f"Ticket {id}",
        severity=severity,
        opened_at=NOW - minutes(opened_minutes_ago),
        status=status,
        first_response_at=responded,
        resolved_at=resolved,
        updated_at=updated,
    )


def test_running_clocks_count_down_to_now():
    clock = sla_clock(ticket(1, opened_minutes_ago=10), P1, now=NOW)
    assert clock.first_response_due == NOW + minutes(5)
    assert clock.first_response_remaining == minutes(5)
    assert clock.resolution_due == NOW + minutes(230)
    assert clock.resolution_remaining == minutes(230)
    assert not clock.breached
    assert clock.next_due == NOW + minutes(5)


def test_due_exactly_now_is_not_breached_yet():
    clock = sla_clock(ticket(1, opened_minutes_ago=15), P1, now=NOW)
    assert clock.first_response_remaining == minutes(0)
    assert not clock.first_response_breached


def test_unanswered_past_due_is_breached_with_negative_remaining():
    clock = sla_clock(ticket(1, opened_minutes_ago=20), P1, now=NOW)
    assert clock.first_response_breached
    assert clock.first_response_remaining == minutes(-5)
    assert clock.breached
    assert not clock.resolution_breached


def test_response_in_time_stays_met_forever():
    t = ticket(1, opened_minutes_ago=100, responded=NOW - minutes(90), status=TicketStatus.IN_PROGRESS)
    clock = sla_clock(t, P1, now=NOW)
    assert not clock.first_response_breached
    assert clock.first_response_remaining == minutes(5)  # measured to the response, not to now
    assert clock.next_due == clock.resolution_due


def test_response_met_late_stays_breached():
    t = ticket(1, opened_minutes_ago=100, responded=NOW - minutes(70), status=TicketStatus.IN_PROGRESS)
    clock = sla_clock(t, P1, now=NOW)
    assert clock.first_response_breached
    assert clock.first_response_remaining == minutes(-15)
    assert clock.breached


def test_resolution_met_late_is_breached_and_in_time_is_not():
    late = ticket(
        1,
        opened_minutes_ago=600,
        responded=NOW - minutes(595),
        resolved=NOW - minutes(300),
        status=TicketStatus.RESOLVED,
    )
    clock = sla_clock(late, P1, now=NOW)
    assert clock.resolution_breached
    assert clock.resolution_remaining == minutes(-60)
    assert clock.next_due is None
    in_time = ticket(
        2,
        opened_minutes_ago=600,
        responded=NOW - minutes(595),
        resolved=NOW - minutes(500),
        status=TicketStatus.CLOSED,
    )
    assert not sla_clock(in_time, P1, now=NOW).breached


def test_resolving_without_a_recorded_response_counts_as_the_response():
    t = ticket(1, opened_minutes_ago=60, resolved=NOW - minutes(50), status=TicketStatus.RESOLVED)
    clock = sla_clock(t, P1, now=NOW)
    assert not clock.first_response_breached
    assert clock.first_response_remaining == minutes(5)


def test_closed_without_resolution_time_stops_at_its_last_update():
    t = ticket(
        1,
        opened_minutes_ago=1000,
        status=TicketStatus.CLOSED,
        responded=NOW - minutes(990),
        updated=NOW - minutes(900),
    )
    clock = sla_clock(t, P1, now=NOW)
    assert clock.resolution_remaining == minutes(140)
    assert not clock.breached


def test_summary_counts_every_status_and_severity():
    tickets = [
        ticket(1, Severity.P1, opened_minutes_ago=30),  # response breached
        ticket(2, Severity.P2, opened_minutes_ago=10),
        ticket(
            3,
            Severity.P3,
            status=TicketStatus.WAITING,
            opened_minutes_ago=1500,
            responded=NOW - minutes(1490),
        ),
        ticket(4, Severity.P1, opened_minutes_ago=999, status=TicketStatus.CLOSED, resolved=NOW - minutes(1)),
        ticket(5, Severity.P4, opened_minutes_ago=99999),  # no policy: no clock
    ]
    summary = summarize_support(tickets, POLICIES, now=NOW)
    assert summary.total == 5
    assert summary.open == 4
    assert set(summary.per_status) == set(TicketStatus)
    assert summary.per_status[TicketStatus.NEW] == 3
    assert summary.per_status[TicketStatus.WAITING] == 1
    assert summary.per_status[TicketStatus.CLOSED] == 1
    assert summary.per_status[TicketStatus.RESOLVED] == 0
    assert summary.open_per_severity == {Severity.P1: 1, Severity.P2: 1, Severity.P3: 1, Severity.P4: 1}
    assert summary.breached == 2  # the closed late P1 no longer counts
    assert summary.breached_per_severity == {Severity.P1: 1, Severity.P2: 0, Severity.P3: 1, Severity.P4: 0}


def test_empty_summary():
    summary = summarize_support([], POLICIES, now=NOW)
    assert (summary.total, summary.open, summary.breached) == (0, 0, 0)
    assert set(summary.open_per_severity) == set(Severity)


def test_queue_breached_first_then_time_left_then_severity():
    tickets = [
        ticket(1, Severity.P3, opened_minutes_ago=0),  # 120 min to respond
        ticket(2, Severity.P2, opened_minutes_ago=40),  # response breached by 10
        ticket(3, Severity.P1, opened_minutes_ago=20),  # response breached by 5
        ticket(4, Severity.P1, opened_minutes_ago=10),  # 5 min left
        ticket(5, Severity.P2, opened_minutes_ago=25),  # 5 min left: tie, P1 first
        ticket(6, Severity.P1, opened_minutes_ago=0, status=TicketStatus.RESOLVED, resolved=NOW),
        ticket(7, Severity.P4, opened_minutes_ago=5),  # no policy
    ]
    assert [t.id for t in sort_queue(tickets, POLICIES, now=NOW)] == [2, 3, 4, 5, 1, 7, 6]


def test_met_late_ticket_is_still_sorted_with_the_breached():
    late = ticket(
        1, Severity.P3, opened_minutes_ago=200, responded=NOW - minutes(10), status=TicketStatus.IN_PROGRESS
    )
    urgent = ticket(2, Severity.P1, opened_minutes_ago=14)
    assert [t.id for t in sort_queue([urgent, late], POLICIES, now=NOW)] == [1, 2]


# -- what a change writes ---------------------------------------------------------------------------------------

EARLIER = NOW - minutes(30)


def test_answering_a_ticket_stops_its_first_response_clock_once():
    assert clock_stamps(TicketStatus.ACKNOWLEDGED, first_response_at=None, resolved_at=None, now=NOW) == {
        "first_response_at": NOW
    }
    assert clock_stamps(TicketStatus.WAITING, first_response_at=EARLIER, resolved_at=None, now=NOW) == {}
    assert clock_stamps(TicketStatus.NEW, first_response_at=None, resolved_at=None, now=NOW) == {}


def test_resolving_stops_both_clocks_and_reopening_restarts_the_resolution_clock():
    assert clock_stamps(TicketStatus.RESOLVED, first_response_at=None, resolved_at=None, now=NOW) == {
        "first_response_at": NOW,
        "resolved_at": NOW,
    }
    assert clock_stamps(TicketStatus.CLOSED, first_response_at=EARLIER, resolved_at=EARLIER, now=NOW) == {}
    assert clock_stamps(
        TicketStatus.IN_PROGRESS, first_response_at=EARLIER, resolved_at=EARLIER, now=NOW
    ) == {"resolved_at": None}


def test_escalation_moves_one_level_and_never_below_zero():
    assert escalation_after(7, 0) == 1
    assert escalation_after(7, 2, lower=True) == 1
    with pytest.raises(Refusal, match="Ticket #7 is not escalated"):
        escalation_after(7, 0, lower=True)


def test_a_ticket_opens_now_or_when_it_was_reported_never_later_than_now():
    assert opening_time(None, now=NOW) == NOW
    assert opening_time(EARLIER, now=NOW) == EARLIER
    with pytest.raises(Refusal, match="future"):
        opening_time(NOW + minutes(1), now=NOW)


def test_sla_breached_says_what_the_clock_says_for_every_kind_of_ticket():
    import random

    rnd = random.Random(5)
    maybe = lambda: rnd.choice([None, NOW - minutes(rnd.randint(0, 600)), NOW])  # noqa: E731
    for n in range(2000):
        t = ticket(
            n,
            rnd.choice(list(Severity)[:3]),
            opened_minutes_ago=rnd.choice([0, 14, 15, 16, 239, 240, 241, rnd.randint(0, 3000)]),
            status=rnd.choice(list(TicketStatus)),
            responded=maybe(),
            resolved=maybe(),
            updated=maybe(),
        )
        policy = {p.severity: p for p in POLICIES}[t.severity]
        assert sla_breached(t, policy, now=NOW) == sla_clock(t, policy, now=NOW).breached, t
