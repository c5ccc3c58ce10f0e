"""What the closing report says of the launch from plan to close: the cutover against its plan and the
SLA attainment over hypercare. Pure: rows and the period in, figures out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.domain.migration import RunbookStep, StepStatus
from cockpit.domain.support import Severity, SlaPolicy, Ticket, clock_for, policies_by_severity


@dataclass(frozen=True, slots=True)
class CutoverAgainstPlan:
    """The runbook's planned window against what happened: ``None`` where nothing has started or ended."""

    steps: int
    done: int
    skipped: int
    failed_attempts: int
    planned_start: datetime | None
    planned_end: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None

    @property
    def finished_late_by(self) -> timedelta | None:
        """How far the last step ended after the planned end (negative: early); None until it ended."""
        if self.planned_end is None or self.actual_end is None or self.done + self.skipped < self.steps:
            return None
        return self.actual_end - self.planned_end


def cutover_against_plan(steps: Iterable[RunbookStep]) -> CutoverAgainstPlan:
    rows = list(steps)
    starts = [s.actual_start for s in rows if s.actual_start is not None]
    ends = [s.actual_end for s in rows if s.actual_end is not None]
    return CutoverAgainstPlan(
        steps=len(rows),
        done=sum(s.status is StepStatus.DONE for s in rows),
        skipped=sum(s.status is StepStatus.SKIPPED for s in rows),
        failed_attempts=sum(len(s.attempts) for s in rows),
        planned_start=min((s.planned_start for s in rows), default=None),
        planned_end=max((s.planned_start + timedelta(minutes=s.planned_minutes) for s in rows), default=None),
        actual_start=min(starts, default=None),
        actual_end=max(ends, default=None),
    )


@dataclass(frozen=True, slots=True)
class Attainment:
    """One severity's tickets over a period: how many opened, were resolved, and met each clock."""

    severity: Severity
    opened: int = 0
    resolved: int = 0
    response_on_time: int = 0
    resolution_on_time: int = 0
    update_missed: int = 0

    @property
    def resolution_ratio(self) -> float | None:
        """Resolved within the SLA, of those resolved; None when none was."""
        return self.resolution_on_time / self.resolved if self.resolved else None

    @property
    def response_ratio(self) -> float | None:
        return self.response_on_time / self.opened if self.opened else None


def sla_attainment(
    tickets: Iterable[Ticket], policies: Iterable[SlaPolicy], *, since: datetime, until: datetime
) -> list[Attainment]:
    """Per severity, the tickets opened from ``since`` to ``until``, their clocks counted at ``until``.

    A severity without a policy counts every ticket as on time: there was no target to miss.
    """
    by_severity = policies_by_severity(policies)
    counts = {s: dict(opened=0, resolved=0, response=0, resolution=0, update=0) for s in Severity}
    for ticket in tickets:
        if not since <= ticket.opened_at < until:
            continue
        c = counts[ticket.severity]
        clock = clock_for(ticket, by_severity, now=until)
        c["opened"] += 1
        c["response"] += clock is None or not clock.first_response_breached
        c["update"] += clock is not None and clock.update_breached
        if ticket.resolved_at is not None and ticket.resolved_at <= until:
            c["resolved"] += 1
            c["resolution"] += clock is None or not clock.resolution_breached
    return [
        Attainment(
            severity=s,
            opened=c["opened"],
            resolved=c["resolved"],
            response_on_time=c["response"],
            resolution_on_time=c["resolution"],
            update_missed=c["update"],
        )
        for s, c in counts.items()
    ]
