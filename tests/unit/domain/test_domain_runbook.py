"""The runbook step moves: which state each one needs, what it writes, which neighbours refuse it."""

from __future__ import annotations

import pytest

from cockpit.domain.migration import StepStatus
from cockpit.domain.refusal import Refusal
from cockpit.domain.runbook import StepAction, StepProgress, step_after

from .builders import NOW, minutes, step

EARLIER = NOW - minutes(40)
PENDING, RUNNING, DONE, FAILED, SKIPPED = (
    StepStatus.PENDING,
    StepStatus.RUNNING,
    StepStatus.DONE,
    StepStatus.FAILED,
    StepStatus.SKIPPED,
)


def test_a_pending_step_whose_dependencies_are_done_or_skipped_starts_now():
    deps = [step(1, status=DONE), step(2, status=SKIPPED)]
    moved = step_after(StepAction.START, step(3), dependencies=deps, now=NOW)
    assert moved == StepProgress(RUNNING, actual_start=NOW, actual_end=None)


def test_a_start_waits_for_every_unfinished_dependency_named_in_runbook_order():
    deps = [step(5, status=RUNNING, title="Load", seq=4), step(2, status=FAILED, title="Backup", seq=1)]
    with pytest.raises(Refusal, match=r"Step #9 waits for steps not yet done: #2 Backup, #5 Load\."):
        step_after(StepAction.START, step(9), dependencies=deps, now=NOW)


@pytest.mark.parametrize("status", [RUNNING, DONE, FAILED, SKIPPED])
def test_only_a_pending_step_starts(status):
    with pytest.raises(Refusal, match=f"is {status.value}; only a pending step can be started"):
        step_after(StepAction.START, step(1, status=status, actual_start=EARLIER), now=NOW)


@pytest.mark.parametrize(
    ("action", "status", "reason"), [(StepAction.FINISH, DONE, ""), (StepAction.FAIL, FAILED, "Disk full")]
)
def test_a_running_step_finishes_or_fails_now_keeping_its_start(action, status, reason):
    moved = step_after(action, step(1, status=RUNNING, actual_start=EARLIER), now=NOW, reason=reason)
    assert moved == StepProgress(status, actual_start=EARLIER, actual_end=NOW, status_reason=reason)


@pytest.mark.parametrize("action", [StepAction.FINISH, StepAction.FAIL])
@pytest.mark.parametrize("status", [PENDING, DONE, FAILED, SKIPPED])
def test_only_a_running_step_finishes(action, status):
    with pytest.raises(Refusal, match="only a running step can be finished"):
        step_after(action, step(1, status=status), now=NOW, reason="Disk full")


@pytest.mark.parametrize("status", [DONE, FAILED])
def test_a_finished_step_reopens_running_with_its_start_and_no_end(status):
    finished = step(1, status=status, actual_start=EARLIER, actual_end=NOW)
    dependents = [step(2, status=PENDING), step(3, status=SKIPPED)]
    moved = step_after(StepAction.REOPEN, finished, dependents=dependents, now=NOW)
    assert moved == StepProgress(RUNNING, actual_start=EARLIER, actual_end=None)


@pytest.mark.parametrize("status", [PENDING, RUNNING, SKIPPED])
def test_only_a_done_or_failed_step_reopens(status):
    with pytest.raises(Refusal, match="only a done or failed step can be reopened"):
        step_after(StepAction.REOPEN, step(1, status=status), now=NOW)


def test_a_step_does_not_reopen_under_a_step_that_started_after_it():
    finished = step(1, status=DONE, actual_start=EARLIER, actual_end=NOW)
    with pytest.raises(Refusal, match=r"#2 Load started after it"):
        step_after(StepAction.REOPEN, finished, dependents=[step(2, status=RUNNING, title="Load")], now=NOW)


def test_a_running_step_resets_to_pending_without_times():
    moved = step_after(StepAction.RESET, step(1, status=RUNNING, actual_start=EARLIER), now=NOW)
    assert moved == StepProgress(PENDING, actual_start=None, actual_end=None)


@pytest.mark.parametrize("status", [PENDING, DONE, FAILED, SKIPPED])
def test_only_a_running_step_resets(status):
    with pytest.raises(Refusal, match="only a running step can be put back to pending"):
        step_after(StepAction.RESET, step(1, status=status), now=NOW)
