"""A failed step is no dead end: it is retried (a new attempt, the failed one kept) or skipped with a reason;
each of these moves is put back by another (reset, unskip). Dependencies never loop; a step others wait
for is not removed. The forecast counts a retried step from its current attempt."""

from __future__ import annotations

import pytest

from cockpit.domain.migration import (
    AttemptOutcome,
    StepAttempt,
    StepStatus,
    check_difference_acceptable,
    forecast_runbook,
)
from cockpit.domain.refusal import Refusal
from cockpit.domain.runbook import (
    StepAction,
    StepProgress,
    check_dependencies,
    check_step_removable,
    step_after,
)

from .builders import NOW, minutes, obj, step

EARLIER = NOW - minutes(40)
FAILED_AT = NOW - minutes(10)
PENDING, RUNNING, DONE, FAILED, SKIPPED = (
    StepStatus.PENDING,
    StepStatus.RUNNING,
    StepStatus.DONE,
    StepStatus.FAILED,
    StepStatus.SKIPPED,
)


def failed_step(**kwargs):
    return step(
        1, status=FAILED, actual_start=EARLIER, actual_end=FAILED_AT, status_reason="Disk full", **kwargs
    )


def first_attempt() -> StepAttempt:
    return StepAttempt(
        attempt=1,
        actual_start=EARLIER,
        actual_end=FAILED_AT,
        outcome=AttemptOutcome.FAILED,
        reason="Disk full",
        recorded_by="ann",
        recorded_at=NOW,
    )


@pytest.mark.parametrize("action", [StepAction.FAIL, StepAction.SKIP])
@pytest.mark.parametrize("reason", ["", "   "])
def test_failing_or_skipping_needs_a_reason(action, reason):
    running = step(1, status=RUNNING, actual_start=EARLIER)
    with pytest.raises(Refusal, match="give a reason the team can read later"):
        step_after(action, running, now=NOW, reason=reason)


def test_a_failed_step_is_retried_as_a_new_attempt_running_from_now_its_failure_kept():
    moved = step_after(StepAction.RETRY, failed_step(), now=NOW, actor="ann")
    assert moved == StepProgress(
        RUNNING, actual_start=NOW, actual_end=None, status_reason="", attempt=2, archived=first_attempt()
    )


@pytest.mark.parametrize("status", [PENDING, RUNNING, DONE, SKIPPED])
def test_only_a_failed_step_is_retried(status):
    with pytest.raises(Refusal, match=f"is {status.value}; only a failed step can be retried"):
        step_after(StepAction.RETRY, step(1, status=status), now=NOW)


def test_a_failed_step_cannot_be_started_and_the_refusal_says_to_retry_or_skip_it():
    with pytest.raises(Refusal, match="only a pending step can be started. Retry it for a new attempt"):
        step_after(StepAction.START, failed_step(), now=NOW)


def test_a_retry_started_by_mistake_resets_to_the_failed_attempt_as_it_was():
    retried = step(1, status=RUNNING, actual_start=NOW, attempt=2, attempts=(first_attempt(),))
    moved = step_after(StepAction.RESET, retried, now=NOW)
    assert moved == StepProgress(
        FAILED, actual_start=EARLIER, actual_end=FAILED_AT, status_reason="Disk full", attempt=1, restored=1
    )


def test_a_pending_step_is_skipped_with_its_reason_and_no_times():
    moved = step_after(StepAction.SKIP, step(1), now=NOW, reason="Not needed: no archive data")
    assert moved == StepProgress(
        SKIPPED, actual_start=None, actual_end=None, status_reason="Not needed: no archive data"
    )


def test_a_failed_step_is_skipped_its_failed_attempt_kept():
    moved = step_after(StepAction.SKIP, failed_step(), now=NOW, reason="Done by hand", actor="ann")
    assert moved.status is SKIPPED and moved.status_reason == "Done by hand"
    assert (moved.actual_start, moved.actual_end, moved.attempt) == (None, None, 2)
    assert moved.archived == first_attempt()


@pytest.mark.parametrize("status", [RUNNING, DONE, SKIPPED])
def test_only_a_pending_or_failed_step_is_skipped(status):
    with pytest.raises(Refusal, match="only a pending or failed step can be skipped"):
        step_after(StepAction.SKIP, step(1, status=status), now=NOW, reason="why")


def test_unskip_puts_a_skipped_step_back_as_it_was():
    skipped_pending = step(1, status=SKIPPED, status_reason="why")
    assert step_after(StepAction.UNSKIP, skipped_pending, now=NOW) == StepProgress(
        PENDING, actual_start=None, actual_end=None
    )
    skipped_failed = step(1, status=SKIPPED, status_reason="why", attempt=2, attempts=(first_attempt(),))
    assert step_after(StepAction.UNSKIP, skipped_failed, now=NOW).status is FAILED


def test_unskip_is_refused_once_a_step_after_it_started():
    with pytest.raises(Refusal, match=r"cannot be put back: #2 Load started after it"):
        step_after(
            StepAction.UNSKIP,
            step(1, status=SKIPPED),
            dependents=[step(2, status=RUNNING, title="Load")],
            now=NOW,
        )


def test_a_skipped_dependency_lets_the_next_step_start():
    moved = step_after(StepAction.START, step(2), dependencies=[step(1, status=SKIPPED)], now=NOW)
    assert moved.status is RUNNING


def test_the_forecast_counts_a_retried_step_from_its_current_attempt():
    # Planned 30 min from NOW-60; the first attempt failed, the retry started 5 min ago.
    retried = step(
        1,
        start_offset=-60,
        status=RUNNING,
        actual_start=NOW - minutes(5),
        attempt=2,
        attempts=(first_attempt(),),
    )
    after = step(2, start_offset=-30, depends_on=(1,))
    forecast = forecast_runbook([retried, after], now=NOW, rollback_deadline=None)
    first, second = forecast.steps
    assert first.start == NOW - minutes(5) and first.end == NOW + minutes(25)
    assert first.overrun_minutes == 0.0  # the retry itself runs to plan
    assert round(first.late_minutes) == 55  # but ends 55 minutes after its planned end
    assert second.start == NOW + minutes(25)


def test_a_dependency_loop_is_refused_and_named_in_running_order():
    links = {2: [1], 3: [2]}
    with pytest.raises(Refusal, match=r"Step #1 would wait for itself .*: #1 → #2 → #3 → #1\."):
        check_dependencies(1, [3], links)
    with pytest.raises(Refusal, match="cannot depend on itself"):
        check_dependencies(1, [1], links)
    check_dependencies(3, [1, 2], links)  # no loop
    check_dependencies(None, [1, 2, 3], links)  # a new step: nothing depends on it yet


def test_a_step_others_depend_on_is_not_removed():
    with pytest.raises(Refusal, match=r"#4 Switch depend\(s\) on it"):
        check_step_removable(3, {4: "Switch"})
    check_step_removable(3, {})


def test_a_difference_is_accepted_only_when_there_is_one():
    with pytest.raises(Refusal, match="no target count yet"):
        check_difference_acceptable(obj(1, "Customers", 100, None))
    with pytest.raises(Refusal, match="reconciles within its tolerance"):
        check_difference_acceptable(obj(1, "Customers", 100, 99, tolerance=1))
    check_difference_acceptable(obj(1, "Customers", 100, 90, tolerance=1))
