"""A new launch filled from a template (``template_files`` reads and checks them), in its creating transaction.

Times are offsets from go-live, worked out in the launch's zone: ``due_days`` counts calendar days from
go-live's local date, due at the template's ``due_time`` (18:00, the end of a working day, reads better on a
plan than go-live's own hour); ``due_hours`` and ``start_minutes`` count from the go-live moment itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from cockpit.domain.migration import StepKind
from cockpit.i18n import tr
from cockpit.services.template_files import ItemPlan, LaunchTemplate, StepPlan, load_template
from cockpit.store.launchfile import create_launch
from cockpit.store.writer import Writer


@dataclass(frozen=True, slots=True)
class Created:
    """What ``cockpit new`` and File ▸ New launch… made, for the message that says so."""

    path: Path
    items: int
    gate_items: int
    steps: int
    criteria: int


def item_due(item: ItemPlan, template: LaunchTemplate, *, go_live: datetime, zone: str) -> datetime:
    """When an item is due, in the launch's zone."""
    local = go_live.astimezone(ZoneInfo(zone))
    if item.due_hours is not None:
        return local + timedelta(hours=item.due_hours)
    day = local.date() + timedelta(days=item.due_days or 0)
    return datetime.combine(day, template.due_time, tzinfo=ZoneInfo(zone))


def step_start(step: StepPlan, *, go_live: datetime, zone: str) -> datetime:
    return go_live.astimezone(ZoneInfo(zone)) + timedelta(minutes=step.start_minutes)


def apply_template(w: Writer, template: LaunchTemplate, *, go_live: datetime, zone: str) -> None:
    """Write the template's rows into a new launch, inside its creating transaction (ids from 1).

    Row by row, each with its own audit row ("insert", as an edit would be): a new launch's history shows what
    it started with, and an import's audit rows stay the imports'.
    """
    summary = tr("from the {template} template", template=template.name)
    for sla in template.sla:
        w.insert(
            "sla_policies",
            {
                "severity": sla.severity,
                "first_response_minutes": sla.first_response_minutes,
                "resolution_minutes": sla.resolution_minutes,
            },
            summary=summary,
        )
    for criterion in template.criteria:
        w.insert(
            "gate_criteria",
            {
                "kind": criterion.kind.value,
                "label": "",  # worded from kind and params when shown (words.gate.criterion_label)
                "params": json.dumps(dict(criterion.params)),
            },
            summary=summary,
        )
    item_ids = {item.key: number for number, item in enumerate(template.items, start=1)}
    for item in template.items:
        w.insert(
            "checklist_items",
            {
                "id": item_ids[item.key],
                "stage": item.stage.value,
                "category": item.category.value,
                "title": item.title,
                "due": item_due(item, template, go_live=go_live, zone=zone).isoformat(),
                "is_gate": int(item.gate),
            },
            summary=summary,
        )
    for item in template.items:
        for key in item.depends_on:
            w.insert(
                "checklist_deps",
                {"item_id": item_ids[item.key], "depends_on_id": item_ids[key]},
                summary=summary,
            )
    step_ids = {step.key: number for number, step in enumerate(template.steps, start=1)}
    for step in template.steps:
        w.insert(
            "runbook_steps",
            {
                "id": step_ids[step.key],
                "seq": step_ids[step.key],
                "title": step.title,
                "kind": step.kind.value,
                "planned_start": step_start(step, go_live=go_live, zone=zone).isoformat(),
                "planned_minutes": step.minutes,
                # The template's rollback point asks for the continue / roll back decision when reached.
                "rollback_point": int(step.kind is StepKind.ROLLBACK_POINT),
            },
            summary=summary,
        )
    for step in template.steps:
        for key in step.depends_on:
            w.insert(
                "step_deps", {"step_id": step_ids[step.key], "depends_on_id": step_ids[key]}, summary=summary
            )
    for kpi in template.kpis:
        w.insert(
            "kpis",
            {
                "name": kpi.name,
                "unit": kpi.unit,
                "target": kpi.target,
                "direction": kpi.direction.value,
                "query": kpi.query,
            },
            summary=summary,
        )
    if template.rollback_deadline_minutes is not None:
        deadline = go_live.astimezone(ZoneInfo(zone)) + timedelta(minutes=template.rollback_deadline_minutes)
        w.update("launch", 1, {"rollback_deadline": deadline.isoformat()}, summary=summary)


def create_from_template(
    path: str | Path,
    *,
    name: str,
    go_live: datetime,
    timezone: str,
    actor: str,
    template: str = "standard",
    lang: str = "en",
) -> Created:
    """Create a launch file already filled from a template: all of it in the creating transaction, or nothing."""
    plan = load_template(template, lang)  # a bad choice or a damaged file is refused before any file exists
    created = create_launch(
        path,
        name=name,
        go_live=go_live,
        timezone=timezone,
        actor=actor,
        fill=lambda w: apply_template(w, plan, go_live=go_live, zone=timezone),
    )
    return Created(
        path=created,
        items=len(plan.items),
        gate_items=sum(item.gate for item in plan.items),
        steps=len(plan.steps),
        criteria=len(plan.criteria),
    )
