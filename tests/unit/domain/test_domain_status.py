from __future__ import annotations

import gettext
import subprocess
import sys

import pytest

from cockpit import i18n
from cockpit.domain.checklist import ItemStatus
from cockpit.domain.gate import CriterionKind, Decision, GateCriterion, SignOff, evaluate_gate
from cockpit.domain.migration import StepStatus
from cockpit.domain.risks import Risk, RiskStatus, RiskThresholds
from cockpit.domain.status import (
    Pane,
    Rag,
    format_signed_duration,
    format_signed_minutes,
    gate_status,
    pane_status,
    pane_statuses,
)
from cockpit.domain.support import Severity, SlaPolicy, Ticket, TicketStatus
from cockpit.domain.tests import Outcome, TestLevel

from .builders import NOW, case, item, launch_data, minutes, obj, run, step


def status_of(pane: Pane, **parts):
    return pane_statuses(launch_data(**parts), now=NOW)[pane]


def pass_rate_criterion(level: str, minimum: float, *, id: int = 1, enabled: bool = True) -> GateCriterion:
    params = {"level": level, "min_pass_rate": minimum}
    return GateCriterion(
        id=id, kind=CriterionKind.PASS_RATE, label=f"{level} pass rate", params=params, enabled=enabled
    )


def test_empty_launch():
    statuses = pane_statuses(launch_data(), now=NOW)
    assert list(statuses) == list(Pane)
    assert {p: s.rag for p, s in statuses.items()} == {
        Pane.CHECKLIST: Rag.GREEN,
        Pane.TESTS: Rag.GREEN,
        Pane.MIGRATION: Rag.GREEN,
        Pane.RISKS: Rag.GREEN,
        Pane.SUPPORT: Rag.GREEN,
        Pane.GATE: Rag.AMBER,  # nobody has signed
    }
    assert statuses[Pane.CHECKLIST].headline == "—"
    assert statuses[Pane.SUPPORT].headline == "0 open"
    assert all(s.reason for s in statuses.values())


# --- checklist --------------------------------------------------------------------------------


def test_checklist_green_shows_share_done():
    items = (
        item(1, status=ItemStatus.DONE),
        item(2, status=ItemStatus.N_A),
        item(3),
        item(4, status=ItemStatus.DONE),
        item(5, status=ItemStatus.DONE),
    )
    status = status_of(Pane.CHECKLIST, checklist=items)
    assert (status.rag, status.headline, status.reason) == (Rag.GREEN, "75%", "3 of 4 applicable items done")


def test_checklist_amber_when_an_ordinary_item_is_blocked_or_overdue():
    assert status_of(Pane.CHECKLIST, checklist=(item(1, status=ItemStatus.BLOCKED),)).rag == Rag.AMBER
    status = status_of(Pane.CHECKLIST, checklist=(item(1, due=NOW - minutes(1)),))
    assert (status.rag, status.reason) == (Rag.AMBER, "0 blocked, 1 overdue")


def test_checklist_red_when_a_gate_item_is_blocked_or_overdue():
    assert (
        status_of(Pane.CHECKLIST, checklist=(item(1, is_gate=True, status=ItemStatus.BLOCKED),)).rag
        == Rag.RED
    )
    status = status_of(Pane.CHECKLIST, checklist=(item(1, is_gate=True, due=NOW - minutes(1)),))
    assert (status.rag, status.reason) == (Rag.RED, "Gate items: 0 blocked, 1 overdue")


def test_checklist_gate_item_done_late_is_fine():
    items = (item(1, is_gate=True, status=ItemStatus.DONE, due=NOW - minutes(60)),)
    assert status_of(Pane.CHECKLIST, checklist=items).rag == Rag.GREEN


# --- tests ------------------------------------------------------------------------------------


def test_tests_red_below_the_gate_threshold():
    runs = (run(1, TestLevel.UAT, passed=93, failed=7),)
    status = status_of(Pane.TESTS, runs=runs, criteria=(pass_rate_criterion("uat", 0.95),))
    assert (status.rag, status.headline, status.reason) == (Rag.RED, "93.0%", "UAT 93.0% below 95.0%")


def test_tests_at_the_threshold_is_green_and_a_disabled_threshold_does_not_count():
    runs = (run(1, TestLevel.UAT, passed=95, failed=5), run(2, TestLevel.UNIT, passed=50, failed=50))
    criteria = (pass_rate_criterion("uat", 0.95), pass_rate_criterion("unit", 0.98, id=2, enabled=False))
    status = status_of(Pane.TESTS, runs=runs, criteria=criteria)
    # Headline: the lowest rate of the gated levels; the unit run, its criterion disabled, does not count.
    assert (status.rag, status.headline) == (Rag.GREEN, "95.0%")


def test_tests_amber_on_new_failures_or_flaky_cases():
    runs = (run(1, TestLevel.SYSTEM, passed=2), run(2, TestLevel.SYSTEM, passed=1, failed=1))
    cases = (case(1, "a"), case(1, "b"), case(2, "a", Outcome.FAILED), case(2, "b"))
    status = status_of(Pane.TESTS, runs=runs, cases=cases)
    assert (status.rag, status.reason) == (Rag.AMBER, "1 new failure in System")
    runs = (run(3, TestLevel.SMOKE, passed=2, flaky=1),)
    cases = (case(3, "a", flaky=True), case(3, "b"))
    status = status_of(Pane.TESTS, runs=runs, cases=cases)
    assert (status.rag, status.reason) == (Rag.AMBER, "1 flaky in Smoke")


def test_tests_new_failures_and_flaky_are_summed_over_levels_and_name_a_few():
    # Per level (earlier run, latest run): new failures in every level, two in System; flaky in three.
    new_failures = {"unit": 1, "integration": 1, "system": 2, "uat": 1, "regression": 1}
    flaky_levels = ("unit", "integration", "uat")
    runs, cases = [], []
    for index, (level, failing) in enumerate(new_failures.items()):
        before, latest = 2 * index + 1, 2 * index + 2
        runs += [run(before, TestLevel(level), passed=3), run(latest, TestLevel(level), passed=1, failed=2)]
        cases += [case(before, name) for name in "abc"]
        cases += [case(latest, name, Outcome.FAILED) for name in "ab"[:failing]]
        cases += [case(latest, "c", flaky=level in flaky_levels)]
    status = status_of(Pane.TESTS, runs=tuple(runs), cases=tuple(cases))
    assert status.rag == Rag.AMBER
    assert status.reason == (
        "6 new failures in System, Unit, Integration and 2 more; 3 flaky in Unit, Integration, UAT"
    )


def test_tests_red_names_the_levels_furthest_below_first():
    levels = (TestLevel.UNIT, TestLevel.INTEGRATION, TestLevel.SYSTEM, TestLevel.UAT)
    runs = tuple(run(i, lvl, passed=90 - i, failed=10 + i) for i, lvl in enumerate(levels, start=1))
    criteria = tuple(pass_rate_criterion(lvl.value, 0.95, id=i) for i, lvl in enumerate(levels, start=1))
    status = status_of(Pane.TESTS, runs=runs, criteria=criteria)
    assert status.reason == (
        "UAT 86.0% below 95.0%, System 87.0% below 95.0%, Integration 88.0% below 95.0% and 1 more"
    )


def test_tests_amber_when_a_gated_level_has_no_executed_run():
    runs = (run(1, TestLevel.UAT, skipped=10),)
    criteria = (pass_rate_criterion("uat", 0.95), pass_rate_criterion("unit", 0.98, id=2))
    status = status_of(Pane.TESTS, runs=runs, criteria=criteria)
    assert (status.rag, status.headline, status.reason) == (Rag.AMBER, "—", "No executed run yet: UAT, Unit")


# --- migration --------------------------------------------------------------------------------


def test_migration_red_on_mismatch_but_not_on_accepted_difference():
    status = status_of(Pane.MIGRATION, objects=(obj(1, "CUSTOMER", 10, 9), obj(2, "ORDERS", 5, 5)))
    assert (status.rag, status.headline, status.reason) == (Rag.RED, "1 mismatched", "Mismatched: CUSTOMER")
    status = status_of(Pane.MIGRATION, objects=(obj(1, "CUSTOMER", 10, 9, accepted="known"),))
    assert (status.rag, status.headline) == (Rag.GREEN, "1/1 reconciled")


def test_migration_names_a_few_mismatches_largest_difference_first():
    objects = tuple(obj(i, f"TABLE_{i:02d}", 1000, 1000 - i) for i in range(1, 34))
    status = status_of(Pane.MIGRATION, objects=objects)
    assert (status.headline, status.reason) == (
        "33 mismatched",
        "Mismatched: TABLE_33, TABLE_32, TABLE_31 and 30 more",
    )
    three = status_of(Pane.MIGRATION, objects=objects[:3])
    assert three.reason == "Mismatched: TABLE_03, TABLE_02, TABLE_01"  # all three: nothing "more"


def test_migration_slack_in_whole_minutes_as_the_pane_rounds_it():
    # ETA NOW + 30 min; the deadline 95 min 40 s later: 96 minutes of slack everywhere, not 95.
    status = status_of(Pane.MIGRATION, steps=(step(1),), rollback_deadline=NOW + minutes(125 + 40 / 60))
    assert status.headline == "slack +1h 36m"
    late = status_of(Pane.MIGRATION, steps=(step(1),), rollback_deadline=NOW + minutes(30 - 1 / 3))
    assert late.headline == "slack −0h 00m"  # 20 s past the deadline: still shown as past it
    assert "Forecast ends +0h 00m after the rollback deadline" in late.reason


@pytest.mark.parametrize(
    ("deadline_after", "rag"),
    [(29, Rag.RED), (30, Rag.AMBER), (59, Rag.AMBER), (60, Rag.GREEN)],
)
def test_migration_slack_before_the_rollback_deadline(deadline_after, rag):
    # One 30-minute step from now: the ETA is NOW + 30.
    status = status_of(Pane.MIGRATION, steps=(step(1),), rollback_deadline=NOW + minutes(deadline_after))
    assert status.rag == rag


def test_migration_headline_shows_slack():
    status = status_of(Pane.MIGRATION, steps=(step(1),), rollback_deadline=NOW + minutes(95))
    assert (status.headline, status.reason) == ("slack +1h 05m", "On plan, no mismatch")


def test_migration_amber_on_a_late_or_failed_step():
    status = status_of(Pane.MIGRATION, steps=(step(1, start_offset=-10),))
    assert (status.rag, status.headline, status.reason) == (Rag.AMBER, "0/1 steps", "1 step late")
    slow = step(1, start_offset=-45, status=StepStatus.RUNNING, actual_start=NOW - minutes(45))
    assert status_of(Pane.MIGRATION, steps=(slow,)).reason == "1 step late (1 over its planned time)"
    failed = step(1, start_offset=10, status=StepStatus.FAILED)
    assert status_of(Pane.MIGRATION, steps=(failed,)).reason == "1 step failed"


def test_migration_finished_runbook_is_judged_on_reconciliation_only():
    done = step(
        1,
        start_offset=-60,
        status=StepStatus.DONE,
        actual_start=NOW - minutes(60),
        actual_end=NOW - minutes(5),
    )
    status = status_of(Pane.MIGRATION, steps=(done,), rollback_deadline=NOW - minutes(10))
    assert (status.rag, status.headline) == (Rag.GREEN, "1/1 steps")


def test_migration_red_on_a_dependency_cycle():
    status = status_of(Pane.MIGRATION, steps=(step(1, depends_on=(2,)), step(2, depends_on=(1,))))
    assert status.rag == Rag.RED
    assert "1 → 2 → 1" in status.reason


def test_signed_duration_format():
    assert format_signed_duration(minutes(65)) == "+1h 05m"
    assert format_signed_duration(minutes(-20)) == "−0h 20m"
    assert format_signed_duration(minutes(0)) == "+0h 00m"
    assert format_signed_minutes(-75) == "−1h 15m"
    assert format_signed_minutes(0, negative=True) == "−0h 00m"


# --- risks ------------------------------------------------------------------------------------


def risk(id: int, likelihood: int, impact: int, **fields) -> Risk:
    return Risk(id=id, title=f"Risk {id}", likelihood=likelihood, impact=impact, **fields)


def test_risks_red_when_a_red_risk_has_no_contingency():
    status = status_of(Pane.RISKS, risks=(risk(1, 5, 3), risk(2, 1, 1)))
    assert (status.rag, status.headline, status.reason) == (
        Rag.RED,
        "1 red open (residual)",
        "No contingency plan: Risk 1",
    )


def test_risks_amber_when_red_risks_are_covered_or_a_risk_occurred():
    status = status_of(Pane.RISKS, risks=(risk(1, 5, 3, contingency="switch back"),))
    assert (status.rag, status.reason) == (Rag.AMBER, "1 open red risk")
    status = status_of(Pane.RISKS, risks=(risk(1, 1, 2, status=RiskStatus.OCCURRED),))
    assert (status.rag, status.reason) == (Rag.AMBER, "Occurred: Risk 1")


def test_risks_name_a_few_uncovered_red_risks_highest_rating_first():
    risks = tuple(risk(i, 3, 5) for i in range(1, 8)) + (risk(8, 5, 5), risk(9, 5, 5, contingency="plan B"))
    status = status_of(Pane.RISKS, risks=risks)
    assert (status.headline, status.reason) == (
        "9 red open (residual)",
        "No contingency plan: Risk 8, Risk 1, Risk 2 and 5 more",
    )
    occurred = tuple(risk(i, 1, 2, status=RiskStatus.OCCURRED) for i in range(1, 6))
    assert status_of(Pane.RISKS, risks=occurred).reason == "Occurred: Risk 1, Risk 2, Risk 3 and 2 more"


def test_risks_follow_the_launch_thresholds():
    risks = (risk(1, 2, 3), risk(2, 5, 5, status=RiskStatus.CLOSED))
    assert status_of(Pane.RISKS, risks=risks).rag == Rag.GREEN
    assert (
        status_of(Pane.RISKS, risks=risks, risk_thresholds=RiskThresholds(red_min=6, amber_min=3)).rag
        == Rag.RED
    )


# --- support ----------------------------------------------------------------------------------

POLICIES = tuple(SlaPolicy(s, 30, 240) for s in Severity)


def ticket(id: int, severity: Severity, *, opened_minutes_ago: float = 0, status=TicketStatus.NEW) -> Ticket:
    return Ticket(
        id=id, title=f"T{id}", severity=severity, opened_at=NOW - minutes(opened_minutes_ago), status=status
    )


def test_support_red_on_any_open_p1():
    status = status_of(
        Pane.SUPPORT, tickets=(ticket(1, Severity.P1), ticket(2, Severity.P3)), sla_policies=POLICIES
    )
    assert (status.rag, status.headline) == (Rag.RED, "1 P1 open")


def test_support_red_on_breached_p2_and_amber_on_breached_p3():
    breached_p2 = ticket(1, Severity.P2, opened_minutes_ago=31)
    status = status_of(Pane.SUPPORT, tickets=(breached_p2,), sla_policies=POLICIES)
    assert (status.rag, status.headline, status.reason) == (
        Rag.RED,
        "1 open",
        "0 P1 open; 1 open past SLA, 1 of them P1/P2",
    )
    breached_p3 = ticket(1, Severity.P3, opened_minutes_ago=31)
    status = status_of(Pane.SUPPORT, tickets=(breached_p3,), sla_policies=POLICIES)
    assert (status.rag, status.reason) == (Rag.AMBER, "1 open ticket past SLA")


def test_support_green_within_sla_and_closed_p1_does_not_count():
    tickets = (
        ticket(1, Severity.P2, opened_minutes_ago=30),
        ticket(2, Severity.P1, status=TicketStatus.CLOSED),
    )
    assert status_of(Pane.SUPPORT, tickets=tickets, sla_policies=POLICIES).rag == Rag.GREEN


# --- gate -------------------------------------------------------------------------------------


def signoffs(*decisions: Decision) -> tuple[SignOff, ...]:
    return tuple(SignOff(id=i, person=f"P{i}", role="", decision=d) for i, d in enumerate(decisions, start=1))


def test_gate_green_only_when_ready_and_go():
    status = status_of(Pane.GATE, signoffs=signoffs(Decision.GO, Decision.GO))
    assert (status.rag, status.headline, status.reason) == (
        Rag.GREEN,
        "0/0 met",
        "Decision: Go (2 of 2 signed)",
    )


def test_gate_amber_when_go_but_a_criterion_is_unmet_or_conditional():
    criteria = (pass_rate_criterion("uat", 0.95),)
    status = status_of(Pane.GATE, criteria=criteria, signoffs=signoffs(Decision.GO))
    assert (status.rag, status.headline) == (Rag.AMBER, "0/1 met")
    assert status.reason == "Decision: Go (1 of 1 signed); not met: UAT tests pass rate ≥ 95%"
    assert status_of(Pane.GATE, signoffs=signoffs(Decision.CONDITIONAL_GO)).rag == Rag.AMBER


def test_gate_names_a_few_unmet_criteria():
    criteria = tuple(pass_rate_criterion("unit", 0.9 + i / 100, id=i) for i in range(1, 6))
    status = status_of(Pane.GATE, criteria=criteria)
    assert status.reason.endswith(
        "not met: Unit tests pass rate ≥ 91%, Unit tests pass rate ≥ 92%, Unit tests pass rate ≥ 93% and 2 more"
    )


class _Japanese(gettext.NullTranslations):
    """What a Japanese catalogue gives for the words the cap uses."""

    def gettext(self, message: str) -> str:
        return {"Mismatched: {names}": "不一致: {names}"}.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return {"{names} and {n} more": "{names} ほか{n}件"}.get(singular, singular if n == 1 else plural)


def test_the_cap_goes_through_the_translation(monkeypatch):
    monkeypatch.setattr(i18n, "_translation", _Japanese())
    objects = tuple(obj(i, f"表{i}", 100, 100 - i) for i in range(1, 6))
    assert status_of(Pane.MIGRATION, objects=objects).reason == "不一致: 表5, 表4, 表3 ほか2件"


def test_gate_red_on_no_go_even_when_ready():
    assert status_of(Pane.GATE, signoffs=signoffs(Decision.GO, Decision.NO_GO)).rag == Rag.RED


# --- imports ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "module",
    ["cockpit.domain.launch", "cockpit.domain.gate", "cockpit.domain.status", "cockpit.domain.tests"],
)
def test_each_domain_module_imports_first_in_a_fresh_interpreter(module):
    code = f"import {module}; from cockpit.domain.launch import LaunchData; import cockpit.domain.status"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr


def test_each_pane_status_and_the_gate_status_are_those_of_pane_statuses():
    data = launch_data(
        checklist=(item(1, is_gate=True, status=ItemStatus.BLOCKED),),
        criteria=(pass_rate_criterion("sit", 0.9),),
    )
    statuses = pane_statuses(data, now=NOW)
    assert {pane: pane_status(pane, data, now=NOW) for pane in Pane} == statuses
    assert gate_status(evaluate_gate(data, now=NOW)) == statuses[Pane.GATE]
