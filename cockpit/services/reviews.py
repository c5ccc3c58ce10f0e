"""Reviews after go-live (PDCA): record a meeting with the period's figures frozen, its improvement actions
until done, lessons learned by phase, and what a ticket is about (a runbook step, a risk, a failing test).

Called alike by ``cockpit review|action|lesson`` and ``cockpit ticket link`` and by the window's dialogs.
Times without an offset are read in the launch's zone, as the team writes them.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from cockpit.domain.kpis import breaches
from cockpit.domain.launch import Stage
from cockpit.domain.reviews import (
    ActionStatus,
    Cadence,
    LessonKind,
    LinkKind,
    cadence_for,
    check_period,
    default_period_start,
    review_figures,
)
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.checklist_inputs import checked_due, due_stamp
from cockpit.services.edits import Edit, _choice, _text
from cockpit.services.owners import new_owner
from cockpit.services.rules import given_time, past_or_now, refusals_as_bad_input, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import (
    read_kpi_values,
    read_kpis,
    read_launch_row,
    read_sla_policies,
    read_tickets,
    when,
)
from cockpit.store.writer import Writer


def add_review(
    lf: LaunchFile,
    *,
    actor: str,
    held_at: datetime | str | None = None,
    since: datetime | str | None = None,
    cadence: str | None = None,
    attendees: str = "",
    findings: str = "",
    kpi_breaches: int | None = None,
) -> Edit:
    """Record a review meeting held at ``held_at`` (now), covering ``since`` (the last meeting, else the
    go-live, else one cadence back: ``default_period_start``) to the meeting; its figures are worked out
    now and kept as they are. ``cadence``: daily during hypercare, weekly otherwise, unless given.
    ``kpi_breaches``: the KPIs past target in the period; worked out from the KPI values when not given
    (None when the launch tracks no KPIs)."""
    wanted = _choice(Cadence, cadence, tr("review cadence")) if cadence else None
    with lf.writing(actor) as w:
        held = past_or_now(given_time(w, held_at, tr("meeting")), tr("meeting"))
        launch, _ = read_launch_row(w.conn)
        last = w.conn.execute("SELECT MAX(held_at) FROM reviews WHERE held_at < ?", [stamp(held)]).fetchone()[
            0
        ]
        chosen = wanted or cadence_for(launch.stage.value)
        start = (
            given_time(w, since, tr("period start"))
            or when(last)
            or default_period_start(launch.go_live, held, chosen)
        )
        with refusals_as_bad_input():
            check_period(start, held)
        if kpi_breaches is None:
            kpi_breaches = _kpis_breached(w, start, held)
        figures = review_figures(
            read_tickets(w.conn),
            read_sla_policies(w.conn),
            period_start=start,
            period_end=held,
            kpi_breaches=kpi_breaches,
        )
        values: dict[str, Any] = {
            "held_at": stamp(held),
            "cadence": chosen.value,
            "attendees": attendees.strip(),
            "period_start": stamp(start),
            "period_end": stamp(held),
            "figures": json.dumps(figures, ensure_ascii=False),
            "findings": findings.strip(),
        }
        row = w.insert("reviews", values)
    return Edit(row, w.changes)


def _kpis_breached(w: Writer, start: datetime, end: datetime) -> int | None:
    """How many KPIs had a value past their target between ``start`` and ``end``; None without KPIs."""
    kpis = read_kpis(w.conn)
    if not kpis:
        return None
    in_period = [v for v in read_kpi_values(w.conn) if start <= v.at <= end]
    return len({kpi.id for kpi, _ in breaches(kpis, in_period)})


def add_action(
    lf: LaunchFile,
    *,
    actor: str,
    title: str,
    review_id: int | None = None,
    owner: str = "",
    due: str | datetime | None = None,
) -> Edit:
    """An improvement action, from a review (``review_id``) or on its own, with its owner and due."""
    values: dict[str, Any] = {"title": _text(title, tr("An action's title"))}
    wanted_due = checked_due(due) if due is not None else None
    with lf.writing(actor) as w:
        if review_id is not None:
            w.row("reviews", review_id)  # NotFound names it
        values.update(review_id=review_id, owner=new_owner(w, owner), due=due_stamp(w, wanted_due))
        row = w.insert("improvement_actions", values)
    return Edit(row, w.changes)


def finish_action(
    lf: LaunchFile,
    *,
    actor: str,
    action_id: int,
    at: datetime | str | None = None,
    expect_version: int | None = None,
) -> Edit:
    with lf.writing(actor) as w:
        current = w.row("improvement_actions", action_id)
        if current["status"] == ActionStatus.DONE.value:
            raise BadInput(tr("Action #{id} is already done; nothing was changed.", id=action_id))
        done = past_or_now(given_time(w, at, tr("done")), tr("done"))
        changes = {"status": ActionStatus.DONE.value, "done_at": stamp(done)}
        row = w.update("improvement_actions", action_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def add_lesson(lf: LaunchFile, *, actor: str, phase: str, kind: str, text: str) -> Edit:
    """A lesson learned: what went well, or what to change next time, in one phase of the launch."""
    values = {
        "phase": _choice(Stage, phase, tr("phase")).value,
        "kind": _choice(LessonKind, kind, tr("lesson kind")).value,
        "text": _text(text, tr("A lesson")),
    }
    with lf.writing(actor) as w:
        row = w.insert("lessons", values)
    return Edit(row, w.changes)


def link_ticket(
    lf: LaunchFile,
    *,
    actor: str,
    ticket_id: int,
    step: int | None = None,
    risk: int | None = None,
    test: str | None = None,
) -> Edit:
    """Say what a ticket is about: a runbook step, a risk (its incidents, once it occurred) or a failing
    test, by its name as the results show it (``classname.name`` or ``name``)."""
    given = [(LinkKind.STEP, step), (LinkKind.RISK, risk), (LinkKind.TEST, test)]
    chosen = [(kind, value) for kind, value in given if value not in (None, "")]
    if len(chosen) != 1:
        raise BadInput(tr("Name one thing the ticket is about: --step N, --risk N or --test NAME."))
    kind, value = chosen[0]
    target = str(value).strip()
    with lf.writing(actor) as w:
        w.row("tickets", ticket_id)
        if kind is LinkKind.STEP:
            w.row("runbook_steps", int(target))
        elif kind is LinkKind.RISK:
            w.row("risks", int(target))
        elif not _test_exists(w, target):
            raise BadInput(
                tr(
                    "No test named {name!r} in this launch's results; give it as the results show it "
                    "(classname.name, or the name alone).",
                    name=target,
                )
            )
        taken = w.conn.execute(
            "SELECT id FROM ticket_links WHERE ticket_id = ? AND kind = ? AND target = ?",
            [ticket_id, kind.value, target],
        ).fetchone()
        if taken is not None:
            raise BadInput(tr("Ticket #{id} is already linked to that; nothing was changed.", id=ticket_id))
        row = w.insert("ticket_links", {"ticket_id": ticket_id, "kind": kind.value, "target": target})
    return Edit(row, w.changes)


def _test_exists(w: Writer, name: str) -> bool:
    found = w.conn.execute(
        "SELECT 1 FROM test_cases WHERE name = ?1 OR (classname || '.' || name) = ?1 LIMIT 1", [name]
    ).fetchone()
    return found is not None
