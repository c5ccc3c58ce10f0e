from __future__ import annotations

import pytest

from cockpit.domain.checklist import ItemStatus
from cockpit.domain.gate import (
    CriterionKind,
    Decision,
    GateCriterion,
    SignOff,
    combined_decision,
    evaluate_gate,
)
from cockpit.domain.migration import StepKind, StepStatus
from cockpit.domain.risks import Risk
from cockpit.domain.support import Severity, Ticket, TicketStatus
from cockpit.services.template_files import load_template
from cockpit.words.gate import criterion_label

from .builders import NOW, item, launch_data, obj, run, step


def criterion(kind: CriterionKind, id: int = 1, *, enabled: bool = True, **params) -> GateCriterion:
    return GateCriterion(id=id, kind=kind, label=f"{kind} label", params=params, enabled=enabled)


def only(kind: CriterionKind, **parts):
    """The result of a single criterion of ``kind`` over the given launch data."""
    params = parts.pop("params", {})
    result = evaluate_gate(launch_data(criteria=(criterion(kind, **params),), **parts), now=NOW)
    assert len(result.criteria) == 1
    return result.criteria[0]


def signoff(id: int, decision: Decision) -> SignOff:
    return SignOff(id=id, person=f"P{id}", role="Owner", decision=decision)


def ticket(id: int, severity: Severity, status: TicketStatus = TicketStatus.NEW) -> Ticket:
    return Ticket(id=id, title=f"Ticket {id}", severity=severity, opened_at=NOW, status=status)


# --- decision and readiness -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        ([], Decision.PENDING),
        ([Decision.GO, Decision.GO], Decision.GO),
        ([Decision.GO, Decision.PENDING], Decision.PENDING),
        ([Decision.GO, Decision.CONDITIONAL_GO], Decision.CONDITIONAL_GO),
        ([Decision.CONDITIONAL_GO, Decision.PENDING], Decision.PENDING),
        ([Decision.NO_GO, Decision.PENDING, Decision.GO], Decision.NO_GO),
    ],
)
def test_combined_decision(decisions, expected):
    assert combined_decision(signoff(i, d) for i, d in enumerate(decisions)) == expected


def test_signed_counts_non_pending_signoffs():
    signoffs = (signoff(1, Decision.GO), signoff(2, Decision.PENDING), signoff(3, Decision.NO_GO))
    result = evaluate_gate(launch_data(signoffs=signoffs), now=NOW)
    assert (result.signed, result.required, result.decision) == (2, 3, Decision.NO_GO)


def test_disabled_criteria_are_left_out_and_ready_needs_all_enabled_ok():
    criteria = (
        criterion(CriterionKind.BACKUP_DONE, 1, enabled=False),  # would fail: no backup step
        criterion(CriterionKind.RED_RISKS_COVERED, 2),
    )
    result = evaluate_gate(launch_data(criteria=criteria), now=NOW)
    assert [c.criterion.id for c in result.criteria] == [2]
    assert result.ready
    criteria = (criterion(CriterionKind.BACKUP_DONE, 1), criterion(CriterionKind.RED_RISKS_COVERED, 2))
    assert not evaluate_gate(launch_data(criteria=criteria), now=NOW).ready


def test_default_criteria_on_an_empty_launch_are_not_ready():
    criteria = tuple(
        GateCriterion(id=i, kind=c.kind, label="", params=dict(c.params))
        for i, c in enumerate(load_template("empty", "en").criteria, start=1)
    )
    result = evaluate_gate(launch_data(criteria=criteria), now=NOW)
    verdicts = {
        criterion_label(c.criterion.kind, c.criterion.params): (c.ok, c.detail) for c in result.criteria
    }
    assert verdicts["Unit tests pass rate ≥ 98%"] == (False, "No Unit run imported yet")
    assert verdicts["Production backup taken"] == (False, "No backup step in the runbook")
    assert verdicts["No open P1 ticket"] == (True, "No open P1 ticket")
    assert verdicts["All gate checklist items done"][0]
    assert not result.ready
    assert result.decision == Decision.PENDING


# --- each criterion ---------------------------------------------------------------------------


def test_gate_items_done():
    items = (
        item(1, is_gate=True, status=ItemStatus.DONE),
        item(2, is_gate=True, status=ItemStatus.N_A),
        item(3, is_gate=False),
    )
    result = only(CriterionKind.GATE_ITEMS_DONE, checklist=items)
    assert (result.ok, result.detail) == (True, "All 2 gate items done or n/a")
    items += (item(4, is_gate=True, status=ItemStatus.BLOCKED, title="Sign DPA"),)
    result = only(CriterionKind.GATE_ITEMS_DONE, checklist=items)
    assert (result.ok, result.detail) == (False, "1 of 3 gate items not done: Sign DPA")


def test_long_name_lists_are_shortened():
    items = tuple(item(i, is_gate=True, title=f"T{i}") for i in range(1, 6))
    assert only(CriterionKind.GATE_ITEMS_DONE, checklist=items).detail == (
        "5 of 5 gate items not done: T1, T2, T3 and 2 more"
    )


def test_pass_rate_uses_the_latest_run_of_the_level():
    runs = (run(1, passed=100, name="UAT round 2"), run(2, passed=97, failed=3, name="UAT round 3"))
    result = only(CriterionKind.PASS_RATE, runs=runs, params={"level": "uat", "min_pass_rate": 0.95})
    assert (result.ok, result.detail) == (True, "97.0% passed (min 95.0%) in run 'UAT round 3'")
    result = only(CriterionKind.PASS_RATE, runs=runs, params={"level": "uat", "min_pass_rate": 0.98})
    assert not result.ok


def test_pass_rate_exactly_at_the_minimum_is_met():
    runs = (run(1, passed=19, failed=1, skipped=4),)
    assert only(CriterionKind.PASS_RATE, runs=runs, params={"level": "uat", "min_pass_rate": 0.95}).ok


def test_pass_rate_without_run_or_executions_is_not_met():
    result = only(CriterionKind.PASS_RATE, params={"level": "system", "min_pass_rate": 0.9})
    assert (result.ok, result.detail) == (False, "No System run imported yet")
    runs = (run(1, skipped=5, name="smoke only"),)
    result = only(CriterionKind.PASS_RATE, runs=runs, params={"level": "uat", "min_pass_rate": 0.9})
    assert (result.ok, result.detail) == (False, "Nothing executed in run 'smoke only' (all skipped)")


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"min_pass_rate": 0.9}, "level is missing"),
        ({"level": "uat", "min_pass_rate": 95}, "not between 0 and 1"),
        ({"level": "bogus", "min_pass_rate": 0.9}, "bogus"),
    ],
)
def test_bad_criterion_params_are_reported_not_raised(params, fragment):
    result = only(CriterionKind.PASS_RATE, params=params)
    assert not result.ok
    assert "Invalid criterion setting" in result.detail
    assert fragment in result.detail


def test_no_open_tickets_counts_open_ones_of_that_severity():
    tickets = (
        ticket(1, Severity.P1),
        ticket(2, Severity.P1, TicketStatus.RESOLVED),
        ticket(3, Severity.P2),
    )
    result = only(CriterionKind.NO_OPEN_TICKETS, tickets=tickets, params={"severity": "P1", "max_open": 0})
    assert (result.ok, result.detail) == (False, "1 open P1 ticket (max 0): Ticket 1")
    assert only(CriterionKind.NO_OPEN_TICKETS, tickets=tickets, params={"severity": "P1", "max_open": 1}).ok
    result = only(CriterionKind.NO_OPEN_TICKETS, tickets=tickets[1:], params={})  # P1 and 0 by default
    assert (result.ok, result.detail) == (True, "No open P1 ticket")


def test_no_open_tickets_over_several_severities():
    tickets = (ticket(1, Severity.P2), ticket(2, Severity.P1))
    result = only(CriterionKind.NO_OPEN_TICKETS, tickets=tickets, params={"severity": ["P2", "P1"]})
    assert result.detail == "2 open P1/P2 tickets (max 0): Ticket 1, Ticket 2"


def test_migration_reconciled():
    objects = (
        obj(1, "CUSTOMER", 100, 90),
        obj(2, "ORDERS", 100, 99),
        obj(3, "ITEMS", 100, 100),
        obj(4, "PRICES", 100, 80, accepted="old prices dropped"),
    )
    result = only(CriterionKind.MIGRATION_RECONCILED, objects=objects)
    assert (result.ok, result.detail) == (False, "2 of 4 objects mismatched: CUSTOMER, ORDERS")
    result = only(CriterionKind.MIGRATION_RECONCILED, objects=objects[2:] + (obj(5, "STOCK", 10, None),))
    assert (result.ok, result.detail) == (
        True,
        "2 of 3 objects reconciled, 1 with an accepted difference, 1 not loaded yet",
    )


def test_migration_with_nothing_loaded_or_nothing_to_load():
    result = only(CriterionKind.MIGRATION_RECONCILED, objects=(obj(1, "A", 5, None),))
    assert (result.ok, result.detail) == (False, "1 object, not loaded yet")
    assert only(CriterionKind.MIGRATION_RECONCILED).ok


def test_backup_done_needs_every_backup_step_done():
    steps = (
        step(1, kind=StepKind.BACKUP, status=StepStatus.DONE, title="DB backup"),
        step(2, kind=StepKind.BACKUP, status=StepStatus.SKIPPED, title="File backup"),
        step(3, kind=StepKind.MIGRATE),
    )
    result = only(CriterionKind.BACKUP_DONE, steps=steps)
    assert (result.ok, result.detail) == (False, "1 of 2 backup steps done; waiting for File backup")
    assert only(CriterionKind.BACKUP_DONE, steps=steps[:1]).detail == "The backup step is done"


def test_red_risks_covered():
    uncovered = Risk(id=1, title="Vendor outage", likelihood=5, impact=5)
    covered = Risk(id=2, title="Data loss", likelihood=4, impact=4, contingency="Restore backup")
    result = only(CriterionKind.RED_RISKS_COVERED, risks=(uncovered, covered))
    assert (result.ok, result.detail) == (False, "1 open red risk without a contingency plan: Vendor outage")
    result = only(CriterionKind.RED_RISKS_COVERED, risks=(covered,))
    assert (result.ok, result.detail) == (True, "1 open red risk, with a contingency plan")
    assert only(CriterionKind.RED_RISKS_COVERED).detail == "No open red risk"


def test_a_reused_result_is_taken_for_its_unchanged_criterion_and_worked_out_again_for_a_changed_one():
    items = (item(1, is_gate=True, status=ItemStatus.DONE),)
    first = criterion(CriterionKind.GATE_ITEMS_DONE, 1)
    earlier = evaluate_gate(launch_data(criteria=(first,), checklist=items), now=NOW).criteria[0]
    assert earlier.ok
    open_items = (item(1, is_gate=True, status=ItemStatus.IN_PROGRESS),)
    # The caller says the criterion's inputs did not move: the result is taken as it is.
    kept = evaluate_gate(launch_data(criteria=(first,), checklist=open_items), now=NOW, reuse={1: earlier})
    assert kept.criteria[0] is earlier
    # The criterion itself changed (a new label): worked out again, from the data given.
    relabelled = GateCriterion(id=1, kind=first.kind, label="Gate items", params={})
    fresh = evaluate_gate(
        launch_data(criteria=(relabelled,), checklist=open_items), now=NOW, reuse={1: earlier}
    )
    assert not fresh.criteria[0].ok and fresh.criteria[0].criterion is relabelled
