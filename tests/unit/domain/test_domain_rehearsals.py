"""The rehearsal rules without a file: percentiles, variance, the forecast's durations, and the paths a
rollback decision sets."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from cockpit.domain.migration import RunbookStep, StepKind, StepStatus
from cockpit.domain.refusal import Refusal
from cockpit.domain.rehearsals import (
    Rehearsal,
    RehearsalCount,
    RehearsalStep,
    check_can_finish,
    check_can_start,
    percentile,
    rehearsal_durations,
    variance_percent,
)
from cockpit.domain.rollback import (
    PathState,
    RollbackChoice,
    RollbackDecision,
    check_decidable,
    check_startable,
    forecast_current_path,
    path_state,
)

T0 = datetime.fromisoformat("2026-12-01T00:00+09:00")


def step(step_id: int, minutes: int = 60, **fields) -> RunbookStep:
    return RunbookStep(id=step_id, seq=step_id, title=f"S{step_id}", kind=StepKind.MIGRATE,
                       planned_start=T0, planned_minutes=minutes, **fields)  # fmt: skip


def rehearsal(number: int, minutes: dict[int, int], *, closed: bool = True) -> Rehearsal:
    start = T0 - timedelta(days=30 - number)
    return Rehearsal(
        id=number,
        number=number,
        started_at=start,
        closed_at=start + timedelta(hours=9) if closed else None,
        steps=tuple(RehearsalStep(k, start, start + timedelta(minutes=v)) for k, v in minutes.items()),
    )


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([100, 150], 0.5, 125),
        ([100, 150], 0.8, 140),
        ([20], 0.8, 20),
        ([10, 30, 20], 0.5, 20),
        ([10, 20, 30, 40], 0.8, 34),
    ],
)
def test_percentile_interpolates_between_the_closest_ranks(values, fraction, expected):
    assert percentile(values, fraction) == pytest.approx(expected)


def test_variance_is_a_percentage_of_plan_and_none_without_one():
    assert variance_percent(70, 60) == 16.7 and variance_percent(50, 60) == -16.7
    assert variance_percent(None, 60) is None and variance_percent(5, 0) is None


def test_durations_use_only_the_steps_a_rehearsal_timed():
    runs = [rehearsal(1, {1: 70, 2: 150}), rehearsal(2, {1: 50})]
    assert rehearsal_durations([step(1), step(2), step(3)], runs, 0.8) == {1: 66.0, 2: 150.0}


def test_a_rehearsal_records_a_start_once_and_a_finish_after_it():
    open_run = rehearsal(1, {}, closed=False)
    check_can_start(open_run, step(1), T0)
    started = replace(open_run, steps=(RehearsalStep(1, T0),))
    with pytest.raises(Refusal, match="already started"):
        check_can_start(started, step(1), T0)
    with pytest.raises(Refusal, match="before it started"):
        check_can_finish(started, step(1), T0 - timedelta(minutes=1))
    with pytest.raises(Refusal, match="is closed"):
        check_can_start(rehearsal(2, {}), step(1), T0)


def test_rolling_back_makes_the_rollback_path_current_and_leaves_the_rest_not_taken():
    done = step(1, status=StepStatus.DONE, actual_start=T0, actual_end=T0 + timedelta(minutes=60))
    point = step(2, 0, depends_on=(1,), rollback_point=True)
    normal = step(3, 30, depends_on=(2,))
    restore = step(4, 90, depends_on=(2,), rollback_path=True)
    assert [path_state(s, ()) for s in (done, point, normal, restore)] == [
        PathState.CURRENT, PathState.CURRENT, PathState.CURRENT, PathState.STANDBY,
    ]  # fmt: skip
    with pytest.raises(Refusal, match="record the decision first"):
        check_startable(point, ())
    check_decidable(point, [done], ())
    decided = step(2, 0, depends_on=(1,), rollback_point=True, status=StepStatus.DONE, actual_start=T0 + timedelta(minutes=60), actual_end=T0 + timedelta(minutes=60))  # fmt: skip
    back = (
        RollbackDecision(1, 2, RollbackChoice.ROLL_BACK, "counts differ", "pm", T0 + timedelta(minutes=60)),
    )
    assert [path_state(s, back) for s in (done, decided, normal, restore)] == [
        PathState.CURRENT, PathState.CURRENT, PathState.NOT_TAKEN, PathState.CURRENT,
    ]  # fmt: skip
    forecast = forecast_current_path([done, decided, normal, restore], back, now=T0 + timedelta(minutes=60), rollback_deadline=None)  # fmt: skip
    assert forecast.eta == T0 + timedelta(minutes=150)  # the restore's 90 minutes, not the switch's 30
    assert [f.step.id for f in forecast.steps] == [1, 2, 4, 3] and not forecast.steps[-1].critical
    with pytest.raises(Refusal, match="not taken"):
        check_startable(normal, back)


def test_a_rehearsal_finds_a_steps_and_an_objects_record_by_id_and_replace_finds_the_new_ones():
    start = datetime(2026, 11, 1, 9, 0)
    first, again = RehearsalStep(7, start, start + timedelta(minutes=30)), RehearsalStep(7, start)
    counted = RehearsalCount(object_id=3, target_rows=1190)
    rehearsal = Rehearsal(id=1, number=1, started_at=start, steps=(first, again), counts=(counted,))
    assert rehearsal.step(7) is first  # the first record of a step, as a scan from the front finds it
    assert rehearsal.step(8) is None and rehearsal.count(3) is counted and rehearsal.count(4) is None
    assert rehearsal.minutes(7) == 30
    later = replace(rehearsal, steps=(RehearsalStep(8, start, start + timedelta(minutes=5)),))
    assert later.step(7) is None and later.minutes(8) == 5
    assert Rehearsal(id=1, number=1, started_at=start, steps=(first, again), counts=(counted,)) == rehearsal
    assert hash(replace(rehearsal)) == hash(rehearsal)
