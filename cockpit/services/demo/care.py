"""Support and review around the cutover: SLA calendars, KPIs with values, a review with actions and lessons,
tickets waiting on their reporters, and tickets linked to what they are about.

The rows are those ``services/support_clocks.py``, ``services/kpis.py`` and ``services/reviews.py`` write.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from cockpit.domain.business_hours import days_text, parse_days
from cockpit.domain.kpis import Kpi, is_met
from cockpit.domain.reviews import ActionStatus, Cadence, LessonKind, review_figures
from cockpit.domain.support import TicketStatus
from cockpit.services.demo.catalog import RISKS
from cockpit.services.demo.context import JST, Demo, iso
from cockpit.services.demo.cutover_catalog import RUNBOOK
from cockpit.services.kpis import TYPED
from cockpit.services.template_files import load_template
from cockpit.services.ticket_pauses import sync_pause
from cockpit.store.read import read_kpis, read_sla_policies, read_tickets
from cockpit.store.writer import Writer

BUSINESS_HOURS_SEVERITIES = ("P3", "P4")  # P1 and P2 stay 24×7, as service desks run them
KPI_EVERY = timedelta(hours=3)
KPI_READINGS = 24  # three days of readings
# (KPI key, readings ago): the values past their target, told by the tickets of the same hours.
KPI_BREACHES = {("p95_response", 0): 940.0, ("p95_response", 1): 860.0, ("error_rate", 8): 0.8}
KPI_BASE = {  # a value that meets the target, and how far it wanders
    "uptime": (99.97, 0.03),
    "p95_response": (560.0, 120.0),
    "error_rate": (0.15, 0.1),
    "batch_on_time": (100.0, 0.0),
}
BANK_RISK = next(index for index, (key, *_) in enumerate(RISKS, start=1) if key == "bank_interface")
BANK_STEP = next(index for index, (key, *_) in enumerate(RUNBOOK, start=1) if key == "switch_interfaces")


def write_sla_calendars(w: Writer, demo: Demo) -> None:
    """P3 and P4 count business hours on weekdays less Japanese public holidays and the team's year end."""
    for severity in BUSINESS_HOURS_SEVERITIES:
        (policy_id,) = w.conn.execute("SELECT id FROM sla_policies WHERE severity = ?", [severity]).fetchone()
        w.update(
            "sla_policies",
            policy_id,
            {
                "working_days": days_text(parse_days("mon-fri")),
                "working_hours": "09:00-18:00",
                "public_holidays": "JP",
            },
            summary="demo: business hours",
        )
    year = demo.go_live.year
    year_end = [datetime(year, 12, 29) + timedelta(days=n) for n in range(6)]
    w.insert_many(
        "team_holidays",
        [
            {"day": day.date().isoformat(), "name": demo.text["lifecycle"]["year_end_holiday"]}
            for day in year_end
        ],
        summary="demo: team holidays",
    )


def write_pauses(w: Writer, demo: Demo) -> None:
    """A ticket waiting on its reporter has been paused since a while after its first answer."""
    rows = []
    for ticket_id, first_response in w.conn.execute(
        "SELECT id, first_response_at FROM tickets WHERE status = 'waiting' ORDER BY id"
    ):
        answered = datetime.fromisoformat(first_response)
        paused = answered + (demo.now - answered) * demo.rng.uniform(0.2, 0.6)
        rows.append((ticket_id, iso(paused), demo.by_role["support_lead"]))
    w.conn.executemany("INSERT INTO ticket_pauses (ticket_id, started_at, started_by) VALUES (?, ?, ?)", rows)
    # The P2 past its resolution target has waited on its reporter since a while: past SLA and paused, it
    # sits below the running late tickets, and the open P1 moves above it once its own clock runs out.
    (p2_resolution,) = w.conn.execute(
        "SELECT resolution_minutes FROM sla_policies WHERE severity = 'P2'"
    ).fetchone()
    late_p2 = w.conn.execute(
        "SELECT id FROM tickets WHERE severity = 'P2' AND status IN ('acknowledged', 'in_progress')"
        " AND opened_at < ? ORDER BY opened_at LIMIT 1",
        [iso(demo.now - timedelta(minutes=p2_resolution + 30))],
    ).fetchone()
    if late_p2 is not None:
        current = w.row("tickets", late_p2[0])
        sync_pause(w, current, TicketStatus.WAITING, at=demo.now - timedelta(minutes=40))
        w.update("tickets", late_p2[0], {"status": TicketStatus.WAITING.value}, summary="demo: waiting")


def write_ticket_links(w: Writer, demo: Demo) -> None:
    """The open P1 is about the bank interface (its risk, the step that switches it); a failed test's ticket."""
    p1 = w.conn.execute(
        "SELECT id FROM tickets WHERE severity = 'P1' AND status = 'in_progress' ORDER BY opened_at DESC LIMIT 1"
    ).fetchone()
    failed = w.conn.execute(
        "SELECT classname, name FROM test_cases WHERE outcome = 'failed' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    incident = w.conn.execute(
        "SELECT id FROM tickets WHERE kind = 'incident' AND severity = 'P3' ORDER BY opened_at DESC LIMIT 1"
    ).fetchone()
    links: list[dict[str, Any]] = []
    if p1 is not None:
        links += [
            {"ticket_id": p1[0], "kind": "risk", "target": str(BANK_RISK)},
            {"ticket_id": p1[0], "kind": "step", "target": str(BANK_STEP)},
        ]
    if failed is not None and incident is not None:
        name = f"{failed[0]}.{failed[1]}" if failed[0] else failed[1]
        links.append({"ticket_id": incident[0], "kind": "test", "target": name})
    w.insert_many("ticket_links", links, summary="demo: ticket links")


def _open_incidents(w: Writer, at: datetime) -> int:
    stamp = iso(at)
    return int(
        w.conn.execute(
            "SELECT COUNT(*) FROM tickets WHERE kind = 'incident' AND opened_at <= ?"
            " AND (resolved_at IS NULL OR resolved_at > ?)",
            [stamp, stamp],
        ).fetchone()[0]
    )


def write_kpis(w: Writer, demo: Demo, lang: str) -> None:
    """The standard template's KPIs, with a reading every three hours over the last three days."""
    plans = load_template("standard", lang).kpis
    w.insert_many(
        "kpis",
        [
            {
                "id": number,
                "name": kpi.name,
                "unit": kpi.unit,
                "target": kpi.target,
                "direction": kpi.direction.value,
                "query": kpi.query,
            }
            for number, kpi in enumerate(plans, start=1)
        ],
        summary="demo: KPIs",
    )
    latest = demo.now.replace(minute=0, second=0, microsecond=0)
    rows = []
    for ago in range(KPI_READINGS - 1, -1, -1):
        at = latest - KPI_EVERY * ago
        for number, kpi in enumerate(plans, start=1):
            if (kpi.key, ago) in KPI_BREACHES:
                value = KPI_BREACHES[(kpi.key, ago)]
            elif kpi.key in KPI_BASE:
                base, spread = KPI_BASE[kpi.key]
                value = round(base + demo.rng.uniform(-spread, spread), 2)
                if kpi.key == "uptime":
                    value = min(value, 100.0)
            else:
                value = float(_open_incidents(w, at))
            rows.append({"kpi_id": number, "at": iso(at), "value": value, "source": TYPED})
    w.insert_many("kpi_values", rows, summary="demo: KPI values")


def _breached_kpis(kpis: tuple[Kpi, ...], rows: list[tuple[int, str, float]], start: datetime) -> int:
    by_id = {kpi.id: kpi for kpi in kpis}
    return len(
        {kpi_id for kpi_id, at, value in rows if at >= iso(start) and not is_met(by_id[kpi_id], value)}
    )


def write_review(w: Writer, demo: Demo) -> None:
    """Yesterday's weekly review: its figures frozen, three actions (one done, one late), two lessons."""
    words = demo.text["lifecycle"]
    held = (demo.now - timedelta(days=1)).astimezone(JST).replace(hour=17, minute=30, second=0, microsecond=0)
    start = held - timedelta(weeks=1)
    values = w.conn.execute("SELECT kpi_id, at, value FROM kpi_values WHERE at <= ?", [iso(held)]).fetchall()
    figures = review_figures(
        read_tickets(w.conn),
        read_sla_policies(w.conn),
        period_start=start,
        period_end=held,
        kpi_breaches=_breached_kpis(read_kpis(w.conn), values, start),
    )
    attendees = ", ".join(demo.by_role[r] for r in ("launch_lead", "pmo", "support_lead", "migration_lead"))
    review = w.insert(
        "reviews",
        {
            "held_at": iso(held),
            "cadence": Cadence.WEEKLY.value,
            "attendees": attendees,
            "period_start": iso(start),
            "period_end": iso(held),
            "figures": json.dumps(figures, ensure_ascii=False),
            "findings": words["review_findings"],
        },
        summary="demo: review meeting",
    )
    owners = ("migration_lead", "support_lead", "app_sales")
    dues = (held + timedelta(hours=4), demo.now + timedelta(days=1), demo.now - timedelta(hours=2))
    actions = []
    for index, (title, role, due) in enumerate(zip(words["actions"], owners, dues, strict=True)):
        done = index == 0
        actions.append(
            {
                "review_id": review["id"],
                "title": title,
                "owner": demo.by_role[role],
                "due": iso(due),
                "status": (ActionStatus.DONE if done else ActionStatus.OPEN).value,
                "done_at": iso(held + timedelta(hours=3)) if done else None,
            }
        )
    w.insert_many("improvement_actions", actions, summary="demo: improvement actions")
    lessons = [
        {"phase": "preparation", "kind": LessonKind.WENT_WELL.value, "text": words["lessons"][0]},
        {"phase": "preparation", "kind": LessonKind.CHANGE.value, "text": words["lessons"][1]},
    ]
    w.insert_many("lessons", lessons, summary="demo: lessons")
