"""The launch at a glance, as the plain data ``cockpit status --json`` prints (documented in README)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.domain.checklist import Progress, summarize_checklist
from cockpit.domain.figures import (
    checklist_figure,
    eta_after_go_live,
    risks_figure,
    runbook_figure,
    support_figure,
    tests_figure,
)
from cockpit.domain.gate import evaluate_gate
from cockpit.domain.kpis import breaches, kpi_readings, summarize_kpis
from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import EtaForecast, ReconStatus, StepStatus, forecast_runbook, reconcile
from cockpit.domain.rehearsals import compare_steps, forecast_from_rehearsals, rehearsal_title
from cockpit.domain.risks import Zone, heatmap, inherent_zone, is_open
from cockpit.domain.rollback import current_path, path_state
from cockpit.domain.rounds import is_overdue, latest_round, open_conditions
from cockpit.domain.support import remembered_sla_clocks, summarize_support
from cockpit.domain.tests import pass_rate, summarize_tests
from cockpit.services.care_facts import occurred_risks, reviews_status, ticket_clocks
from cockpit.services.status_facts import kpi_facts, stage_move_facts
from cockpit.words.gate import criterion_label
from cockpit.words.rounds import round_title


def _local(value: datetime | None, data: LaunchData) -> str | None:
    """A time as the launch team reads it: in the launch's own time zone, to the second."""
    if value is None:
        return None
    return value.astimezone(data.launch.zone).isoformat(timespec="seconds")


def build_status(data: LaunchData, *, now: datetime, every_ticket: bool = True) -> dict[str, Any]:
    """The status document; without ``every_ticket``, ``support`` lacks the ``tickets`` list (the text prints
    counts only, and each ticket's SLA clocks are most of the work on a launch with thousands of tickets)."""
    with remembered_sla_clocks():  # the support counts, its figure, the gate and each ticket ask for the same
        return _status_document(data, now=now, every_ticket=every_ticket)


def _status_document(data: LaunchData, *, now: datetime, every_ticket: bool) -> dict[str, Any]:
    return {
        "generated_at": _local(now, data),
        "launch": _launch(data),
        "checklist": _checklist(data, now),
        "tests": _tests(data),
        "tests_headline": _tests_headline(data),
        "migration": _migration(data, now),
        "risks": _risks(data),
        "support": _support(data, now, every_ticket=every_ticket),
        "gate": _gate(data, now),
        "hypercare": _hypercare(data),
        "rounds": _rounds(data, now),
        "reviews": reviews_status(data, now=now),
    }


def _launch(data: LaunchData) -> dict[str, Any]:
    launch = data.launch
    return {
        "name": launch.name,
        "go_live": _local(launch.go_live, data),
        "timezone": launch.timezone,
        "stage": launch.stage.value,
        "last_stage_move": stage_move_facts(data),
        "rollback_deadline": _local(launch.rollback_deadline, data),
    }


def _progress(progress: Progress) -> dict[str, Any]:
    return {
        "total": progress.total,
        "done": progress.done,
        "blocked": progress.blocked,
        "overdue": progress.overdue,
    }


def _checklist(data: LaunchData, now: datetime) -> dict[str, Any]:
    summary = summarize_checklist(data.checklist, now=now)
    figure = checklist_figure(data.checklist, now=now)
    return {
        **_progress(summary.overall),
        # The figure every view shows: done of the applicable items (``total`` above counts n/a ones too).
        "applicable": figure.applicable,
        "n_a": figure.not_applicable,
        "per_stage": {stage.value: _progress(p) for stage, p in summary.per_stage.items()},
    }


def _tests(data: LaunchData) -> dict[str, Any]:
    levels = {}
    for level, summary in summarize_tests(data.runs, data.cases).items():
        latest = summary.latest
        levels[level.value] = {
            "runs": summary.runs,
            "latest_run": latest.name if latest else None,
            "total": latest.total if latest else 0,
            "passed": latest.passed if latest else 0,
            "failed": latest.failed if latest else 0,
            "errors": latest.errors if latest else 0,
            "skipped": latest.skipped if latest else 0,
            "flaky": latest.flaky if latest else 0,
            "pass_rate": round(rate, 4) if latest and (rate := pass_rate(latest)) is not None else None,
            "new_failures": len(summary.new_failures),
        }
    return levels


def _tests_headline(data: LaunchData) -> dict[str, Any]:
    """The Tests tile's figure: the lowest latest pass rate of the gated levels."""
    figure = tests_figure(data)
    return {
        "pass_rate": round(figure.rate, 4) if figure.rate is not None else None,
        "level": figure.level.value if figure.level else None,
        "gated_levels_only": figure.gated_only,
    }


def _migration(data: LaunchData, now: datetime) -> dict[str, Any]:
    try:
        # The path the cutover runs now: a roll-back decision swaps the rest of the runbook for its rollback path.
        path = current_path(data.steps, data.rollback_decisions)
        forecast = forecast_runbook(path, now=now, rollback_deadline=data.launch.rollback_deadline)
        problem = None
    except ValueError as exc:  # a dependency cycle: report it instead of a forecast
        forecast, problem = None, str(exc)
    recons = [reconcile(obj) for obj in data.objects]
    return {
        "steps": {
            "total": len(data.steps),
            "done": sum(s.status is StepStatus.DONE for s in data.steps),
            "running": sum(s.status is StepStatus.RUNNING for s in data.steps),
            "failed": sum(s.status is StepStatus.FAILED for s in data.steps),
            "skipped": sum(s.status is StepStatus.SKIPPED for s in data.steps),
            "retried": sum(s.attempt > 1 for s in data.steps),  # on a second attempt or later
            "done_or_skipped": runbook_figure(data, now=now).done,  # the figure the window shows
            "late": len(forecast.late) if forecast else None,
            "overrun": len(forecast.overrun) if forecast else None,
        },
        "eta": _local(forecast.eta, data) if forecast else None,
        "slack_minutes": forecast.slack_minutes if forecast else None,
        "eta_after_go_live": eta_after_go_live(data, runbook_figure(data, now=now)),
        "rollback_deadline": _local(data.launch.rollback_deadline, data),
        "problem": problem,
        "objects": {
            "total": len(recons),
            "reconciled": sum(r.status in (ReconStatus.RECONCILED, ReconStatus.ACCEPTED) for r in recons),
            "mismatched": sum(r.status is ReconStatus.MISMATCH for r in recons),
            "pending": sum(r.status is ReconStatus.PENDING for r in recons),
            "accepted": sum(r.status is ReconStatus.ACCEPTED for r in recons),
        },
        "rehearsals": rehearsal_facts(data, now=now),
        "rollback": rollback_facts(data),
    }


def _eta(forecast: EtaForecast, data: LaunchData) -> dict[str, Any]:
    return {"eta": _local(forecast.eta, data), "slack_minutes": forecast.slack_minutes}


def _round(minutes: float | None) -> float | None:
    return None if minutes is None else round(minutes, 1)


def rehearsal_facts(data: LaunchData, *, now: datetime) -> dict[str, Any]:
    """Each rehearsal, plan against rehearsals and live per step (minutes, variance %), and the rehearsal
    forecast: ETA and slack at P50 and P80 (README: "Rehearsals")."""
    path = current_path(data.steps, data.rollback_decisions)
    try:
        forecast = forecast_from_rehearsals(
            path, data.rehearsals, now=now, rollback_deadline=data.launch.rollback_deadline
        )
    except ValueError:  # a dependency cycle: the migration's "problem" names it
        forecast = None
    return {
        "runs": [
            {
                "number": r.number,
                "name": rehearsal_title(r),
                "started_at": _local(r.started_at, data),
                "closed_at": _local(r.closed_at, data),
                "open": r.is_open,
                "steps": [
                    {
                        "step": t.step_id,
                        "actual_start": _local(t.actual_start, data),
                        "actual_end": _local(t.actual_end, data),
                        "minutes": _round(r.minutes(t.step_id)),
                    }
                    for t in r.steps
                ],
                "objects": [
                    {"object": c.object_id, "target_rows": c.target_rows, "rejected_rows": c.rejected_rows}
                    for c in r.counts
                ],
            }
            for r in data.rehearsals
        ],
        "comparison": [
            {
                "step": row.step.id,
                "title": row.step.title,
                "planned_minutes": row.planned,
                "rehearsals": [
                    {"minutes": _round(m), "variance_percent": v}
                    for m, v in zip(row.rehearsals, row.variances(), strict=True)
                ],
                "live": {"minutes": _round(row.live), "variance_percent": row.live_variance},
            }
            for row in compare_steps(data.steps, data.rehearsals)
        ],
        "p50": _eta(forecast.p50, data) if forecast else None,
        "p80": _eta(forecast.p80, data) if forecast else None,
        "timed_steps": forecast.timed_steps if forecast else 0,
    }


def rollback_facts(data: LaunchData) -> dict[str, Any]:
    """The rollback decisions taken, and where each step stands against them (current, standby, not taken)."""
    return {
        "decisions": [
            {
                "step": d.step_id,
                "decision": d.decision.value,
                "reason": d.reason,
                "decided_by": d.decided_by,
                "decided_at": _local(d.decided_at, data),
            }
            for d in data.rollback_decisions
        ],
        "rollback_points": [s.id for s in data.steps if s.rollback_point],
        "path": {str(s.id): path_state(s, data.rollback_decisions).value for s in data.steps},
    }


def _risks(data: LaunchData) -> dict[str, Any]:
    open_risks = [r for r in data.risks if is_open(r)]
    per_zone = {zone.value: 0 for zone in Zone}
    for risk in open_risks:
        per_zone[inherent_zone(risk, data.risk_thresholds).value] += 1
    figure = risks_figure(data)
    return {
        "total": len(data.risks),
        "open": len(open_risks),
        "per_zone": per_zone,  # inherent: before mitigation
        "per_residual_zone": {zone.value: n for zone, n in figure.per_residual_zone.items()},
        "red_open": figure.red_open,  # residual, the figure the Risks tile and pane show
        "matrix": [list(row) for row in heatmap(data.risks, open_only=True)],
        "matrix_axes": "matrix[likelihood - 1][impact - 1], open risks only",
        "occurred": occurred_risks(data),
    }


def _support(data: LaunchData, now: datetime, *, every_ticket: bool = True) -> dict[str, Any]:
    summary = summarize_support(data.tickets, data.sla_policies, now=now)
    return {
        "total": summary.total,
        "open": summary.open,
        "per_status": {status.value: n for status, n in summary.per_status.items()},
        "open_per_severity": {severity.value: n for severity, n in summary.open_per_severity.items()},
        "sla_breached": summary.breached,
        "urgent_sla_breached": support_figure(data, now=now).urgent_past_sla,  # P1 and P2
        **({"tickets": ticket_clocks(data, now=now)} if every_ticket else {}),
    }


def _gate(data: LaunchData, now: datetime) -> dict[str, Any]:
    result = evaluate_gate(data, now=now)
    return {
        "decision": result.decision.value,
        "ready": result.ready,
        "signed": result.signed,
        "required": result.required,
        "criteria": [
            {
                "id": c.criterion.id,
                "kind": c.criterion.kind.value,
                "params": c.criterion.params,
                "label": criterion_label(c.criterion.kind, c.criterion.params),
                "ok": c.ok,
                "detail": c.detail,
            }
            for c in result.criteria
        ],
        "signoffs": [
            {
                "person": s.person,
                "role": s.role,
                "decision": s.decision.value,
                "decided_at": _local(s.decided_at, data),
                "comment": s.comment,
            }
            for s in data.signoffs
        ],
    }


def _hypercare(data: LaunchData) -> dict[str, Any]:
    summary = summarize_kpis(data.kpis, data.kpi_values)
    return {
        "kpis": [
            kpi_facts(reading, data.launch.zone) for reading in kpi_readings(data.kpis, data.kpi_values)
        ],
        "measured": summary.measured,
        "breached": summary.breached,
        "breached_values": len(breaches(data.kpis, data.kpi_values)),
    }


def _rounds(data: LaunchData, now: datetime) -> dict[str, Any]:
    """The go/no-go meetings: the latest round and its state, and the conditions still open."""
    latest = latest_round(data.rounds)
    unmet = open_conditions(data.rounds)
    return {
        "count": len(data.rounds),
        "latest": None
        if latest is None
        else {
            "number": latest.number,
            "title": round_title(latest.number, latest.title),
            "held_at": _local(latest.held_at, data),
            "state": "open" if latest.is_open else "closed",
            "decision": latest.decision.value if latest.decision else None,
            "verdicts": len(latest.verdicts),
            "evidence_sha256": latest.evidence_sha256,
        },
        "open_conditions": [
            {
                "id": c.id,
                "text": c.text,
                "owner": c.owner,
                "due": _local(c.due, data),
                "overdue": is_overdue(c, now=now),
            }
            for c in unmet
        ],
    }
