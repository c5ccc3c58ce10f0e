"""What may happen to a runbook step (移行手順) and what each move writes: pure rules, given ``now``.

Every move is an ordinary action a user may take; two of them put a step back (a start or a finish
made by mistake), so undoing a start or a finish is one of these moves too, under the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cockpit.domain.migration import RunbookStep, StepStatus
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


class StepAction(StrEnum):
    START = "start"  # pending → running, stamps the actual start
    FINISH = "finish"  # running → done, stamps the actual end
    FAIL = "fail"  # running → failed, stamps the actual end
    REOPEN = "reopen"  # done or failed → running again, its end forgotten (finished too early)
    RESET = "reset"  # running → pending, its start forgotten (started by mistake)


# A dependency in one of these lets the steps after it start.
FINISHED_FOR_DEPENDENTS = frozenset({StepStatus.DONE, StepStatus.SKIPPED})
# A step in one of these has started (or ended): what came before it cannot go back to running.
UNDER_WAY = frozenset({StepStatus.RUNNING, StepStatus.DONE, StepStatus.FAILED})


@dataclass(frozen=True, slots=True)
class StepProgress:
    """A step's status and actual times after a move (all three, whether or not they change)."""

    status: StepStatus
    actual_start: datetime | None
    actual_end: datetime | None


def step_after(
    action: StepAction,
    step: RunbookStep,
    *,
    dependencies: Iterable[RunbookStep] = (),
    dependents: Iterable[RunbookStep] = (),
    now: datetime,
) -> StepProgress:
    """Where ``action`` takes ``step``; raises ``Refusal`` when the step's state or its neighbours forbid it.

    ``dependencies`` are the steps it depends on, ``dependents`` the steps that depend on it.
    """
    if action is StepAction.START:
        return _start(step, dependencies, now)
    if action in (StepAction.FINISH, StepAction.FAIL):
        return _finish(step, failed=action is StepAction.FAIL, now=now)
    if action is StepAction.REOPEN:
        return _reopen(step, dependents)
    assert action is StepAction.RESET, action
    return _reset(step)


def _names(steps: Iterable[RunbookStep]) -> str:
    return ", ".join(f"#{s.id} {s.title}" for s in sorted(steps, key=lambda s: (s.seq, s.id)))


def _start(step: RunbookStep, dependencies: Iterable[RunbookStep], now: datetime) -> StepProgress:
    if step.status is not StepStatus.PENDING:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a pending step can be started.",
                id=step.id,
                status=step.status.value,
            )
        )
    waiting = [d for d in dependencies if d.status not in FINISHED_FOR_DEPENDENTS]
    if waiting:
        raise Refusal(
            tr("Step #{id} waits for steps not yet done: {names}.", id=step.id, names=_names(waiting))
        )
    return StepProgress(StepStatus.RUNNING, actual_start=now, actual_end=None)


def _finish(step: RunbookStep, *, failed: bool, now: datetime) -> StepProgress:
    if step.status is not StepStatus.RUNNING:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a running step can be finished.",
                id=step.id,
                status=step.status.value,
            )
        )
    status = StepStatus.FAILED if failed else StepStatus.DONE
    return StepProgress(status, actual_start=step.actual_start, actual_end=now)


def _reopen(step: RunbookStep, dependents: Iterable[RunbookStep]) -> StepProgress:
    if step.status not in (StepStatus.DONE, StepStatus.FAILED):
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a done or failed step can be reopened.",
                id=step.id,
                status=step.status.value,
            )
        )
    # A step that started because this one was done would be running on an unfinished dependency.
    started = [d for d in dependents if d.status in UNDER_WAY]
    if started:
        raise Refusal(
            tr(
                "Step #{id} cannot be reopened: {names} started after it. Put those back first.",
                id=step.id,
                names=_names(started),
            )
        )
    return StepProgress(StepStatus.RUNNING, actual_start=step.actual_start, actual_end=None)


def _reset(step: RunbookStep) -> StepProgress:
    if step.status is not StepStatus.RUNNING:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a running step can be put back to pending.",
                id=step.id,
                status=step.status.value,
            )
        )
    return StepProgress(StepStatus.PENDING, actual_start=None, actual_end=None)
