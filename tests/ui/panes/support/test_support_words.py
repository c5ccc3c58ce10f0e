from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cockpit.domain.support import Pause, Severity, SlaPolicy, Ticket, TicketStatus, sla_clock
from cockpit.ui.panes.support.words import sla_text

OPENED = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
POLICY = SlaPolicy(Severity.P1, first_response_minutes=15, resolution_minutes=240)


def test_an_open_ticket_with_both_clocks_met_says_how_it_was_resolved():
    # A row can carry a resolution time with an open status (a table import): no clock runs any more.
    ticket = Ticket(
        id=1,
        title="Login fails",
        severity=Severity.P1,
        opened_at=OPENED,
        status=TicketStatus.IN_PROGRESS,
        first_response_at=OPENED + timedelta(minutes=5),
        resolved_at=OPENED + timedelta(hours=1),
    )
    clock = sla_clock(ticket, POLICY, now=OPENED + timedelta(hours=2))
    assert clock.next_remaining is None
    assert sla_text(ticket, clock).endswith("Resolved within SLA")

    late = sla_clock(ticket, SlaPolicy(Severity.P1, 1, 30), now=OPENED + timedelta(hours=2))
    assert sla_text(ticket, late).endswith("Resolved, SLA missed")


def test_a_ticket_put_on_hold_after_its_sla_ran_out_says_it_is_overdue():
    # The pause stops the clock; it does not undo the minutes already past the target.
    ticket = Ticket(
        id=2,
        title="Bank file rejected",
        severity=Severity.P1,
        opened_at=OPENED,
        status=TicketStatus.WAITING,
        first_response_at=OPENED + timedelta(minutes=5),
        pauses=(Pause(OPENED + timedelta(hours=5)),),
    )
    clock = sla_clock(ticket, POLICY, now=OPENED + timedelta(hours=6))
    assert clock.paused and clock.breached
    assert sla_text(ticket, clock) == "⚠ Paused · overdue 1h 00m"
    on_time = sla_clock(ticket, SlaPolicy(Severity.P1, 15, 480), now=OPENED + timedelta(hours=6))
    assert sla_text(ticket, on_time) == "Paused · 3h 00m left"
