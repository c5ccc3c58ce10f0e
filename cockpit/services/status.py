"""The launch at a glance, as the plain data ``cockpit status --json`` prints (documented in README)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cockpit.domain.checklist import Progress, summarize_checklist
from cockpit.domain.gate import evaluate_gate
from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import ReconStatus, StepStatus, forecast_runbook, reconcile
from cockpit.domain.risks import Zone, heatmap, inherent_zone, is_open
from cockpit.domain.support import summarize_support
from cockpit.domain.tests import pass_rate, summarize_tests
from cockpit.services.care_facts import occurred_risks, reviews_status, ticket_clocks
from cockpit.words.gate import criterion_label


def _local(value: datetime | None, data: LaunchData) -> str | None:
    """A time as the launch team reads it: in the launch's own time zone, to the second."""
    if value is None:
        return None
    return value.astimezone(data.launch.zone).isoformat(timespec="seconds")


def build_status(data: LaunchData, *, now: datetime) -> dict[str, Any]:
    return {
        "generated_at": _local(now, data),
        "launch": _launch(data),
        "checklist": _checklist(data, now),
        "tests": _tests(data),
        "migration": _migration(data, now),
        "risks": _risks(data),
        "support": _support(data, now),
        "gate": _gate(data, now),
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


def stage_move_facts(data: LaunchData) -> dict[str, Any] | None:
    """The launch's last stage move (from, to, by, at, reason); None while it never moved."""
    move = data.launch.last_stage_move
    if move is None:
        return None
    return {
        "from": move.previous.value,
        "to": move.stage.value,
        "by": move.by,
        "at": _local(move.at, data),
        "reason": move.reason,
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
    return {
        **_progress(summary.overall),
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


def _migration(data: LaunchData, now: datetime) -> dict[str, Any]:
    try:
        forecast = forecast_runbook(data.steps, now=now, rollback_deadline=data.launch.rollback_deadline)
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
            "late": len(forecast.late) if forecast else None,
            "overrun": len(forecast.overrun) if forecast else None,
        },
        "eta": _local(forecast.eta, data) if forecast else None,
        "slack_minutes": forecast.slack_minutes if forecast else None,
        "rollback_deadline": _local(data.launch.rollback_deadline, data),
        "problem": problem,
        "objects": {
            "total": len(recons),
            "reconciled": sum(r.status in (ReconStatus.RECONCILED, ReconStatus.ACCEPTED) for r in recons),
            "mismatched": sum(r.status is ReconStatus.MISMATCH for r in recons),
            "pending": sum(r.status is ReconStatus.PENDING for r in recons),
            "accepted": sum(r.status is ReconStatus.ACCEPTED for r in recons),
        },
    }


def _risks(data: LaunchData) -> dict[str, Any]:
    open_risks = [r for r in data.risks if is_open(r)]
    per_zone = {zone.value: 0 for zone in Zone}
    for risk in open_risks:
        per_zone[inherent_zone(risk, data.risk_thresholds).value] += 1
    return {
        "total": len(data.risks),
        "open": len(open_risks),
        "per_zone": per_zone,
        "matrix": [list(row) for row in heatmap(data.risks, open_only=True)],
        "matrix_axes": "matrix[likelihood - 1][impact - 1], open risks only",
        "occurred": occurred_risks(data),
    }


def _support(data: LaunchData, now: datetime) -> dict[str, Any]:
    summary = summarize_support(data.tickets, data.sla_policies, now=now)
    return {
        "total": summary.total,
        "open": summary.open,
        "per_status": {status.value: n for status, n in summary.per_status.items()},
        "open_per_severity": {severity.value: n for severity, n in summary.open_per_severity.items()},
        "sla_breached": summary.breached,
        "tickets": ticket_clocks(data, now=now),
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
