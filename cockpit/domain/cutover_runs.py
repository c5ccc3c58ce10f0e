"""The cutover window as a whole, run by run: the plan, each rehearsal (移行リハーサル) and the live run, each with
its first start, last end and the minutes between, against the planned window.

Per step the rehearsals are compared in ``domain/rehearsals``; this is the sum a closing report opens with:
did the real cutover fit where the rehearsals said it would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain.migration import RunbookStep, StepStatus
from cockpit.domain.rehearsals import Rehearsal, elapsed_minutes, ordered, variance_percent


class RunKind(StrEnum):
    PLAN = "plan"
    REHEARSAL = "rehearsal"
    LIVE = "live"


@dataclass(frozen=True, slots=True)
class CutoverRun:
    """One run of the whole runbook. ``timed``: steps it started and finished (of ``steps``); ``complete``
    when every step was (skipped steps count as finished in the live run)."""

    kind: RunKind
    rehearsal: Rehearsal | None
    start: datetime | None
    end: datetime | None
    timed: int
    steps: int

    @property
    def minutes(self) -> float | None:
        return elapsed_minutes(self.start, self.end)

    @property
    def complete(self) -> bool:
        return self.timed == self.steps


def cutover_runs(steps: Sequence[RunbookStep], rehearsals: Sequence[Rehearsal]) -> tuple[CutoverRun, ...]:
    """The plan, then each rehearsal by number, then the live run; none for a runbook with no step."""
    if not steps:
        return ()
    planned_end = max(s.planned_start + timedelta(minutes=s.planned_minutes) for s in steps)
    plan = CutoverRun(
        RunKind.PLAN, None, min(s.planned_start for s in steps), planned_end, len(steps), len(steps)
    )
    runs = [plan]
    ids = {s.id for s in steps}
    for rehearsal in ordered(rehearsals):
        times = [t for t in rehearsal.steps if t.step_id in ids]
        ends = [t.actual_end for t in times if t.actual_end is not None]
        runs.append(
            CutoverRun(
                RunKind.REHEARSAL,
                rehearsal,
                min((t.actual_start for t in times), default=None),
                max(ends, default=None),
                len(ends),
                len(steps),
            )
        )
    starts = [s.actual_start for s in steps if s.actual_start is not None]
    ends = [s.actual_end for s in steps if s.actual_end is not None]
    finished = sum(s.status in (StepStatus.DONE, StepStatus.SKIPPED) for s in steps)
    runs.append(
        CutoverRun(
            RunKind.LIVE, None, min(starts, default=None), max(ends, default=None), finished, len(steps)
        )
    )
    return tuple(runs)


def against_plan(run: CutoverRun, plan: CutoverRun) -> float | None:
    """The run's minutes against the planned window's, in percent (+: longer); None for a run not finished."""
    if not run.complete or run.minutes is None or plan.minutes is None:
        return None
    return variance_percent(run.minutes, round(plan.minutes))
