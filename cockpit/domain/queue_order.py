"""The support queue's work order: what must be handled first comes first.

Two orders, a choice in the Support pane:

- ``URGENT_FIRST`` (the default, used by the pane, the report and the wall): open P1 and P2 tickets first,
  those past an SLA first, then by time left (tickets waiting on their reporter after the running ones);
  then the other open tickets the same way; closed ones last. A multi-day-overdue P4 never hides an open P1.
- ``SLA_FIRST``: every open ticket by its SLA alone (past SLA first, then time left, then severity).

The order reads the SLA clocks as the caller computes them (``support.clock_for``), so a change to how
clocks run (business hours) changes the order with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from cockpit.domain.figures import URGENT
from cockpit.domain.support import SEVERITY_RANK, SlaClock, Ticket


class QueueOrder(StrEnum):
    URGENT_FIRST = "urgent_first"
    SLA_FIRST = "sla_first"


DEFAULT_ORDER = QueueOrder.URGENT_FIRST


def queue_group(ticket: Ticket, order: QueueOrder) -> int:
    """The block of the queue a ticket sits in, first block 0; within a block, past SLA then time left."""
    if not ticket.is_open:
        return 2
    if order == QueueOrder.URGENT_FIRST and ticket.severity not in URGENT:
        return 1
    return 0


def queue_key(ticket: Ticket, clock: SlaClock | None, order: QueueOrder) -> tuple[Any, ...]:
    """Sorting by this key puts the queue in ``order``; tickets without an SLA policy end their block.

    Within each part (past SLA, or not), a ticket waiting on its reporter (its clocks paused) comes after the
    running ones: nobody can act on it, and its time left stands still while theirs runs down, so the order
    holds between two clocks running out. Tickets are compared by the moment their first running clock falls
    (or fell) due, not by time left: under different calendars an hour left means different things (two
    business hours left at 17:00 on a Friday fall due on Monday, after five 24×7 hours left)."""
    due = clock.next_running_due if clock is not None else None
    return (
        queue_group(ticket, order),
        not (clock is not None and clock.breached),
        clock is not None and clock.paused,
        due is None,
        due if due is not None else ticket.opened_at,
        SEVERITY_RANK[ticket.severity],
        ticket.opened_at,
        ticket.id,
    )


def in_work_order(
    tickets: Iterable[Ticket],
    clock_of: Callable[[Ticket], SlaClock | None],
    order: QueueOrder = DEFAULT_ORDER,
) -> list[Ticket]:
    """The tickets in ``order``, ``clock_of`` giving each one's SLA clock now."""
    return sorted(tickets, key=lambda ticket: queue_key(ticket, clock_of(ticket), order))
