"""The small demo launch: exact counts and the facts of a cutover caught mid-way, read back from the file."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path

from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import Decision
from cockpit.domain.launch import LaunchData, Stage
from cockpit.domain.migration import StepKind, StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import Severity, TicketKind
from cockpit.domain.tests import TestLevel

from .conftest import NOW

AUTOMATED = {TestLevel.UNIT, TestLevel.INTEGRATION, TestLevel.SYSTEM, TestLevel.REGRESSION}


def _query(path: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_small_demo_has_the_documented_counts(small_en: LaunchData) -> None:
    d = small_en
    assert len(d.people) == 12
    assert len(d.checklist) == 120
    assert len(d.steps) == 40
    assert len(d.objects) == 30
    assert len(d.risks) == 25
    assert len(d.tickets) == 60
    assert len(d.signoffs) == 4
    assert {r.level for r in d.runs} == {
        TestLevel.UNIT,
        TestLevel.INTEGRATION,
        TestLevel.SYSTEM,
        TestLevel.UAT,
        TestLevel.REGRESSION,
    }
    runs_per_level = Counter(r.level for r in d.runs)
    assert all(3 <= n <= 5 for n in runs_per_level.values()), runs_per_level
    assert all(40 <= r.total <= 400 for r in d.runs), [r.total for r in d.runs]


def test_launch_is_caught_mid_cutover(small_en: LaunchData) -> None:
    launch = small_en.launch
    assert launch.stage is Stage.CUTOVER
    assert launch.timezone == "Asia/Tokyo"
    assert NOW + timedelta(hours=2) < launch.go_live < NOW + timedelta(hours=6)
    assert launch.rollback_deadline == launch.go_live + timedelta(hours=2)
    first_planned = min(s.planned_start for s in small_en.steps)
    assert timedelta(hours=5, minutes=55) < NOW - first_planned <= timedelta(hours=6, minutes=5)


def test_checklist_spans_every_stage_and_category_with_a_gate_not_ready(small_en: LaunchData) -> None:
    items = small_en.checklist
    assert {i.stage for i in items} == set(ItemStage)
    assert {i.category for i in items} == set(Category)
    by_stage = defaultdict(Counter)
    for item in items:
        by_stage[item.stage][item.status] += 1
    preparation = by_stage[ItemStage.PREPARATION]
    assert preparation[ItemStatus.DONE] > 0.75 * sum(preparation.values())
    assert by_stage[ItemStage.GO_LIVE][ItemStatus.IN_PROGRESS] >= 3
    assert set(by_stage[ItemStage.FOLLOW_UP]) == {ItemStatus.NOT_STARTED}

    blocked = [i for i in items if i.status is ItemStatus.BLOCKED]
    assert 2 <= len(blocked) <= 5 and all(i.blocked_reason for i in blocked)
    overdue = [i for i in items if i.due < NOW and i.status not in (ItemStatus.DONE, ItemStatus.N_A)]
    assert overdue
    gates = [i for i in items if i.is_gate]
    assert len(gates) == 15
    assert any(i.status is not ItemStatus.DONE for i in gates)
    assert all(i.owner for i in items)

    status = {i.id: i.status for i in items}
    with_deps = [i for i in items if i.depends_on]
    assert len(with_deps) >= 10
    # Nothing is done while something it depends on is not.
    for item in with_deps:
        if item.status is ItemStatus.DONE:
            assert all(status[d] in (ItemStatus.DONE, ItemStatus.N_A) for d in item.depends_on)


def test_test_runs_improve_with_a_regression_and_a_flaky_case(
    small_en: LaunchData, small_en_path: Path
) -> None:
    runs_by_level = defaultdict(list)
    for run in small_en.runs:
        runs_by_level[run.level].append(run)
    for level, runs in runs_by_level.items():
        rates = [r.passed / r.total for r in runs]
        assert rates[-1] > rates[0], (level, rates)

    outcomes = {
        (r["run_id"], r["classname"], r["name"]): r["outcome"]
        for r in _query(small_en_path, "SELECT run_id, classname, name, outcome FROM test_cases")
    }
    new_failures = []
    for level, runs in runs_by_level.items():
        previous, latest = runs[-2].id, runs[-1].id
        for (run_id, classname, name), outcome in outcomes.items():
            failed_now = run_id == latest and outcome in ("failed", "error")
            if failed_now and outcomes.get((previous, classname, name)) == "passed":
                new_failures.append((level, classname, name))
    assert new_failures

    latest_ids = [runs[-1].id for level, runs in runs_by_level.items() if level in AUTOMATED]
    assert sum(r.flaky for r in small_en.runs if r.id in latest_ids) >= 1
    flaky = [c for c in small_en.cases if c.flaky and c.run_id in latest_ids]
    assert flaky and all(c.outcome.value == "passed" for c in flaky)

    failures = _query(
        small_en_path, "SELECT message, details FROM test_cases WHERE outcome IN ('failed', 'error')"
    )
    assert failures and all(f["message"] and f["details"].count("\n") >= 3 for f in failures)
    assert _query(small_en_path, "SELECT COUNT(*) FROM test_cases WHERE outcome = 'skipped'")[0][0] > 0
    assert _query(small_en_path, "SELECT COUNT(*) FROM test_cases WHERE outcome = 'error'")[0][0] > 0


def test_runbook_has_one_step_running_late(small_en: LaunchData) -> None:
    steps = small_en.steps
    assert {s.kind for s in steps} == set(StepKind)
    backups = [s for s in steps if s.kind is StepKind.BACKUP]
    assert backups[0].status is StepStatus.DONE and backups[0].actual_end < NOW
    running = [s for s in steps if s.status is StepStatus.RUNNING]
    late = [s for s in running if NOW - s.actual_start > timedelta(minutes=s.planned_minutes)]
    assert len(running) == 2 and len(late) == 1
    assert late[0].actual_start - late[0].planned_start >= timedelta(minutes=15)
    counts = Counter(s.status for s in steps)
    assert counts[StepStatus.DONE] >= 15 and counts[StepStatus.PENDING] >= 10
    assert sum(len(s.depends_on) > 1 for s in steps) >= 2  # branches join

    by_id = {s.id: s for s in steps}
    for step in steps:
        for dep in step.depends_on:
            assert by_id[dep].planned_start < step.planned_start
            if step.status is not StepStatus.PENDING:
                assert by_id[dep].status is StepStatus.DONE
                assert by_id[dep].actual_end <= step.actual_start
        if step.status is StepStatus.DONE:
            assert step.actual_start < step.actual_end < NOW


def test_reconciliation_has_two_mismatches_one_accepted_difference_and_pending_loads(
    small_en: LaunchData,
) -> None:
    mismatched, accepted, pending, reconciled = [], [], [], []
    for o in small_en.objects:
        if o.target_rows is None:
            pending.append(o)
            continue
        beyond = abs(o.source_rows - o.rejected_rows - o.target_rows) > o.tolerance_rows
        if beyond and o.accepted_reason:
            accepted.append(o)
        elif beyond:
            mismatched.append(o)
        else:
            reconciled.append(o)
    assert len(mismatched) == 2
    assert len(accepted) == 1 and accepted[0].accepted_by
    assert 2 <= len(pending) <= 6
    assert len(reconciled) == 30 - 2 - 1 - len(pending)
    assert any(o.rejected_rows for o in small_en.objects)
    assert any(o.tolerance_rows for o in small_en.objects)


def test_risks_cover_every_zone_and_one_open_red_risk_lacks_a_contingency(small_en: LaunchData) -> None:
    t = small_en.risk_thresholds
    scores = [r.likelihood * r.impact for r in small_en.risks]
    assert any(s >= t.red_min for s in scores)
    assert any(t.amber_min <= s < t.red_min for s in scores)
    assert any(s < t.amber_min for s in scores)
    assert len({(r.likelihood, r.impact) for r in small_en.risks}) >= 15
    uncovered = [
        r
        for r in small_en.risks
        if r.status is RiskStatus.OPEN and r.likelihood * r.impact >= t.red_min and not r.contingency
    ]
    assert len(uncovered) == 1
    assert all(r.mitigation and r.owner for r in small_en.risks)
    assert any(r.residual_likelihood for r in small_en.risks)


def test_tickets_have_an_open_p1_and_sla_breaches(small_en: LaunchData) -> None:
    tickets = small_en.tickets
    assert {t.kind for t in tickets} == set(TicketKind)
    assert {t.severity for t in tickets} == set(Severity)
    assert any(t.severity is Severity.P1 and t.is_open for t in tickets)
    assert any(not t.is_open for t in tickets) and all(t.opened_at < NOW for t in tickets)
    policy = {p.severity: p for p in small_en.sla_policies}
    assert (policy[Severity.P1].first_response_minutes, policy[Severity.P1].resolution_minutes) == (15, 240)

    def breached(t) -> bool:
        p = policy[t.severity]
        responded = t.first_response_at or NOW
        resolved = t.resolved_at or NOW
        return responded - t.opened_at > timedelta(minutes=p.first_response_minutes) or (
            resolved - t.opened_at > timedelta(minutes=p.resolution_minutes)
        )

    assert 2 <= sum(breached(t) for t in tickets) < len(tickets) / 2
    for t in tickets:
        if t.resolved_at:
            assert t.opened_at <= t.first_response_at <= t.resolved_at <= NOW


def test_two_of_four_signoffs_said_go(small_en: LaunchData) -> None:
    decisions = Counter(s.decision for s in small_en.signoffs)
    assert decisions == {Decision.GO: 2, Decision.PENDING: 2}
    for s in small_en.signoffs:
        assert s.person and s.role
        assert bool(s.decided_at) == bool(s.comment) == (s.decision is Decision.GO)
    people = {p.name for p in small_en.people}
    assert {s.person for s in small_en.signoffs} <= people


def test_file_passes_integrity_check_and_bulk_writes_are_audited(small_en_path: Path) -> None:
    assert _query(small_en_path, "PRAGMA integrity_check")[0][0] == "ok"
    audit = _query(small_en_path, "SELECT action, table_name, actor FROM audit")
    assert {a["actor"] for a in audit} == {"demo-tester"}
    case_batches = [a for a in audit if a["table_name"] == "test_cases"]
    assert all(a["action"] == "import" for a in case_batches) and len(case_batches) == 20
    # One row per batch, not per case; a round's frozen criteria are audited one by one (cockpit verify).
    assert len(audit) < 150
