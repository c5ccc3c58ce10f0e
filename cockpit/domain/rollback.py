"""The rollback decision (切り戻し判断): at a rollback point, continue the cutover or roll back.

A step flagged as a rollback point asks for the decision once it is reached (every step it depends on is
done or skipped) and instead of being started: the decision is the step's work, so recording it marks the
step done. Continuing lets the normal steps after it start. Rolling back makes the rollback path (the
steps flagged ``rollback_path``) the current path: the normal steps not yet started are not taken. Until
then the rollback path is on standby and takes no part in the forecast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from cockpit.domain.migration import (
    RunbookForecast,
    RunbookStep,
    StepForecast,
    StepStatus,
    forecast_runbook,
    planned_end,
)
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


class RollbackChoice(StrEnum):
    CONTINUE = "continue"
    ROLL_BACK = "roll_back"


@dataclass(frozen=True, slots=True)
class RollbackDecision:
    id: int
    step_id: int
    decision: RollbackChoice
    reason: str
    decided_by: str
    decided_at: datetime
    version: int = 1


class PathState(StrEnum):
    """Where a step stands against the decision: on the current path, on standby, or not taken."""

    CURRENT = "current"
    STANDBY = "standby"  # a rollback-path step while no one decided to roll back
    NOT_TAKEN = "not_taken"  # a normal step left behind by a roll-back decision


_FINISHED = (StepStatus.DONE, StepStatus.SKIPPED)


def rolled_back(decisions: Iterable[RollbackDecision]) -> RollbackDecision | None:
    return next((d for d in decisions if d.decision is RollbackChoice.ROLL_BACK), None)


def path_state(step: RunbookStep, decisions: Sequence[RollbackDecision]) -> PathState:
    return _path_state(step, back=rolled_back(decisions) is not None)


def _path_state(step: RunbookStep, *, back: bool) -> PathState:
    """``back``: whether someone decided to roll back."""
    if step.rollback_path:
        return PathState.CURRENT if back else PathState.STANDBY
    if back and step.status is StepStatus.PENDING:
        return PathState.NOT_TAKEN
    return PathState.CURRENT


def current_path(
    steps: Sequence[RunbookStep], decisions: Sequence[RollbackDecision]
) -> tuple[RunbookStep, ...]:
    """The steps the cutover runs now: what the forecast and the ETA count."""
    back = rolled_back(decisions) is not None  # once, not per step: a runbook has thousands
    return tuple(s for s in steps if _path_state(s, back=back) is PathState.CURRENT)


def forecast_current_path(
    steps: Sequence[RunbookStep],
    decisions: Sequence[RollbackDecision],
    *,
    now: datetime,
    rollback_deadline: datetime | None,
) -> RunbookForecast:
    """``forecast_runbook`` of the current path (its ETA, slack, critical path, late steps), with the steps
    off it (standby or not taken) after them at their plan, never late or critical: the table and the time
    chart still list them. Raises ValueError on a dependency cycle, like ``forecast_runbook``."""
    path = current_path(steps, decisions)
    forecast = forecast_runbook(path, now=now, rollback_deadline=rollback_deadline)
    on_path = {s.id for s in path}
    off = tuple(
        StepForecast(step=s, start=s.planned_start, end=planned_end(s), late_minutes=0.0, critical=False)
        for s in sorted(steps, key=lambda s: (s.seq, s.id))
        if s.id not in on_path
    )
    return replace(forecast, steps=forecast.steps + off) if off else forecast


def decision_for(step_id: int, decisions: Iterable[RollbackDecision]) -> RollbackDecision | None:
    return next((d for d in decisions if d.step_id == step_id), None)


def check_decidable(
    step: RunbookStep,
    dependencies: Iterable[RunbookStep],
    decisions: Sequence[RollbackDecision],
) -> None:
    """Refuse a decision at a step that is not a rollback point, not reached yet, or already decided."""
    if not step.rollback_point:
        raise Refusal(
            tr(
                "Step #{id} is not a rollback point; mark it first: cockpit step update FILE {id} --rollback-point",
                id=step.id,
            )
        )
    earlier = decision_for(step.id, decisions)
    if earlier is not None:
        raise Refusal(
            tr(
                "The rollback decision at step #{id} was already recorded by {who}; a decision is not changed.",
                id=step.id,
                who=earlier.decided_by,
            )
        )
    if rolled_back(decisions) is not None:
        raise Refusal(tr("The runbook was already rolled back; there is nothing left to decide."))
    waiting = [d for d in dependencies if d.status not in _FINISHED]
    if waiting:
        raise Refusal(
            tr(
                "Step #{id} is not reached yet: it waits for {names}. Decide when those are done.",
                id=step.id,
                names=", ".join(f"#{d.id} {d.title}" for d in waiting),
            )
        )
    if step.status is not StepStatus.PENDING:
        raise Refusal(
            tr("Step #{id} has already started; decide before a rollback point starts.", id=step.id)
        )


def check_startable(step: RunbookStep, decisions: Sequence[RollbackDecision]) -> None:
    """Refuse a live start the decision forbids: a rollback point not decided yet, a step not taken, a
    rollback-path step while the cutover continues."""
    state = path_state(step, decisions)
    if state is PathState.STANDBY:
        raise Refusal(
            tr(
                "Step #{id} is on the rollback path, which runs only after a decision to roll back "
                "(cockpit rollback decide FILE STEP --roll-back --reason T).",
                id=step.id,
            )
        )
    if state is PathState.NOT_TAKEN:
        raise Refusal(
            tr(
                "Step #{id} is not taken: the runbook was rolled back. Run the rollback path instead.",
                id=step.id,
            )
        )
    if step.rollback_point and decision_for(step.id, decisions) is None:
        raise Refusal(
            tr(
                "Step #{id} is a rollback point: record the decision first, continue or roll back "
                "(Migration ▸ Rehearsals, or cockpit rollback decide FILE {id} --continue|--roll-back --reason T).",
                id=step.id,
            )
        )
