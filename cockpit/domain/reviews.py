"""Reviews after go-live, run as PDCA: the meetings, their improvement actions, lessons learned, and the
links that say what a ticket is about.

A review freezes the period's figures when it is recorded (``review_figures``): later edits to tickets do not
rewrite what the meeting saw. Meetings are daily during hypercare, then weekly (``cadence_for``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from cockpit.domain.refusal import Refusal
from cockpit.domain.risks import Risk
from cockpit.domain.support import (
    Severity,
    SlaPolicy,
    Ticket,
    TicketKind,
    clock_for,
    policies_by_severity,
)
from cockpit.i18n import tr


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class LessonKind(StrEnum):
    WENT_WELL = "went_well"
    CHANGE = "change"  # what to change next time


class LinkKind(StrEnum):
    STEP = "step"
    RISK = "risk"
    TEST = "test"  # a failing test, by its name (class.name): test cases come and go with each import


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    held_at: datetime
    period_start: datetime
    period_end: datetime
    cadence: Cadence = Cadence.DAILY
    attendees: str = ""
    findings: str = ""
    figures: Mapping[str, Any] = field(default_factory=dict)
    version: int = 1


@dataclass(frozen=True, slots=True)
class ImprovementAction:
    id: int
    title: str
    review_id: int | None = None
    owner: str = ""
    due: datetime | None = None
    status: ActionStatus = ActionStatus.OPEN
    done_at: datetime | None = None
    version: int = 1

    def overdue(self, now: datetime) -> bool:
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < now


@dataclass(frozen=True, slots=True)
class Lesson:
    id: int
    phase: str  # the launch's stage it is about (``Stage``'s value: the launch aggregate holds lessons)
    kind: LessonKind
    text: str
    updated_by: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class TicketLink:
    id: int
    ticket_id: int
    kind: LinkKind
    target: str  # a step's or risk's id, or a test's name


def cadence_for(stage: str) -> Cadence:
    """Daily while the team is in hypercare, weekly after (and before: a rehearsal's review)."""
    return Cadence.DAILY if stage == "hypercare" else Cadence.WEEKLY


def default_period_start(go_live: datetime, held_at: datetime, cadence: Cadence) -> datetime:
    """The first meeting reviews from go-live; one held before go-live (a rehearsal's) reviews one cadence
    back: the day, or the week, before it."""
    if go_live < held_at:
        return go_live
    return held_at - (timedelta(days=1) if cadence is Cadence.DAILY else timedelta(weeks=1))


def overdue_actions(actions: Iterable[ImprovementAction], *, now: datetime) -> list[ImprovementAction]:
    """Open actions past their due, the most overdue first."""
    late = [a for a in actions if a.overdue(now)]
    return sorted(late, key=lambda a: (a.due, a.id))


def check_period(period_start: datetime, period_end: datetime) -> None:
    if period_end <= period_start:
        raise Refusal(
            tr(
                "A review's period must end after it starts ({start} to {end}); give --since earlier than "
                "the meeting.",
                start=period_start.isoformat(),
                end=period_end.isoformat(),
            )
        )


def review_figures(
    tickets: Iterable[Ticket],
    policies: Iterable[SlaPolicy],
    *,
    period_start: datetime,
    period_end: datetime,
    kpi_breaches: int | None = None,
) -> dict[str, Any]:
    """The period's figures as the meeting saw them: tickets opened by kind and by severity, tickets still
    open at its end, and SLA attainment of the tickets resolved in it (clocks counted at the period's end).

    ``kpi_breaches`` None: the launch tracks no KPIs, and the figure is left out.
    """
    by_severity = policies_by_severity(policies)
    opened_by_kind = dict.fromkeys((k.value for k in TicketKind), 0)
    opened_by_severity = dict.fromkeys((s.value for s in Severity), 0)
    resolved = within = still_open = 0
    for ticket in tickets:
        if ticket.opened_at >= period_end:
            continue
        if ticket.opened_at >= period_start:
            opened_by_kind[ticket.kind.value] += 1
            opened_by_severity[ticket.severity.value] += 1
        done_at = ticket.resolved_at
        if done_at is None or done_at >= period_end:
            still_open += 1
            continue
        if done_at < period_start:
            continue
        clock = clock_for(ticket, by_severity, now=period_end)
        resolved += 1
        within += clock is None or not clock.breached
    figures: dict[str, Any] = {
        "opened_by_kind": opened_by_kind,
        "opened_by_severity": opened_by_severity,
        "opened": sum(opened_by_kind.values()),
        "open_at_end": still_open,
        "resolved": resolved,
        "resolved_within_sla": within,
        "sla_attainment_percent": round(100 * within / resolved, 1) if resolved else None,
    }
    if kpi_breaches is not None:
        figures["kpi_breaches"] = kpi_breaches
    return figures


def incidents_of(risk: Risk, links: Iterable[TicketLink]) -> list[int]:
    """The tickets that name the risk, in id order: the incidents of a risk that occurred."""
    return sorted(
        link.ticket_id for link in links if link.kind is LinkKind.RISK and link.target == str(risk.id)
    )


def links_of(ticket_id: int, links: Iterable[TicketLink]) -> list[TicketLink]:
    """What the ticket is about, in the order it was linked."""
    return [link for link in links if link.ticket_id == ticket_id]
