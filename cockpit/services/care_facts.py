"""The support clocks and the reviews as plain data: ``status --json`` (``support.tickets``, ``reviews``),
``cockpit sla list --json`` and the review commands print these (documented in README)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.domain.business_hours import days_text
from cockpit.domain.launch import LaunchData
from cockpit.domain.reviews import ActionStatus, ImprovementAction, Review, incidents_of, overdue_actions
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import SlaClock, SlaPolicy, Ticket, clock_for, policies_by_severity


def _local(value: datetime | None, zone: ZoneInfo) -> str | None:
    return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")


def _minutes(delta: timedelta | None) -> int | None:
    return None if delta is None else int(delta.total_seconds() // 60)


def calendar_facts(policy: SlaPolicy) -> dict[str, Any]:
    """How the policy's clocks count: ``{"hours": "24x7"}``, or its working days, hours and holidays."""
    calendar = policy.calendar
    if calendar is None:
        return {"hours": "24x7"}
    return {
        "days": days_text(calendar.working_days),
        "hours": f"{calendar.day_start:%H:%M}-{calendar.day_end:%H:%M}",
        "timezone": calendar.zone,
        "public_holidays": calendar.public_holidays or None,
        "team_holidays": sorted(day.isoformat() for day in calendar.team_holidays),
    }


def _state(*, met: bool, breached: bool, paused: bool) -> str:
    if met:
        return "missed" if breached else "met"
    if paused:
        return "paused"
    return "breached" if breached else "running"


def clock_facts(clock: SlaClock, zone: ZoneInfo) -> dict[str, Any]:
    """The ticket's three clocks: each its due (launch zone), counted minutes left (negative: past due)
    and state: running, paused, breached, met, or missed (met late)."""
    facts: dict[str, Any] = {
        "paused": clock.paused,
        "first_response": {
            "due": _local(clock.first_response_due, zone),
            "remaining_minutes": _minutes(clock.first_response_remaining),
            "state": _state(
                met=clock.first_response_met, breached=clock.first_response_breached, paused=clock.paused
            ),
        },
        "update": None,
        "resolution": {
            "due": _local(clock.resolution_due, zone),
            "remaining_minutes": _minutes(clock.resolution_remaining),
            "state": _state(
                met=clock.resolution_met, breached=clock.resolution_breached, paused=clock.paused
            ),
        },
    }
    if clock.update_due is not None:
        facts["update"] = {
            "due": _local(clock.update_due, zone),
            "remaining_minutes": _minutes(clock.update_remaining),
            "state": _state(met=clock.resolution_met, breached=clock.update_breached, paused=clock.paused),
        }
    return facts


def ticket_clocks(data: LaunchData, *, now: datetime) -> list[dict[str, Any]]:
    """Every ticket with its three clocks (``clocks`` None: no SLA policy covers its severity)."""
    by_severity = policies_by_severity(data.sla_policies)
    zone = data.launch.zone
    about: dict[int, list[dict[str, str]]] = {}
    for link in data.ticket_links:
        about.setdefault(link.ticket_id, []).append({"kind": link.kind.value, "target": link.target})
    return [
        {**_ticket_facts(t, clock_for(t, by_severity, now=now), zone), "about": about.get(t.id, [])}
        for t in data.tickets
    ]


def _ticket_facts(ticket: Ticket, clock: SlaClock | None, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": ticket.id,
        "severity": ticket.severity.value,
        "status": ticket.status.value,
        "clocks": clock_facts(clock, zone) if clock is not None else None,
    }


def occurred_risks(data: LaunchData) -> list[dict[str, Any]]:
    """The risks that occurred, each with the tickets that name it (its incidents)."""
    return [
        {"id": r.id, "title": r.title, "incidents": incidents_of(r, data.ticket_links)}
        for r in data.risks
        if r.status is RiskStatus.OCCURRED
    ]


def review_facts(review: Review, actions: tuple[ImprovementAction, ...], zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": review.id,
        "held_at": _local(review.held_at, zone),
        "cadence": review.cadence.value,
        "period": {"start": _local(review.period_start, zone), "end": _local(review.period_end, zone)},
        "attendees": review.attendees,
        "findings": review.findings,
        "figures": dict(review.figures),
        "actions": [action_facts(a, zone) for a in actions if a.review_id == review.id],
        "version": review.version,
    }


def action_facts(action: ImprovementAction, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "id": action.id,
        "review": action.review_id,
        "title": action.title,
        "owner": action.owner,
        "due": _local(action.due, zone),
        "status": action.status.value,
        "done_at": _local(action.done_at, zone),
        "version": action.version,
    }


def reviews_status(data: LaunchData, *, now: datetime) -> dict[str, Any]:
    """``status --json``'s ``reviews``: meetings held, open and overdue improvement actions, lessons."""
    zone = data.launch.zone
    return {
        "meetings": len(data.reviews),
        "last_meeting": _local(data.reviews[-1].held_at, zone) if data.reviews else None,
        "actions_open": sum(a.status is ActionStatus.OPEN for a in data.actions),
        "actions_overdue": [action_facts(a, zone) for a in overdue_actions(data.actions, now=now)],
        "lessons": len(data.lessons),
    }
