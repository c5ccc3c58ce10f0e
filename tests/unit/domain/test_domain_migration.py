from __future__ import annotations

import pytest

from cockpit.domain.migration import ReconStatus, StepStatus, current_step, forecast_runbook, reconcile

from .builders import NOW, minutes, obj, step

# --- reconciliation ----------------------------------------------------------------------------


def test_not_loaded_is_pending():
    recon = reconcile(obj(1, "CUSTOMER", 100, None, rejected=3))
    assert (recon.expected, recon.delta, recon.status) == (97, None, ReconStatus.PENDING)


def test_exact_match_after_rejects_is_reconciled():
    recon = reconcile(obj(1, "CUSTOMER", 100, 97, rejected=3))
    assert (recon.expected, recon.delta, recon.status) == (97, 0, ReconStatus.RECONCILED)


@pytest.mark.parametrize(
    ("target", "status"),
    [
        (102, ReconStatus.RECONCILED),
        (98, ReconStatus.RECONCILED),
        (103, ReconStatus.MISMATCH),
        (97, ReconStatus.MISMATCH),
    ],
)
def test_tolerance_boundary_is_inclusive_on_both_sides(target, status):
    recon = reconcile(obj(1, "ORDERS", 100, target, tolerance=2))
    assert recon.status == status
    assert recon.delta == target - 100


def test_difference_accepted_with_a_reason():
    assert reconcile(obj(1, "ORDERS", 100, 90, accepted="Test orders purged")).status == ReconStatus.ACCEPTED


def test_blank_reason_does_not_accept_a_difference():
    assert reconcile(obj(1, "ORDERS", 100, 90, accepted="   ")).status == ReconStatus.MISMATCH


def test_accepted_reason_does_not_hide_a_match():
    assert reconcile(obj(1, "ORDERS", 100, 100, accepted="old note")).status == ReconStatus.RECONCILED


# --- runbook forecast --------------------------------------------------------------------------


def by_id(forecast):
    return {f.step.id: f for f in forecast.steps}


def test_empty_runbook():
    forecast = forecast_runbook([], now=NOW, rollback_deadline=NOW)
    assert forecast.steps == ()
    assert (forecast.eta, forecast.critical_path, forecast.slack, forecast.late) == (None, (), None, ())
    assert (forecast.done, forecast.total) == (0, 0)


def test_future_plan_on_time():
    steps = [
        step(1, start_offset=60, planned_minutes=30),
        step(2, start_offset=90, planned_minutes=45, depends_on=(1,)),
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=NOW + minutes(240))
    f = by_id(forecast)
    assert (f[1].start, f[1].end) == (NOW + minutes(60), NOW + minutes(90))
    assert (f[2].start, f[2].end) == (NOW + minutes(90), NOW + minutes(135))
    assert forecast.eta == NOW + minutes(135)
    assert forecast.slack == minutes(105)
    assert forecast.late == ()
    assert forecast.critical_path == (1, 2)
    assert f[1].critical and f[2].critical


def test_pending_step_planned_in_the_past_starts_now_and_is_late():
    forecast = forecast_runbook(
        [step(1, start_offset=-20, planned_minutes=30)], now=NOW, rollback_deadline=None
    )
    f = by_id(forecast)[1]
    assert (f.start, f.end) == (NOW, NOW + minutes(30))
    assert f.late_minutes == 20
    assert forecast.late == (1,)
    assert forecast.slack is None


def test_done_steps_keep_actuals_and_push_their_dependents():
    steps = [
        step(
            1,
            start_offset=-120,
            planned_minutes=30,
            status=StepStatus.DONE,
            actual_start=NOW - minutes(120),
            actual_end=NOW - minutes(70),
        ),
        step(
            2,
            start_offset=-90,
            planned_minutes=90,
            status=StepStatus.RUNNING,
            depends_on=(1,),
            actual_start=NOW - minutes(70),
        ),
        step(3, start_offset=0, planned_minutes=30, depends_on=(2,)),
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=NOW + minutes(30))
    f = by_id(forecast)
    assert (f[1].start, f[1].end, f[1].late_minutes) == (NOW - minutes(120), NOW - minutes(70), 20)
    # Running: started 20 minutes late, so its planned 90 minutes end 20 minutes from now.
    assert (f[2].start, f[2].end, f[2].late_minutes) == (NOW - minutes(70), NOW + minutes(20), 20)
    assert (f[3].start, f[3].end, f[3].late_minutes) == (NOW + minutes(20), NOW + minutes(50), 20)
    assert forecast.eta == NOW + minutes(50)
    assert forecast.slack == minutes(-20)
    assert forecast.late == (1, 2, 3)
    assert forecast.critical_path == (1, 2, 3)
    assert (forecast.done, forecast.total) == (1, 3)


def test_running_step_over_its_plan_ends_no_earlier_than_now():
    s = step(
        1, start_offset=-60, planned_minutes=30, status=StepStatus.RUNNING, actual_start=NOW - minutes(60)
    )
    f = by_id(forecast_runbook([s], now=NOW, rollback_deadline=None))[1]
    assert f.end == NOW
    assert f.late_minutes == 30


def test_step_finished_exactly_on_plan_is_not_late():
    s = step(
        1,
        start_offset=-60,
        planned_minutes=30,
        status=StepStatus.DONE,
        actual_start=NOW - minutes(60),
        actual_end=NOW - minutes(30),
    )
    forecast = forecast_runbook([s], now=NOW, rollback_deadline=None)
    assert forecast.late == ()
    assert forecast.steps[0].late_minutes == 0.0


def test_early_step_is_not_late_and_lets_successor_keep_its_planned_start():
    steps = [
        step(
            1,
            start_offset=-60,
            planned_minutes=30,
            status=StepStatus.DONE,
            actual_start=NOW - minutes(60),
            actual_end=NOW - minutes(45),
        ),
        step(2, start_offset=30, planned_minutes=30, depends_on=(1,)),
    ]
    f = by_id(forecast_runbook(steps, now=NOW, rollback_deadline=None))
    assert f[1].late_minutes == 0.0
    assert f[2].start == NOW + minutes(30)


def test_skipped_step_takes_no_time_and_is_never_late():
    steps = [
        step(1, start_offset=0, planned_minutes=30),
        step(2, start_offset=30, planned_minutes=120, status=StepStatus.SKIPPED, depends_on=(1,)),
        step(3, start_offset=150, planned_minutes=10, depends_on=(2,)),
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=None)
    f = by_id(forecast)
    assert f[2].start == f[2].end == NOW + minutes(30)
    assert f[3].start == NOW + minutes(150)  # its own plan, not the skipped step's
    assert forecast.late == ()
    assert forecast.done == 1


def test_failed_step_is_forecast_as_a_retry_from_now():
    s = step(
        1,
        start_offset=-30,
        planned_minutes=20,
        status=StepStatus.FAILED,
        actual_start=NOW - minutes(30),
        actual_end=NOW - minutes(5),
    )
    f = by_id(forecast_runbook([s], now=NOW, rollback_deadline=None))[1]
    assert (f.start, f.end) == (NOW, NOW + minutes(20))


def test_critical_path_follows_the_dependency_that_decides_the_start():
    # 1 → 3 (long branch) and 2 → 3 (short branch); 3 → 4. 5 stands alone and ends early.
    steps = [
        step(1, planned_minutes=90),
        step(2, planned_minutes=30),
        step(3, planned_minutes=15, depends_on=(2, 1)),
        step(4, planned_minutes=15, depends_on=(3,)),
        step(5, planned_minutes=10),
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=None)
    assert forecast.critical_path == (1, 3, 4)
    assert forecast.eta == NOW + minutes(120)
    assert [f.step.id for f in forecast.steps if f.critical] == [1, 3, 4]


def test_critical_path_through_latest_dependency_when_the_plan_starts_later():
    steps = [
        step(1, planned_minutes=10),
        step(2, planned_minutes=20),
        step(3, start_offset=60, depends_on=(1, 2)),
    ]
    assert forecast_runbook(steps, now=NOW, rollback_deadline=None).critical_path == (2, 3)


def test_tie_on_eta_picks_the_last_step_in_dependency_order():
    steps = [
        step(1, planned_minutes=30),
        step(2, planned_minutes=30, seq=5),
        step(3, planned_minutes=30, seq=2),
    ]
    forecast = forecast_runbook(steps, now=NOW, rollback_deadline=None)
    assert [f.step.id for f in forecast.steps] == [1, 3, 2]  # seq order among free steps
    assert forecast.critical_path == (2,)


def test_order_follows_dependencies_over_seq():
    steps = [step(1, seq=1, depends_on=(2,)), step(2, seq=2)]
    assert [f.step.id for f in forecast_runbook(steps, now=NOW, rollback_deadline=None).steps] == [2, 1]


def test_unknown_dependency_is_ignored():
    forecast = forecast_runbook([step(1, depends_on=(99,))], now=NOW, rollback_deadline=None)
    assert forecast.eta == NOW + minutes(30)


def test_cycle_is_refused_naming_its_steps():
    steps = [
        step(1),
        step(2, depends_on=(1, 4)),
        step(3, depends_on=(2,)),
        step(4, depends_on=(3,)),
        step(5, depends_on=(4,)),
    ]
    with pytest.raises(ValueError, match=r"2 → 3 → 4 → 2"):
        forecast_runbook(steps, now=NOW, rollback_deadline=None)


def test_self_dependency_is_a_cycle():
    with pytest.raises(ValueError, match=r"7 → 7"):
        forecast_runbook([step(7, depends_on=(7,))], now=NOW, rollback_deadline=None)


def test_overrun_names_the_slow_step_not_the_steps_it_pushed_back():
    slow = step(
        1,
        start_offset=-90,
        planned_minutes=30,
        status=StepStatus.DONE,
        actual_start=NOW - minutes(90),
        actual_end=NOW - minutes(40),  # took 50 of 30 planned minutes
    )
    running = step(
        2,
        start_offset=-60,
        planned_minutes=60,
        status=StepStatus.RUNNING,
        depends_on=(1,),
        actual_start=NOW - minutes(40),
    )
    waiting = step(3, start_offset=0, planned_minutes=15, depends_on=(2,))
    forecast = forecast_runbook([slow, running, waiting], now=NOW, rollback_deadline=None)
    steps = by_id(forecast)
    assert forecast.overrun == (1,)
    assert steps[1].overrun_minutes == 20
    assert steps[2].overrun_minutes == 0  # 40 of 60 minutes so far: pushed back, not slow
    assert set(forecast.late) == {1, 2, 3}


def test_running_step_past_its_duration_is_an_overrun_now():
    s = step(
        1, start_offset=-45, planned_minutes=30, status=StepStatus.RUNNING, actual_start=NOW - minutes(45)
    )
    forecast = forecast_runbook([s], now=NOW, rollback_deadline=None)
    assert forecast.overrun == (1,)
    assert forecast.steps[0].overrun_minutes == 15


def test_pending_and_skipped_steps_never_overrun():
    pending = step(1, start_offset=-120, planned_minutes=10)
    skipped = step(2, start_offset=-120, planned_minutes=10, status=StepStatus.SKIPPED)
    assert forecast_runbook([pending, skipped], now=NOW, rollback_deadline=None).overrun == ()


@pytest.mark.parametrize(
    ("seconds_late", "late_by", "is_late"),
    [(0, 0, False), (59, 0, False), (60, 1, True), (3 * 60 + 40, 3, True), (4 * 60, 4, True)],
)
def test_late_by_counts_whole_minutes_down_like_the_clock_times(seconds_late, late_by, is_late):
    # Planned 13:55 + 45 min = 14:40; ended 14:43:40 reads "14:43" in the table: 3 minutes late, not 4.
    end = NOW - minutes(10) + minutes(seconds_late / 60)
    done = step(
        1,
        start_offset=-55,
        planned_minutes=45,
        status=StepStatus.DONE,
        actual_start=NOW - minutes(56),
        actual_end=end,
    )
    f = forecast_runbook([done], now=NOW, rollback_deadline=None).steps[0]
    assert (f.late_by, f.is_late) == (late_by, is_late)


def test_slack_minutes_are_rounded_to_the_nearest_minute():
    forecast = forecast_runbook([step(1)], now=NOW, rollback_deadline=NOW + minutes(30 + 75 + 40 / 60))
    assert forecast.slack_minutes == 76
    assert forecast_runbook([step(1)], now=NOW, rollback_deadline=None).slack_minutes is None


def test_current_step_is_the_first_not_finished_in_dependency_order():
    def current(*steps):
        found = current_step(forecast_runbook(steps, now=NOW, rollback_deadline=None))
        return found.step.id if found is not None else None

    done, skipped, running = StepStatus.DONE, StepStatus.SKIPPED, StepStatus.RUNNING
    assert current() is None
    assert current(step(1, status=done), step(2, status=skipped), step(3), step(4, status=running)) == 3
    assert current(step(1, status=done), step(2, status=running), step(3)) == 2
    assert current(step(1, status=done), step(2, status=StepStatus.FAILED)) == 2
    # Dependency order, not seq: step 1 waits for step 2.
    assert current(step(1, depends_on=(2,)), step(2)) == 2
    assert current(step(1, status=done), step(2, status=done)) == 2  # all finished: the last
