"""Rehearsals (移行リハーサル): runs of the runbook on a copy of production, and what they say about the real one.

A rehearsal records each step's actual start and end, and each migration object's counts, apart from the live
run. The comparison puts plan, every rehearsal and live side by side per step (minutes, and variance against
plan in percent). The rehearsal forecast takes, for each step still to finish, the median (P50) or the 80th
percentile (P80) of the minutes the rehearsals took for it; a step no rehearsal timed keeps its plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from cockpit.domain.migration import EtaForecast, RunbookStep, StepStatus, forecast_eta
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


@dataclass(frozen=True, slots=True)
class RehearsalStep:
    """A step's times in one rehearsal: started, and ended once ``actual_end`` is set."""

    step_id: int
    actual_start: datetime
    actual_end: datetime | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class RehearsalCount:
    """A migration object's counts in one rehearsal."""

    object_id: int
    target_rows: int | None
    rejected_rows: int = 0
    version: int = 1


@dataclass(frozen=True, slots=True)
class Rehearsal:
    """``name`` is '' when none was given: shown as "Rehearsal N" in the viewer's language."""

    id: int
    number: int
    started_at: datetime
    name: str = ""
    closed_at: datetime | None = None
    steps: tuple[RehearsalStep, ...] = ()
    counts: tuple[RehearsalCount, ...] = ()
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
    # Each step's and object's record by id: the comparison and the forecast ask once per step and
    # rehearsal, and a scan of 1,500 steps each time cost 0.3 s of the Migration pane's first show at 5×.
    _steps_by_id: dict[int, RehearsalStep] = field(init=False, repr=False, compare=False)
    _counts_by_id: dict[int, RehearsalCount] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Reversed, so the first record of an id wins, as a scan from the front finds it.
        object.__setattr__(self, "_steps_by_id", {s.step_id: s for s in reversed(self.steps)})
        object.__setattr__(self, "_counts_by_id", {c.object_id: c for c in reversed(self.counts)})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def step(self, step_id: int) -> RehearsalStep | None:
        return self._steps_by_id.get(step_id)

    def count(self, object_id: int) -> RehearsalCount | None:
        return self._counts_by_id.get(object_id)

    def minutes(self, step_id: int) -> float | None:
        """How long the step took in this rehearsal; None unless it was started and finished in it."""
        times = self.step(step_id)
        return None if times is None else elapsed_minutes(times.actual_start, times.actual_end)


def elapsed_minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 60


def rehearsal_title(rehearsal: Rehearsal) -> str:
    return rehearsal.name or tr("Rehearsal {number}", number=rehearsal.number)


def variance_percent(minutes: float | None, planned_minutes: int) -> float | None:
    """How far ``minutes`` is from plan, in percent of plan (+: longer), to one decimal; None without a
    measurement or for a step planned at 0 minutes (no percentage of nothing)."""
    if minutes is None or planned_minutes <= 0:
        return None
    return round((minutes - planned_minutes) / planned_minutes * 100, 1)


def live_minutes(step: RunbookStep) -> float | None:
    """How long the live run's current attempt took: done steps only."""
    if step.status is not StepStatus.DONE:
        return None
    return elapsed_minutes(step.actual_start, step.actual_end)


@dataclass(frozen=True, slots=True)
class StepComparison:
    """One row of the comparison: ``rehearsals`` in rehearsal order, None where that rehearsal has no time."""

    step: RunbookStep
    rehearsals: tuple[float | None, ...]
    live: float | None

    @property
    def planned(self) -> int:
        return self.step.planned_minutes

    def variances(self) -> tuple[float | None, ...]:
        return tuple(variance_percent(m, self.planned) for m in self.rehearsals)

    @property
    def live_variance(self) -> float | None:
        return variance_percent(self.live, self.planned)


def ordered(rehearsals: Sequence[Rehearsal]) -> tuple[Rehearsal, ...]:
    return tuple(sorted(rehearsals, key=lambda r: r.number))


def compare_steps(
    steps: Sequence[RunbookStep], rehearsals: Sequence[Rehearsal]
) -> tuple[StepComparison, ...]:
    """Plan, each rehearsal (by number) and live, per step in the runbook's order."""
    runs = ordered(rehearsals)
    return tuple(
        StepComparison(step=s, rehearsals=tuple(r.minutes(s.id) for r in runs), live=live_minutes(s))
        for s in sorted(steps, key=lambda s: (s.seq, s.id))
    )


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` percentile by linear interpolation between the closest ranks (as a spreadsheet's
    PERCENTILE.INC): rank ``(n - 1) × fraction`` of the sorted values, counted from 0."""
    ranked = sorted(values)
    if not ranked:
        raise ValueError("no values")
    rank = (len(ranked) - 1) * fraction
    low = math.floor(rank)
    high = min(low + 1, len(ranked) - 1)
    return ranked[low] + (ranked[high] - ranked[low]) * (rank - low)


P50 = 0.5
P80 = 0.8


def rehearsal_durations(
    steps: Sequence[RunbookStep], rehearsals: Sequence[Rehearsal], fraction: float
) -> dict[int, float]:
    """Per step that some rehearsal timed (started and finished), the ``fraction`` percentile of its minutes."""
    durations: dict[int, float] = {}
    for step in steps:
        timed = [m for r in rehearsals if (m := r.minutes(step.id)) is not None]
        if timed:
            durations[step.id] = percentile(timed, fraction)
    return durations


@dataclass(frozen=True, slots=True)
class RehearsalForecast:
    p50: EtaForecast
    p80: EtaForecast
    timed_steps: int  # steps at least one rehearsal timed: the rest are forecast from plan


def forecast_from_rehearsals(
    steps: Sequence[RunbookStep],
    rehearsals: Sequence[Rehearsal],
    *,
    now: datetime,
    rollback_deadline: datetime | None,
) -> RehearsalForecast:
    """The runbook's ETA and slack at P50 and P80 of the rehearsals' durations (plan where none).

    Raises ValueError when steps depend on each other in a cycle, like ``forecast_runbook``.
    """
    p50 = rehearsal_durations(steps, rehearsals, P50)
    p80 = rehearsal_durations(steps, rehearsals, P80)
    return RehearsalForecast(
        p50=forecast_eta(steps, durations=p50, now=now, rollback_deadline=rollback_deadline),
        p80=forecast_eta(steps, durations=p80, now=now, rollback_deadline=rollback_deadline),
        timed_steps=len(p50),
    )


# -- what may be recorded in a rehearsal ----------------------------------------------------------------------


def check_rehearsal_open(rehearsal: Rehearsal) -> None:
    if not rehearsal.is_open:
        raise Refusal(
            tr(
                "{rehearsal} is closed; times and counts are recorded only in the open rehearsal. "
                "Start a new one with: cockpit rehearsal start FILE",
                rehearsal=rehearsal_title(rehearsal),
            )
        )


def check_can_start(rehearsal: Rehearsal, step: RunbookStep, at: datetime) -> None:
    check_rehearsal_open(rehearsal)
    if rehearsal.step(step.id) is not None:
        raise Refusal(
            tr(
                "Step #{id} was already started in {rehearsal}; finish it (step finish … --rehearsal {number}).",
                id=step.id,
                rehearsal=rehearsal_title(rehearsal),
                number=rehearsal.number,
            )
        )
    if at < rehearsal.started_at:
        raise Refusal(
            tr(
                "Step #{id} cannot start before {rehearsal} itself started; give a later --at time.",
                id=step.id,
                rehearsal=rehearsal_title(rehearsal),
            )
        )


def check_can_finish(rehearsal: Rehearsal, step: RunbookStep, at: datetime) -> RehearsalStep:
    check_rehearsal_open(rehearsal)
    times = rehearsal.step(step.id)
    if times is None:
        raise Refusal(
            tr(
                "Step #{id} has not started in {rehearsal}; start it first (step start … --rehearsal {number}).",
                id=step.id,
                rehearsal=rehearsal_title(rehearsal),
                number=rehearsal.number,
            )
        )
    if times.actual_end is not None:
        raise Refusal(
            tr(
                "Step #{id} was already finished in {rehearsal}.",
                id=step.id,
                rehearsal=rehearsal_title(rehearsal),
            )
        )
    if at < times.actual_start:
        raise Refusal(
            tr(
                "Step #{id} cannot finish before it started in {rehearsal}; give a later --at time.",
                id=step.id,
                rehearsal=rehearsal_title(rehearsal),
            )
        )
    return times


def check_can_close(rehearsal: Rehearsal, steps: Sequence[RunbookStep]) -> None:
    check_rehearsal_open(rehearsal)
    running = [s for s in steps if (t := rehearsal.step(s.id)) is not None and t.actual_end is None]
    if running:
        raise Refusal(
            tr(
                "{rehearsal} was not closed: {names} still running in it. Finish those steps first.",
                rehearsal=rehearsal_title(rehearsal),
                names=", ".join(f"#{s.id} {s.title}" for s in running),
            )
        )
