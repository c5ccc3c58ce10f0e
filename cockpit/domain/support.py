"""Support tickets (問い合わせ / 障害) and their SLA clocks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.domain.business_hours import BusinessCalendar, Pause, counted, due_after
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


class TicketKind(StrEnum):
    INCIDENT = "incident"
    INQUIRY = "inquiry"
    REQUEST = "request"
    FEEDBACK = "feedback"


class Severity(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class TicketStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATUSES = frozenset(
    {TicketStatus.NEW, TicketStatus.ACKNOWLEDGED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING}
)


@dataclass(frozen=True, slots=True)
class SlaPolicy:
    """A severity's targets. ``calendar`` None counts every minute (24×7); ``update_minutes`` None: no
    update clock."""

    severity: Severity
    first_response_minutes: int
    resolution_minutes: int
    version: int = 1
    calendar: BusinessCalendar | None = None
    update_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int
    title: str
    severity: Severity
    opened_at: datetime
    kind: TicketKind = TicketKind.INCIDENT
    status: TicketStatus = TicketStatus.NEW
    reporter: str = ""
    assignee: str = ""
    description: str = ""
    escalation_level: int = 0
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
    last_update_at: datetime | None = None  # the latest update given to the reporter after the first response
    pauses: tuple[Pause, ...] = ()  # the stretches it waited on the reporter, oldest first

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def paused(self) -> bool:
        """Waiting on the reporter: its clocks hold still."""
        return bool(self.counted_pauses) and self.counted_pauses[-1].end is None

    @property
    def counted_pauses(self) -> tuple[Pause, ...]:
        """The pauses the clocks leave out. A ticket waiting without a pause on record (a table import, the
        demo, a file from before pauses were kept) waits since it was last changed, when that is known."""
        waiting_unrecorded = not (self.pauses and self.pauses[-1].end is None)
        if self.status is TicketStatus.WAITING and waiting_unrecorded and self.updated_at is not None:
            return (*self.pauses, Pause(self.updated_at))
        return self.pauses


SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}  # P1 first


@dataclass(frozen=True, slots=True)
class SlaClock:
    """The three SLA clocks of one ticket, as Zammad shows them: first response, update, resolution.

    ``remaining`` is the counted time left (business time under a calendar), negative once a clock is past
    due. The update clock runs from the first response (then from each update) until the resolution; it is
    None when the policy has no update target or nobody has answered yet. While the ticket waits on its
    reporter (``paused``) every clock holds still and its due is where it would fall were it to resume now.
    """

    first_response_due: datetime
    first_response_remaining: timedelta
    first_response_breached: bool
    resolution_due: datetime
    resolution_remaining: timedelta
    resolution_breached: bool
    first_response_met: bool = False
    resolution_met: bool = False
    update_due: datetime | None = None
    update_remaining: timedelta | None = None
    update_breached: bool = False
    paused: bool = False

    @property
    def breached(self) -> bool:
        return self.first_response_breached or self.resolution_breached or self.update_breached

    def _running(self) -> list[tuple[datetime, timedelta]]:
        running = []
        if not self.first_response_met:
            running.append((self.first_response_due, self.first_response_remaining))
        if self.update_due is not None and self.update_remaining is not None and not self.resolution_met:
            running.append((self.update_due, self.update_remaining))
        if not self.resolution_met:
            running.append((self.resolution_due, self.resolution_remaining))
        return running

    @property
    def next_due(self) -> datetime | None:
        """The earliest due of the clocks still running; None when all are met, or while paused (no time
        runs out while the ticket waits on its reporter)."""
        if self.paused:
            return None
        return min((due for due, _ in self._running()), default=None)

    @property
    def next_running_due(self) -> datetime | None:
        """The earliest due of the clocks not met, paused or not (a paused clock's due is where it falls were
        the ticket to resume now): a wall-clock moment, comparable whatever calendar each ticket counts in."""
        return min((due for due, _ in self._running()), default=None)

    @property
    def next_remaining(self) -> timedelta | None:
        """Time left on the running clock that runs out first; None when all are met."""
        return min((remaining for _, remaining in self._running()), default=None)


@dataclass(frozen=True, slots=True)
class _OneClock:
    due: datetime
    remaining: timedelta
    breached: bool


def _one_clock(
    start: datetime, stop: datetime | None, minutes: int, policy: SlaPolicy, ticket: Ticket, now: datetime
) -> _OneClock:
    """A clock started at ``start`` with ``minutes`` to count, stopped at ``stop`` (None: still running)."""
    target = timedelta(minutes=minutes)
    pauses = ticket.counted_pauses
    elapsed = counted(start, stop or now, policy.calendar, pauses)
    remaining = target - elapsed
    due = due_after(start, target, policy.calendar, pauses)
    if due is None and remaining > timedelta(0):  # held by a pause: where it falls if it resumes now
        due = due_after(max(now, start), remaining, policy.calendar)
    return _OneClock(due or start + target, remaining, elapsed > target)


def _stopped_at(ticket: Ticket) -> datetime | None:
    """When the resolution clock stopped; a closed ticket without a resolution time stops at its last update."""
    if ticket.resolved_at is not None:
        return ticket.resolved_at
    if not ticket.is_open:
        return ticket.updated_at or ticket.opened_at
    return None


# Set by remembered_sla_clocks(): each clock worked out once, keyed by the objects' identities and the moment.
_REMEMBERED: ContextVar[dict[tuple[int, int, datetime], tuple[Ticket, SlaPolicy, SlaClock]] | None] = (
    ContextVar("remembered_sla_clocks", default=None)
)


@contextmanager
def remembered_sla_clocks() -> Iterator[None]:
    """Inside this, asking for the same ticket's clock under the same policy at the same moment again costs
    nothing: the report asks for each clock three times (the lights, the summary, the queue), which at
    25,000 tickets is seconds. The memory ends with the block; a block inside another one (the status
    document inside the report) shares the outer one's memory."""
    if _REMEMBERED.get() is not None:
        yield
        return
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def sla_clock(ticket: Ticket, policy: SlaPolicy, *, now: datetime) -> SlaClock:
    """The ticket's clocks: a met clock is breached only if it was met late; a running one once it has
    counted past its target. Time counts under the policy's calendar, less the ticket's pauses."""
    remembered = _REMEMBERED.get()
    if remembered is None:
        return _sla_clock(ticket, policy, now)
    key = (id(ticket), id(policy), now)
    known = remembered.get(key)
    # The entry holds the ticket and the policy, so their ids cannot be reused while it lives.
    if known is not None and known[0] is ticket and known[1] is policy:
        return known[2]
    clock = _sla_clock(ticket, policy, now)
    remembered[key] = (ticket, policy, clock)
    return clock


def _sla_clock(ticket: Ticket, policy: SlaPolicy, now: datetime) -> SlaClock:
    resolved = _stopped_at(ticket)
    # Resolving a ticket answers it: a missing response time is taken as the resolution time.
    responded = ticket.first_response_at or resolved
    response = _one_clock(ticket.opened_at, responded, policy.first_response_minutes, policy, ticket, now)
    resolution = _one_clock(ticket.opened_at, resolved, policy.resolution_minutes, policy, ticket, now)
    update = None
    last_word = ticket.last_update_at or ticket.first_response_at
    if policy.update_minutes is not None and last_word is not None:
        update = _one_clock(last_word, resolved, policy.update_minutes, policy, ticket, now)
    return SlaClock(
        first_response_due=response.due,
        first_response_remaining=response.remaining,
        first_response_breached=response.breached,
        resolution_due=resolution.due,
        resolution_remaining=resolution.remaining,
        resolution_breached=resolution.breached,
        first_response_met=responded is not None,
        resolution_met=resolved is not None,
        update_due=update.due if update else None,
        update_remaining=update.remaining if update else None,
        update_breached=update.breached if update else False,
        paused=ticket.paused and resolved is None,
    )


def sla_breached(ticket: Ticket, policy: SlaPolicy, *, now: datetime) -> bool:
    """``sla_clock(ticket, policy, now=now).breached``: the Overview's light and the support summary ask it
    of every open ticket after every change, so a wall-clock policy of a ticket never paused skips the
    clock."""
    if policy.calendar is not None or ticket.paused or ticket.pauses or policy.update_minutes is not None:
        return sla_clock(ticket, policy, now=now).breached
    resolved = _stopped_at(ticket)
    response_at = ticket.first_response_at or resolved or now
    if response_at > ticket.opened_at + timedelta(minutes=policy.first_response_minutes):
        return True
    return (resolved or now) > ticket.opened_at + timedelta(minutes=policy.resolution_minutes)


@dataclass(frozen=True, slots=True)
class SupportSummary:
    total: int
    open: int
    per_status: dict[TicketStatus, int]
    open_per_severity: dict[Severity, int]
    breached: int  # open tickets with at least one breached clock
    breached_per_severity: dict[Severity, int] = field(default_factory=dict)  # same, by severity


def policies_by_severity(policies: Iterable[SlaPolicy]) -> dict[Severity, SlaPolicy]:
    return {p.severity: p for p in policies}


def clock_for(ticket: Ticket, policies: Mapping[Severity, SlaPolicy], *, now: datetime) -> SlaClock | None:
    """The ticket's clocks, or None when no policy covers its severity."""
    policy = policies.get(ticket.severity)
    return sla_clock(ticket, policy, now=now) if policy is not None else None


def summarize_support(
    tickets: Iterable[Ticket], policies: Iterable[SlaPolicy], *, now: datetime
) -> SupportSummary:
    """Counts for the support pane; every status and severity appears, with zero when unused."""
    by_severity = policies_by_severity(policies)
    per_status = dict.fromkeys(TicketStatus, 0)
    open_per_severity = dict.fromkeys(Severity, 0)
    breached_per_severity = dict.fromkeys(Severity, 0)
    total = 0
    for ticket in tickets:
        total += 1
        per_status[ticket.status] += 1
        if not ticket.is_open:
            continue
        open_per_severity[ticket.severity] += 1
        policy = by_severity.get(ticket.severity)
        if policy is not None and sla_breached(ticket, policy, now=now):
            breached_per_severity[ticket.severity] += 1
    return SupportSummary(
        total=total,
        open=sum(open_per_severity.values()),
        per_status=per_status,
        open_per_severity=open_per_severity,
        breached=sum(breached_per_severity.values()),
        breached_per_severity=breached_per_severity,
    )


def sort_queue(tickets: Iterable[Ticket], policies: Iterable[SlaPolicy], *, now: datetime) -> list[Ticket]:
    """Work order: open tickets first; among them breached first, then running before paused, then least time
    left, then severity.

    Tickets without a policy for their severity come after those with a clock.
    """
    by_severity = policies_by_severity(policies)

    def key(ticket: Ticket) -> tuple[Any, ...]:
        clock = clock_for(ticket, by_severity, now=now)
        remaining = clock.next_remaining if clock is not None else None
        return (
            not ticket.is_open,
            not (clock is not None and clock.breached),
            clock is not None and clock.paused,  # its time does not run: after those whose time does
            remaining is None,
            remaining if remaining is not None else timedelta(0),
            SEVERITY_RANK[ticket.severity],
            ticket.opened_at,
            ticket.id,
        )

    return sorted(tickets, key=key)


# -- what a change to a ticket writes ---------------------------------------------------------------------------


def opening_time(opened_at: datetime | None, *, now: datetime) -> datetime:
    """When a new ticket's SLA clocks start: now, or the earlier moment it was reported (a call logged later).

    A ticket cannot open in the future: its clocks would count a response before the question.
    """
    if opened_at is None:
        return now
    if opened_at > now:
        raise Refusal(tr("A ticket cannot be opened in the future ({at}).", at=opened_at.isoformat()))
    return opened_at


def clock_stamps(
    status: TicketStatus, *, first_response_at: datetime | None, resolved_at: datetime | None, now: datetime
) -> dict[str, datetime | None]:
    """The SLA clock fields a move to ``status`` changes (only those that change).

    Any status past new answers the ticket: the first-response clock stops, once. Resolved or closed stops
    the resolution clock; back to an open status (a reopen) restarts it.
    """
    stamps: dict[str, datetime | None] = {}
    if status is not TicketStatus.NEW and first_response_at is None:
        stamps["first_response_at"] = now
    if status in OPEN_STATUSES:
        if resolved_at is not None:
            stamps["resolved_at"] = None
    elif resolved_at is None:
        stamps["resolved_at"] = now
    return stamps


def escalation_after(ticket_id: int, level: int, *, lower: bool = False) -> int:
    """The escalation level one step up (escalate) or down (de-escalate: the pressure is off, or it was a mistake)."""
    if not lower:
        return level + 1
    if level <= 0:
        raise Refusal(tr("Ticket #{id} is not escalated; there is no level to lower.", id=ticket_id))
    return level - 1


def check_sla_target(severity: Severity, first_response_minutes: int, resolution_minutes: int) -> None:
    """Refuse a target a clock could not run on: whole minutes above zero, and the first response due no
    later than the resolution (an answer after the fix is no first response)."""
    for minutes, what in (
        (first_response_minutes, tr("first response")),
        (resolution_minutes, tr("resolution")),
    ):
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
            raise Refusal(
                tr(
                    "The {severity} {what} target must be a whole number of minutes above 0, not {minutes!r}.",
                    severity=severity.value,
                    what=what,
                    minutes=minutes,
                )
            )
    if first_response_minutes > resolution_minutes:
        raise Refusal(
            tr(
                "The {severity} first response target ({first} min) is later than its resolution target "
                "({resolution} min); make the first response due no later than the resolution.",
                severity=severity.value,
                first=first_response_minutes,
                resolution=resolution_minutes,
            )
        )
