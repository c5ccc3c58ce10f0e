"""Production migration: the runbook (移行手順) and the data reconciliation ledger (移行対象)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


class StepKind(StrEnum):
    BACKUP = "backup"
    MIGRATE = "migrate"
    VERIFY = "verify"
    SWITCH = "switch"
    ROLLBACK_POINT = "rollback_point"
    OTHER = "other"


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class AttemptOutcome(StrEnum):
    FAILED = "failed"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class StepAttempt:
    """An earlier attempt at a step, kept when the step was tried again (or skipped after failing)."""

    attempt: int
    actual_start: datetime | None
    actual_end: datetime | None
    outcome: AttemptOutcome
    reason: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RunbookStep:
    """``actual_start``/``actual_end`` are the current attempt's (number ``attempt``); the earlier
    attempts are in ``attempts``, oldest first. ``status_reason`` says why it failed or was skipped."""

    id: int
    seq: int
    title: str
    kind: StepKind
    planned_start: datetime
    planned_minutes: int
    status: StepStatus = StepStatus.PENDING
    owner: str = ""
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    depends_on: tuple[int, ...] = ()
    status_reason: str = ""
    attempt: int = 1
    attempts: tuple[StepAttempt, ...] = ()
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None
    rollback_point: bool = False  # asks for the rollback decision (continue or roll back) before it starts
    rollback_path: bool = False  # runs only after a roll-back decision (domain/rollback.py)


@dataclass(frozen=True, slots=True)
class MigrationObject:
    """A table or file moved from the old system; ``target_rows`` is None until it is loaded.

    Reconciled when ``source_rows - rejected_rows`` and ``target_rows`` differ by at most
    ``tolerance_rows``, or when a difference was accepted (想定差異) with a reason.
    """

    id: int
    name: str
    source_rows: int
    target_rows: int | None = None
    rejected_rows: int = 0
    tolerance_rows: int = 0
    accepted_reason: str = ""
    accepted_by: str = ""
    accepted_at: datetime | None = None
    owner: str = ""
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None


class ReconStatus(StrEnum):
    PENDING = "pending"  # not loaded yet
    RECONCILED = "reconciled"  # within tolerance
    MISMATCH = "mismatch"
    ACCEPTED = "accepted"  # outside tolerance, but accepted with a reason (想定差異)


@dataclass(frozen=True, slots=True)
class Reconciliation:
    object: MigrationObject
    expected: int
    delta: int | None
    status: ReconStatus


def reconcile(obj: MigrationObject) -> Reconciliation:
    """Compare loaded rows with the rows expected after rejects, within the object's tolerance."""
    expected = obj.source_rows - obj.rejected_rows
    if obj.target_rows is None:
        return Reconciliation(object=obj, expected=expected, delta=None, status=ReconStatus.PENDING)
    delta = obj.target_rows - expected
    if abs(delta) <= obj.tolerance_rows:
        status = ReconStatus.RECONCILED
    elif obj.accepted_reason.strip():
        status = ReconStatus.ACCEPTED
    else:
        status = ReconStatus.MISMATCH
    return Reconciliation(object=obj, expected=expected, delta=delta, status=status)


def check_difference_acceptable(obj: MigrationObject) -> None:
    """Refuse to accept a difference (想定差異) where there is none to accept: not loaded, or within tolerance."""
    recon = reconcile(replace(obj, accepted_reason=""))
    if recon.status is ReconStatus.PENDING:
        raise Refusal(
            tr(
                "{name} has no target count yet, so there is no difference to accept. "
                "Record the target count first (--target-count N).",
                name=obj.name,
            )
        )
    if recon.status is ReconStatus.RECONCILED:
        raise Refusal(
            tr(
                "{name} reconciles within its tolerance (difference {delta:+,}, tolerance ±{tolerance:,}); "
                "there is no difference to accept.",
                name=obj.name,
                delta=recon.delta or 0,
                tolerance=obj.tolerance_rows,
            )
        )


def mismatches(recons: Iterable[Reconciliation]) -> list[Reconciliation]:
    """The mismatched objects, the largest difference first (then by name): the order to name them in."""
    bad = [r for r in recons if r.status == ReconStatus.MISMATCH]
    return sorted(bad, key=lambda r: (-abs(r.delta or 0), r.object.name))


@dataclass(frozen=True, slots=True)
class StepForecast:
    step: RunbookStep
    start: datetime
    end: datetime
    late_minutes: float  # how far ``end`` is past the planned end; 0.0 when on time or early
    critical: bool
    # How much longer than planned the step itself takes (done: took; running: has taken so far).
    # Unlike late_minutes, a step pushed back by an earlier overrun does not count.
    overrun_minutes: float = 0.0

    @property
    def late_by(self) -> int:
        """Whole minutes late, as the chart and the step table show it (``▶ +N min``); 0 when not late.

        Counted down to the minute, like the clock times beside it: planned to end 14:40, ended 14:43:40
        is 3 minutes late. A step is late from one whole minute on.
        """
        return math.floor(self.late_minutes)

    @property
    def is_late(self) -> bool:
        return self.late_minutes >= _MINUTE_RESOLUTION  # the same as late_by >= 1

    @property
    def is_overrun(self) -> bool:
        return self.overrun_minutes >= _MINUTE_RESOLUTION


@dataclass(frozen=True, slots=True)
class RunbookForecast:
    steps: tuple[StepForecast, ...]  # in dependency order
    eta: datetime | None  # None for an empty runbook
    critical_path: tuple[int, ...]  # step ids, first to last
    slack: timedelta | None  # rollback deadline minus ETA; None without a deadline
    late: tuple[int, ...]  # step ids forecast to end after their planned end, in dependency order
    done: int  # done or skipped
    total: int
    overrun: tuple[int, ...] = ()  # step ids taking longer than planned themselves: the cause of lateness

    @property
    def slack_minutes(self) -> int | None:
        """The slack in whole minutes, rounded, as every view and ``cockpit status --json`` give it."""
        return None if self.slack is None else round(self.slack.total_seconds() / 60)


# Runbooks are planned in whole minutes: a step finishing seconds after its plan is on time.
_MINUTE_RESOLUTION = 1.0


def planned_end(step: RunbookStep) -> datetime:
    return step.planned_start + timedelta(minutes=step.planned_minutes)


def forecast_runbook(
    steps: Sequence[RunbookStep], *, now: datetime, rollback_deadline: datetime | None
) -> RunbookForecast:
    """When each step will start and end, the ETA of the whole runbook, and the chain that decides it.

    Done steps keep their actual times; a running step ends no earlier than now; pending and failed
    steps (a failed step is forecast as a retry) start at the latest of their planned start, their
    dependencies' ends and now. A skipped step takes no time. Dependencies on unknown step ids are
    ignored. Raises ValueError when steps depend on each other in a cycle.
    """
    by_id = {s.id: s for s in steps}
    deps = {s.id: tuple(d for d in dict.fromkeys(s.depends_on) if d in by_id) for s in steps}
    order = _dependency_order(steps, deps)
    times: dict[int, tuple[datetime, datetime]] = {}
    for step in order:
        deps_end = max((times[d][1] for d in deps[step.id]), default=None)
        times[step.id] = _step_times(step, deps_end=deps_end, now=now)

    eta = max((end for _, end in times.values()), default=None)
    critical = _critical_path(order, deps, times, eta)
    critical_ids = set(critical)
    forecasts = tuple(
        StepForecast(
            step=s,
            start=times[s.id][0],
            end=times[s.id][1],
            late_minutes=_late_minutes(s, times[s.id][1]),
            critical=s.id in critical_ids,
            overrun_minutes=_overrun_minutes(s, now=now),
        )
        for s in order
    )
    return RunbookForecast(
        steps=forecasts,
        eta=eta,
        critical_path=critical,
        slack=rollback_deadline - eta if rollback_deadline is not None and eta is not None else None,
        late=tuple(f.step.id for f in forecasts if f.is_late),
        done=sum(s.status in (StepStatus.DONE, StepStatus.SKIPPED) for s in steps),
        total=len(steps),
        overrun=tuple(f.step.id for f in forecasts if f.is_overrun),
    )


@dataclass(frozen=True, slots=True)
class EtaForecast:
    eta: datetime | None  # None for an empty runbook
    slack: timedelta | None  # rollback deadline minus ETA; None without a deadline

    @property
    def slack_minutes(self) -> int | None:
        """Rounded to whole minutes, as ``RunbookForecast.slack_minutes``."""
        return None if self.slack is None else round(self.slack.total_seconds() / 60)


def forecast_eta(
    steps: Sequence[RunbookStep],
    *,
    durations: Mapping[int, float],
    now: datetime,
    rollback_deadline: datetime | None,
) -> EtaForecast:
    """The ETA as ``forecast_runbook`` works it out, with the steps still to finish expected to take
    ``durations[step id]`` minutes instead of their plan (a step not in ``durations`` keeps its plan).

    Done and skipped steps keep their actual times; a running step ends no earlier than now.
    """
    by_id = {s.id: s for s in steps}
    deps = {s.id: tuple(d for d in dict.fromkeys(s.depends_on) if d in by_id) for s in steps}
    times: dict[int, tuple[datetime, datetime]] = {}
    for step in _dependency_order(steps, deps):
        deps_end = max((times[d][1] for d in deps[step.id]), default=None)
        times[step.id] = _step_times(step, deps_end=deps_end, now=now, minutes=durations.get(step.id))
    eta = max((end for _, end in times.values()), default=None)
    return EtaForecast(
        eta=eta, slack=rollback_deadline - eta if rollback_deadline is not None and eta is not None else None
    )


def current_step(forecast: RunbookForecast) -> StepForecast | None:
    """Where the runbook is now: the first step, in dependency order, not yet done or skipped.

    That is a running or failed step, or the next pending one: the rows around the now-line, which a
    wall screen keeps in view. When every step is finished, the last step; None for an empty runbook.
    """
    finished = (StepStatus.DONE, StepStatus.SKIPPED)
    return next(
        (f for f in forecast.steps if f.step.status not in finished),
        forecast.steps[-1] if forecast.steps else None,
    )


def _step_times(
    step: RunbookStep, *, deps_end: datetime | None, now: datetime, minutes: float | None = None
) -> tuple[datetime, datetime]:
    """``minutes``: how long the step is expected to take, when not its plan (a rehearsal forecast)."""
    planned = timedelta(minutes=step.planned_minutes if minutes is None else minutes)
    if step.status == StepStatus.DONE:
        # A step marked done without recorded times keeps its plan rather than stalling the forecast.
        start = step.actual_start or step.planned_start
        return start, step.actual_end or start + planned
    if step.status == StepStatus.SKIPPED:
        at = step.actual_end or step.actual_start or deps_end or step.planned_start
        return at, at
    if step.status == StepStatus.RUNNING:
        start = step.actual_start or step.planned_start
        return start, max(now, start + planned)
    start = max(step.planned_start, now, deps_end or step.planned_start)
    return start, start + planned


def _late_minutes(step: RunbookStep, end: datetime) -> float:
    if step.status == StepStatus.SKIPPED:
        return 0.0
    return max(0.0, (end - planned_end(step)).total_seconds() / 60)


def _overrun_minutes(step: RunbookStep, *, now: datetime) -> float:
    if step.actual_start is None or step.status not in (
        StepStatus.DONE,
        StepStatus.RUNNING,
        StepStatus.FAILED,
    ):
        return 0.0
    until = step.actual_end if step.status != StepStatus.RUNNING and step.actual_end else now
    taken = (until - step.actual_start).total_seconds() / 60
    return max(0.0, taken - step.planned_minutes)


def _dependency_order(steps: Sequence[RunbookStep], deps: Mapping[int, tuple[int, ...]]) -> list[RunbookStep]:
    """Topological order; among steps free to go, the runbook's own order (seq, then id)."""
    by_id = {s.id: s for s in steps}
    waiting_on = {s.id: len(deps[s.id]) for s in steps}
    dependents: dict[int, list[int]] = {s.id: [] for s in steps}
    for step_id, step_deps in deps.items():
        for d in step_deps:
            dependents[d].append(step_id)
    ready = [(s.seq, s.id) for s in steps if waiting_on[s.id] == 0]
    heapq.heapify(ready)
    order: list[RunbookStep] = []
    while ready:
        _, step_id = heapq.heappop(ready)
        order.append(by_id[step_id])
        for nxt in dependents[step_id]:
            waiting_on[nxt] -= 1
            if waiting_on[nxt] == 0:
                heapq.heappush(ready, (by_id[nxt].seq, nxt))
    if len(order) < len(by_id):
        cycle = _find_cycle(sorted(i for i, n in waiting_on.items() if n > 0), deps)
        raise ValueError(
            tr("Runbook steps depend on each other in a cycle: {steps}", steps=" → ".join(map(str, cycle)))
        )
    return order


def _find_cycle(candidates: list[int], deps: Mapping[int, tuple[int, ...]]) -> list[int]:
    """One cycle among steps that could not be ordered, as ids with the first repeated at the end."""
    blocked = set(candidates)
    # Every blocked step waits on at least one blocked step, so following those links must loop.
    path: list[int] = []
    seen: dict[int, int] = {}
    current = candidates[0]
    while current not in seen:
        seen[current] = len(path)
        path.append(current)
        current = min(d for d in deps[current] if d in blocked)
    cycle = path[seen[current] :]
    cycle.reverse()  # dependency links point backwards; show the order in which steps would run
    first = cycle.index(min(cycle))
    cycle = cycle[first:] + cycle[:first]
    return [*cycle, cycle[0]]


def _critical_path(
    order: list[RunbookStep],
    deps: Mapping[int, tuple[int, ...]],
    times: Mapping[int, tuple[datetime, datetime]],
    eta: datetime | None,
) -> tuple[int, ...]:
    if eta is None:
        return ()
    position = {s.id: i for i, s in enumerate(order)}
    # Of the steps that end at the ETA, the last in dependency order is the one that closes the runbook.
    current = next(s.id for s in reversed(order) if times[s.id][1] == eta)
    path = [current]
    while deps[current]:
        start = times[current][0]
        current = max(deps[current], key=lambda d: (times[d][1] == start, times[d][1], position[d]))
        path.append(current)
    return tuple(reversed(path))
