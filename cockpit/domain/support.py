"""Support tickets (問い合わせ / 障害) and their SLA clocks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

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
    severity: Severity
    first_response_minutes: int
    resolution_minutes: int
    version: int = 1


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

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}  # P1 first


@dataclass(frozen=True, slots=True)
class SlaClock:
    """Both SLA clocks of one ticket. ``remaining`` is negative once a clock is past due."""

    first_response_due: datetime
    first_response_remaining: timedelta
    first_response_breached: bool
    resolution_due: datetime
    resolution_remaining: timedelta
    resolution_breached: bool
    first_response_met: bool = False
    resolution_met: bool = False

    @property
    def breached(self) -> bool:
        return self.first_response_breached or self.resolution_breached

    @property
    def next_due(self) -> datetime | None:
        """The earlier due of the clocks still running; None when both are met."""
        dues = []
        if not self.first_response_met:
            dues.append(self.first_response_due)
        if not self.resolution_met:
            dues.append(self.resolution_due)
        return min(dues, default=None)

    @property
    def next_remaining(self) -> timedelta | None:
        """Time left on the clock that is due next; None when both are met."""
        due = self.next_due
        if due is None:
            return None
        if due == self.first_response_due and not self.first_response_met:
            return self.first_response_remaining
        return self.resolution_remaining


def _stopped_at(ticket: Ticket) -> datetime | None:
    """When the resolution clock stopped; a closed ticket without a resolution time stops at its last update."""
    if ticket.resolved_at is not None:
        return ticket.resolved_at
    if not ticket.is_open:
        return ticket.updated_at or ticket.opened_at
    return None


def sla_clock(ticket: Ticket, policy: SlaPolicy, *, now: datetime) -> SlaClock:
    """Wall-clock SLA: a met clock is breached only if it was met late; a running one once now is past due."""
    response_due = ticket.opened_at + timedelta(minutes=policy.first_response_minutes)
    resolution_due = ticket.opened_at + timedelta(minutes=policy.resolution_minutes)
    resolved = _stopped_at(ticket)
    # Resolving a ticket answers it: a missing response time is taken as the resolution time.
    responded = ticket.first_response_at or resolved
    response_at = responded or now
    resolution_at = resolved or now
    return SlaClock(
        first_response_due=response_due,
        first_response_remaining=response_due - response_at,
        first_response_breached=response_at > response_due,
        resolution_due=resolution_due,
        resolution_remaining=resolution_due - resolution_at,
        resolution_breached=resolution_at > resolution_due,
        first_response_met=responded is not None,
        resolution_met=resolved is not None,
    )


def sla_breached(ticket: Ticket, policy: SlaPolicy, *, now: datetime) -> bool:
    """``sla_clock(ticket, policy, now=now).breached`` without building the clock: the Overview's light and
    the support summary ask it of every open ticket after every change."""
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
    """Work order: open tickets first; among them breached first, then least time left, then severity.

    Tickets without a policy for their severity come after those with a clock.
    """
    by_severity = policies_by_severity(policies)

    def key(ticket: Ticket) -> tuple[Any, ...]:
        clock = clock_for(ticket, by_severity, now=now)
        remaining = clock.next_remaining if clock is not None else None
        return (
            not ticket.is_open,
            not (clock is not None and clock.breached),
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
