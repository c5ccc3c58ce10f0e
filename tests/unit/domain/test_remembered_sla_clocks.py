"""The report remembers each SLA clock for one build: the same answers, each worked out once."""

from __future__ import annotations

from dataclasses import replace

import cockpit.domain.support as support
from cockpit.domain.support import Severity, SlaPolicy, Ticket, TicketStatus, remembered_sla_clocks, sla_clock

from .builders import NOW, minutes

P1 = SlaPolicy(Severity.P1, first_response_minutes=15, resolution_minutes=240)


def ticket(id: int, opened_minutes_ago: float) -> Ticket:
    return Ticket(
        id=id,
        title=f"Ticket {id}",
        severity=Severity.P1,
        opened_at=NOW - minutes(opened_minutes_ago),
        status=TicketStatus.NEW,
    )


def counting_clocks(monkeypatch) -> list[int]:
    worked_out: list[int] = []
    real = support._sla_clock

    def counted(t, policy, now):
        worked_out.append(t.id)
        return real(t, policy, now)

    monkeypatch.setattr(support, "_sla_clock", counted)
    return worked_out


def test_inside_the_block_a_clock_is_worked_out_once_and_says_the_same(monkeypatch):
    tickets = [ticket(1, 10), ticket(2, 300)]
    plain = [sla_clock(t, P1, now=NOW) for t in tickets]
    worked_out = counting_clocks(monkeypatch)
    with remembered_sla_clocks():
        first = [sla_clock(t, P1, now=NOW) for t in tickets]
        again = [sla_clock(t, P1, now=NOW) for t in tickets]
    assert first == again == plain
    assert plain[1].breached and not plain[0].breached
    assert worked_out == [1, 2]


def test_another_moment_another_ticket_or_a_changed_ticket_is_worked_out_again(monkeypatch):
    answered = ticket(1, 10)
    worked_out = counting_clocks(monkeypatch)
    with remembered_sla_clocks():
        sla_clock(answered, P1, now=NOW)
        later = sla_clock(answered, P1, now=NOW + minutes(30))
        changed = replace(answered, first_response_at=NOW)  # equal id, a different ticket now
        responded = sla_clock(changed, P1, now=NOW + minutes(30))
    assert later.first_response_breached and not responded.first_response_breached
    assert worked_out == [1, 1, 1]


def test_outside_the_block_nothing_is_remembered(monkeypatch):
    one = ticket(1, 10)
    with remembered_sla_clocks():
        sla_clock(one, P1, now=NOW)
    worked_out = counting_clocks(monkeypatch)
    sla_clock(one, P1, now=NOW)
    sla_clock(one, P1, now=NOW)
    assert worked_out == [1, 1]


def test_a_block_inside_another_shares_its_memory(monkeypatch):
    # The report remembers the clocks and builds the status document, which remembers them too.
    first = ticket(1, 10)
    worked_out = counting_clocks(monkeypatch)
    with remembered_sla_clocks():
        sla_clock(first, P1, now=NOW)
        with remembered_sla_clocks():
            sla_clock(first, P1, now=NOW)
        sla_clock(first, P1, now=NOW)
    assert worked_out == [1]
    sla_clock(first, P1, now=NOW)  # after the outer block: worked out again
    assert worked_out == [1, 1]
