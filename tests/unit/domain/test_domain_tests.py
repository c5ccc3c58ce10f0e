from __future__ import annotations

from cockpit.domain.tests import Outcome, TestLevel, pass_rate, run_history, summarize_tests

from .builders import case, run


def test_pass_rate_leaves_skipped_cases_out():
    assert pass_rate(run(1, passed=18, failed=1, errors=1, skipped=5)) == 0.9


def test_pass_rate_counts_flaky_cases_as_passed():
    # Flaky cases are stored as passed; the run's ``flaky`` only says how many of them there were.
    assert pass_rate(run(1, passed=10, flaky=3)) == 1.0


def test_pass_rate_is_none_when_nothing_ran():
    assert pass_rate(run(1, skipped=4)) is None
    assert pass_rate(run(1)) is None


def test_every_level_is_summarized_even_without_runs():
    summary = summarize_tests([], [])
    assert set(summary) == set(TestLevel)
    uat = summary[TestLevel.UAT]
    assert (uat.runs, uat.latest, uat.previous, uat.pass_rate) == (0, None, None, None)
    assert uat.failures == uat.new_failures == uat.flaky == ()


def test_latest_is_the_highest_id_whatever_the_input_order():
    runs = [run(7, passed=9, failed=1), run(3, passed=5), run(5, passed=1, failed=1)]
    uat = summarize_tests(runs, [])[TestLevel.UAT]
    assert uat.runs == 3
    assert uat.latest.id == 7
    assert uat.previous.id == 5
    assert uat.pass_rate == 0.9


def test_levels_do_not_mix():
    runs = [run(1, TestLevel.UNIT, passed=1), run(2, TestLevel.UAT, failed=1)]
    summary = summarize_tests(runs, [])
    assert summary[TestLevel.UNIT].latest.id == 1
    assert summary[TestLevel.UNIT].previous is None
    assert summary[TestLevel.UAT].pass_rate == 0.0
    assert summary[TestLevel.SMOKE].latest is None


def test_failures_new_failures_and_flaky_of_the_latest_run():
    runs = [run(1, passed=3, failed=1), run(2, passed=2, failed=2, errors=1, skipped=1, flaky=1)]
    cases = [
        case(1, "login"),
        case(1, "search", Outcome.FAILED),
        case(1, "export"),
        case(1, "print", Outcome.SKIPPED),
        case(2, "login", Outcome.FAILED),  # passed before: new
        case(2, "search", Outcome.FAILED),  # failed before too: not new
        case(2, "export", Outcome.ERROR),  # passed before: new
        case(2, "print", Outcome.SKIPPED),
        case(2, "upload", Outcome.PASSED, flaky=True),
        case(2, "archive"),
    ]
    uat = summarize_tests(runs, cases)[TestLevel.UAT]
    assert [c.name for c in uat.failures] == ["login", "search", "export"]
    assert [c.name for c in uat.new_failures] == ["login", "export"]
    assert [c.name for c in uat.flaky] == ["upload"]


def test_a_failure_absent_from_the_previous_run_is_new():
    runs = [run(1, passed=1), run(2, failed=1)]
    cases = [case(1, "old"), case(2, "brand_new", Outcome.FAILED)]
    assert [c.name for c in summarize_tests(runs, cases)[TestLevel.UAT].new_failures] == ["brand_new"]


def test_a_failure_after_a_skip_is_not_new():
    runs = [run(1, skipped=1), run(2, failed=1)]
    cases = [case(1, "t", Outcome.SKIPPED), case(2, "t", Outcome.FAILED)]
    assert summarize_tests(runs, cases)[TestLevel.UAT].new_failures == ()


def test_same_name_in_another_class_is_another_test():
    runs = [run(1, passed=1), run(2, failed=1)]
    cases = [case(1, "t", classname="A"), case(2, "t", Outcome.FAILED, classname="B")]
    assert len(summarize_tests(runs, cases)[TestLevel.UAT].new_failures) == 1


def test_no_failure_is_new_in_the_first_run():
    runs = [run(1, failed=2)]
    cases = [case(1, "a", Outcome.FAILED), case(1, "b", Outcome.ERROR)]
    uat = summarize_tests(runs, cases)[TestLevel.UAT]
    assert len(uat.failures) == 2
    assert uat.new_failures == ()


def test_no_failure_is_new_when_the_previous_runs_cases_are_missing():
    runs = [run(1, passed=5), run(2, failed=1)]
    assert summarize_tests(runs, [case(2, "a", Outcome.FAILED)])[TestLevel.UAT].new_failures == ()


def test_skipped_only_latest_run_has_no_pass_rate():
    uat = summarize_tests([run(1, passed=3), run(2, skipped=3)], [])[TestLevel.UAT]
    assert uat.latest.id == 2
    assert uat.pass_rate is None


def test_run_history_is_oldest_first_and_per_level():
    runs = [run(4), run(2, TestLevel.UNIT), run(1), run(3)]
    assert [r.id for r in run_history(runs, level=TestLevel.UAT)] == [1, 3, 4]
    assert run_history(runs, level=TestLevel.SMOKE) == ()


def test_a_name_held_twice_is_newly_failing_only_if_no_case_of_it_failed_before():
    # Parametrised cases share a name: "login" failed in one of its previous cases, "search" in none.
    runs = [run(1, passed=3, failed=1), run(2, failed=2)]
    previous = [
        case(1, "login", Outcome.FAILED),
        case(1, "login"),
        case(1, "search"),
        case(1, "search"),
    ]
    latest = [case(2, "login", Outcome.FAILED), case(2, "search", Outcome.FAILED)]
    every_case = summarize_tests(runs, [*previous, *latest])[TestLevel.UAT]
    assert [c.name for c in every_case.new_failures] == ["search"]
    # The notable cases alone (what `status` reads: none passed, plus each run's first) say the same.
    notable = [c for c in [*previous, *latest] if c.outcome != Outcome.PASSED or c is previous[0]]
    assert summarize_tests(runs, notable)[TestLevel.UAT].new_failures == every_case.new_failures
