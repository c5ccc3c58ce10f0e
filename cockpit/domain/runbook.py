"""What may happen to a runbook step (移行手順) and what each move writes: pure rules, given ``now``.

Every move is an ordinary action a user may take; some of them put a step back (a start, a finish, a
retry or a skip made by mistake), so undoing a move is one of these moves too, under the same rules.

A failed step is not a dead end: it is retried (a new attempt, running from now; the failed attempt's
times and reason are kept in the step's history) or skipped with a reason (skipped counts as finished
for the steps after it). The row always holds the current attempt; the forecast's late and overrun
minutes count from the current attempt's start, so a retry that runs to plan is not late on its own
(the steps after it are, by the time the failure cost).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cockpit.domain.migration import AttemptOutcome, RunbookStep, StepAttempt, StepStatus
from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr
from cockpit.words.labels import step_status_label


class StepAction(StrEnum):
    START = "start"  # pending → running, stamps the actual start
    FINISH = "finish"  # running → done, stamps the actual end
    FAIL = "fail"  # running → failed with a reason, stamps the actual end
    REOPEN = "reopen"  # done or failed → running again, its end forgotten (finished too early)
    RESET = "reset"  # running → pending, its start forgotten (started by mistake); a retry → failed again
    RETRY = "retry"  # failed → running from now: a new attempt, the failed one kept in the history
    SKIP = "skip"  # pending or failed → skipped with a reason; counts as finished for the steps after it
    UNSKIP = "unskip"  # skipped → pending, or failed again when it had failed (skipped by mistake)


# The moves that need a reason the team can read later.
NEEDS_REASON = frozenset({StepAction.FAIL, StepAction.SKIP})


# A dependency in one of these lets the steps after it start.
FINISHED_FOR_DEPENDENTS = frozenset({StepStatus.DONE, StepStatus.SKIPPED})
# A step in one of these has started (or ended): what came before it cannot go back to running.
UNDER_WAY = frozenset({StepStatus.RUNNING, StepStatus.DONE, StepStatus.FAILED})


@dataclass(frozen=True, slots=True)
class StepProgress:
    """A step's status, actual times, reason and attempt number after a move (whether or not they change).

    ``archived`` is an attempt the move puts into the history (a retry or a skip of a failed step);
    ``restored`` the number of the attempt it takes back out of it (undoing those), now the current one.
    """

    status: StepStatus
    actual_start: datetime | None
    actual_end: datetime | None
    status_reason: str = ""
    attempt: int = 1
    archived: StepAttempt | None = None
    restored: int | None = None


def step_after(
    action: StepAction,
    step: RunbookStep,
    *,
    dependencies: Iterable[RunbookStep] = (),
    dependents: Iterable[RunbookStep] = (),
    now: datetime,
    reason: str = "",
    actor: str = "",
) -> StepProgress:
    """Where ``action`` takes ``step``; raises ``Refusal`` when the step's state or its neighbours forbid it.

    ``dependencies`` are the steps it depends on, ``dependents`` the steps that depend on it. ``reason``
    is required for ``fail`` and ``skip`` and ignored by the other moves; ``actor`` is who records an
    attempt put into the history.
    """
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise Refusal(
            tr(
                "Step #{id} was not marked {move}: give a reason the team can read later "
                "(what went wrong, or why it is not needed).",
                id=step.id,
                move=tr("failed") if action is StepAction.FAIL else tr("skipped"),
            )
        )
    if action is StepAction.START:
        return _start(step, dependencies, now)
    if action is StepAction.FINISH:
        return _finish(step, reason="", failed=False, now=now)
    if action is StepAction.FAIL:
        return _finish(step, reason=reason, failed=True, now=now)
    if action is StepAction.REOPEN:
        return _reopen(step, dependents)
    if action is StepAction.RETRY:
        return _retry(step, dependencies, now=now, actor=actor)
    if action is StepAction.SKIP:
        return _skip(step, dependents, reason=reason, now=now, actor=actor)
    if action is StepAction.UNSKIP:
        return _unskip(step, dependents)
    assert action is StepAction.RESET, action
    return _reset(step)


def _names(steps: Iterable[RunbookStep]) -> str:
    return ", ".join(f"#{s.id} {s.title}" for s in sorted(steps, key=lambda s: (s.seq, s.id)))


def _refuse_waiting(step: RunbookStep, dependencies: Iterable[RunbookStep]) -> None:
    waiting = [d for d in dependencies if d.status not in FINISHED_FOR_DEPENDENTS]
    if waiting:
        raise Refusal(
            tr("Step #{id} waits for steps not yet done: {names}.", id=step.id, names=_names(waiting))
        )


def _refuse_started_after(step: RunbookStep, dependents: Iterable[RunbookStep], move: str) -> None:
    # A step that started because this one was finished would be running on an unfinished dependency.
    started = [d for d in dependents if d.status in UNDER_WAY]
    if started:
        raise Refusal(
            tr(
                "Step #{id} cannot be {move}: {names} started after it. Put those back first.",
                id=step.id,
                move=move,
                names=_names(started),
            )
        )


def _start(step: RunbookStep, dependencies: Iterable[RunbookStep], now: datetime) -> StepProgress:
    if step.status is not StepStatus.PENDING:
        hint = (
            tr(" Retry it for a new attempt, or skip it with a reason.")
            if step.status is StepStatus.FAILED
            else ""
        )
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a pending step can be started.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
            + hint
        )
    _refuse_waiting(step, dependencies)
    return StepProgress(StepStatus.RUNNING, actual_start=now, actual_end=None, attempt=step.attempt)


def _finish(step: RunbookStep, *, reason: str, failed: bool, now: datetime) -> StepProgress:
    if step.status is not StepStatus.RUNNING:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a running step can be finished.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    status = StepStatus.FAILED if failed else StepStatus.DONE
    return StepProgress(
        status, actual_start=step.actual_start, actual_end=now, status_reason=reason, attempt=step.attempt
    )


def _reopen(step: RunbookStep, dependents: Iterable[RunbookStep]) -> StepProgress:
    if step.status not in (StepStatus.DONE, StepStatus.FAILED):
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a done or failed step can be reopened.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    _refuse_started_after(step, dependents, tr("reopened"))
    return StepProgress(
        StepStatus.RUNNING, actual_start=step.actual_start, actual_end=None, attempt=step.attempt
    )


def _reset(step: RunbookStep) -> StepProgress:
    if step.status is not StepStatus.RUNNING:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a running step can be put back to pending.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    earlier = _put_aside(step)
    if earlier is not None:  # a retry started by mistake: the attempt that failed is the current one again
        return _restored(earlier)
    return StepProgress(StepStatus.PENDING, actual_start=None, actual_end=None, attempt=step.attempt)


def _put_aside(step: RunbookStep) -> StepAttempt | None:
    """The failed attempt the step's current one followed (a retry, or a skip after failing), if any."""
    last = step.attempts[-1] if step.attempts else None
    if last is not None and last.attempt == step.attempt - 1 and last.outcome is AttemptOutcome.FAILED:
        return last
    return None


def _restored(earlier: StepAttempt) -> StepProgress:
    return StepProgress(
        StepStatus.FAILED,
        actual_start=earlier.actual_start,
        actual_end=earlier.actual_end,
        status_reason=earlier.reason,
        attempt=earlier.attempt,
        restored=earlier.attempt,
    )


def _failed_attempt(step: RunbookStep, *, now: datetime, actor: str) -> StepAttempt:
    return StepAttempt(
        attempt=step.attempt,
        actual_start=step.actual_start,
        actual_end=step.actual_end,
        outcome=AttemptOutcome.FAILED,
        reason=step.status_reason,
        recorded_by=actor,
        recorded_at=now,
    )


def _retry(
    step: RunbookStep, dependencies: Iterable[RunbookStep], *, now: datetime, actor: str
) -> StepProgress:
    if step.status is not StepStatus.FAILED:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a failed step can be retried.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    _refuse_waiting(step, dependencies)
    return StepProgress(
        StepStatus.RUNNING,
        actual_start=now,
        actual_end=None,
        attempt=step.attempt + 1,
        archived=_failed_attempt(step, now=now, actor=actor),
    )


def _skip(
    step: RunbookStep, dependents: Iterable[RunbookStep], *, reason: str, now: datetime, actor: str
) -> StepProgress:
    if step.status not in (StepStatus.PENDING, StepStatus.FAILED):
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a pending or failed step can be skipped.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    if step.status is StepStatus.PENDING:
        return StepProgress(
            StepStatus.SKIPPED, actual_start=None, actual_end=None, status_reason=reason, attempt=step.attempt
        )
    # The failed attempt goes into the history; the skipped step itself takes no time.
    return StepProgress(
        StepStatus.SKIPPED,
        actual_start=None,
        actual_end=None,
        status_reason=reason,
        attempt=step.attempt + 1,
        archived=_failed_attempt(step, now=now, actor=actor),
    )


def _unskip(step: RunbookStep, dependents: Iterable[RunbookStep]) -> StepProgress:
    if step.status is not StepStatus.SKIPPED:
        raise Refusal(
            tr(
                "Step #{id} is {status}; only a skipped step can be put back.",
                id=step.id,
                status=step_status_label(step.status).lower(),  # lower case mid-sentence in English
            )
        )
    _refuse_started_after(step, dependents, tr("put back"))
    earlier = _put_aside(step)
    if earlier is not None:
        return _restored(earlier)
    return StepProgress(StepStatus.PENDING, actual_start=None, actual_end=None, attempt=step.attempt)


# -- the runbook's shape: dependencies and removal ------------------------------------------------------------------


def check_dependencies(
    step_id: int | None, wanted: Iterable[int], links: Mapping[int, Iterable[int]]
) -> None:
    """Refuse dependencies that would make ``step_id`` wait for itself, naming the loop.

    ``links`` are the runbook's other links (step id → the steps it depends on); ``wanted`` replaces the
    step's own. A new step (``step_id`` None) cannot close a loop: nothing depends on it yet.
    """
    wanted = list(wanted)
    if step_id is None:
        return
    if step_id in wanted:
        raise Refusal(tr("Step #{id} cannot depend on itself; leave it out of its dependencies.", id=step_id))
    graph = {k: list(v) for k, v in links.items()}
    graph[step_id] = wanted
    # Depth first from the step; a path back to it is the cycle to name.
    path: list[int] = [step_id]
    seen: set[int] = set()

    def visit(current: int) -> list[int] | None:
        for dep in sorted(graph.get(current, ())):
            if dep == step_id:
                return [*path, step_id]
            if dep in seen:
                continue
            seen.add(dep)
            path.append(dep)
            found = visit(dep)
            if found is not None:
                return found
            path.pop()
        return None

    cycle = visit(step_id)
    if cycle is not None:
        loop = " → ".join(f"#{s}" for s in reversed(cycle))  # in the order the steps would run
        raise Refusal(
            tr(
                "Step #{id} would wait for itself through its dependencies: {loop}. "
                "Drop one of these dependencies.",
                id=step_id,
                loop=loop,
            )
        )


def check_step_removable(step_id: int, dependents: Mapping[int, str]) -> None:
    """Refuse to remove a step others depend on (``dependents``: their ids and titles).

    The schema would drop their links with it, silently letting those steps start earlier.
    """
    if dependents:
        names = ", ".join(f"#{dep_id} {title}" for dep_id, title in sorted(dependents.items()))
        raise Refusal(
            tr(
                "Step #{id} was not removed: {names} depend(s) on it. Remove that dependency first.",
                id=step_id,
                names=names,
            )
        )
