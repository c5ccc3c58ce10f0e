"""Support tickets opened over the last days, some past their SLA clocks, one P1 still open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cockpit.domain.support import Severity, TicketKind, TicketStatus
from cockpit.services.demo.context import Demo, iso, minutes
from cockpit.store.writer import Writer

KIND_WEIGHTS = {
    TicketKind.INCIDENT: 40,
    TicketKind.INQUIRY: 35,
    TicketKind.REQUEST: 15,
    TicketKind.FEEDBACK: 10,
}
INCIDENT_SEVERITY_WEIGHTS = {Severity.P1: 4, Severity.P2: 22, Severity.P3: 50, Severity.P4: 24}
ASSIGNEE_ROLES = {
    TicketKind.INCIDENT: (
        "support_lead",
        "app_sales",
        "app_purchasing",
        "app_accounting",
        "it_ops_lead",
        "dba",
    ),
    TicketKind.INQUIRY: ("support_lead", "app_sales"),
    TicketKind.REQUEST: ("support_lead", "it_ops_lead", "security_officer"),
    TicketKind.FEEDBACK: ("support_lead", "business_owner"),
}
BANK_FILE_REJECTED = 3  # index of the incident title the open P1 is about


def _sla(w: Writer) -> dict[str, tuple[int, int]]:
    """The launch's own SLA policies (seeded by create_launch, editable), not numbers of our own."""
    rows = w.conn.execute("SELECT severity, first_response_minutes, resolution_minutes FROM sla_policies")
    return {r[0]: (r[1], r[2]) for r in rows}


def _severity(demo: Demo, kind: TicketKind) -> Severity:
    if kind is TicketKind.INCIDENT:
        return demo.rng.choices(list(INCIDENT_SEVERITY_WEIGHTS), list(INCIDENT_SEVERITY_WEIGHTS.values()))[0]
    if kind is TicketKind.FEEDBACK:
        return Severity.P4
    return demo.rng.choice((Severity.P3, Severity.P4))


def _words(demo: Demo, kind: TicketKind, title_index: int | None = None) -> tuple[str, str]:
    rng, text = demo.rng, demo.text
    titles = text["ticket_titles"][kind.value]
    template = titles[title_index if title_index is not None else rng.randrange(len(titles))]
    title = template.format(screen=rng.choice(text["ticket_screens"]))
    description = rng.choice(text["ticket_descriptions"]).format(
        site=rng.choice(text["areas"]), count=rng.randint(2, 9)
    )
    return title, description


def _ticket(
    demo: Demo,
    sla: dict[str, tuple[int, int]],
    *,
    kind: TicketKind,
    severity: Severity,
    age_minutes: float,
    respond_after: float,
    resolve_after: float,
    title_index: int | None = None,
) -> dict[str, Any]:
    rng = demo.rng
    opened = demo.now - minutes(age_minutes)
    first_at = opened + minutes(respond_after) if respond_after <= age_minutes else None
    resolved_at = opened + minutes(resolve_after) if first_at and resolve_after <= age_minutes else None
    if resolved_at:
        old = demo.now - resolved_at > timedelta(hours=24)
        status = TicketStatus.CLOSED if old and rng.random() < 0.7 else TicketStatus.RESOLVED
    elif first_at:
        status = rng.choice(
            (
                TicketStatus.ACKNOWLEDGED,
                TicketStatus.IN_PROGRESS,
                TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING,
            )
        )
    else:
        status = TicketStatus.NEW
    resolution_target = sla[severity.value][1]
    late = resolve_after > resolution_target and resolved_at is None and age_minutes > resolution_target
    escalation = {Severity.P1: rng.randint(1, 2), Severity.P2: rng.randint(0, 1)}.get(severity, 0)
    title, description = _words(demo, kind, title_index)
    assignee = demo.by_role[rng.choice(ASSIGNEE_ROLES[kind])]
    return {
        "title": title,
        "kind": kind.value,
        "severity": severity.value,
        "status": status.value,
        "reporter": rng.choice(demo.outsiders),
        "assignee": "" if status is TicketStatus.NEW else assignee,
        "description": description,
        "escalation_level": escalation + int(late),
        "opened_at": opened,
        "first_response_at": iso(first_at) if first_at else None,
        "resolved_at": iso(resolved_at) if resolved_at else None,
    }


def _random_ticket(demo: Demo, sla: dict[str, tuple[int, int]]) -> dict[str, Any]:
    rng = demo.rng
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    severity = _severity(demo, kind)
    first, resolve = sla[severity.value]
    # Most tickets arrive in the last half day, while key users check the migrated data.
    if rng.random() < 0.6:
        age = rng.uniform(5, 12 * 60)
    else:
        age = rng.uniform(12 * 60, demo.scale.ticket_days * 24 * 60)
    respond_after = first * (rng.uniform(0.1, 0.9) if rng.random() < 0.82 else rng.uniform(1.1, 3.0))
    resolve_after = resolve * (rng.uniform(0.15, 0.95) if rng.random() < 0.78 else rng.uniform(1.05, 2.0))
    return _ticket(
        demo,
        sla,
        kind=kind,
        severity=severity,
        age_minutes=age,
        respond_after=respond_after,
        resolve_after=max(resolve_after, respond_after + 5),
    )


def _story_tickets(demo: Demo, sla: dict[str, tuple[int, int]]) -> list[dict[str, Any]]:
    """The tickets the war room talks about: an open P1, a P2 past resolution, a P3 nobody answered."""
    rng = demo.rng
    p1 = _ticket(
        demo,
        sla,
        kind=TicketKind.INCIDENT,
        severity=Severity.P1,
        age_minutes=rng.uniform(35, 55),
        respond_after=rng.uniform(4, 12),
        resolve_after=10_000,
        title_index=BANK_FILE_REJECTED,
    )
    p1.update(status=TicketStatus.IN_PROGRESS.value, escalation_level=2)
    p2 = _ticket(
        demo,
        sla,
        kind=TicketKind.INCIDENT,
        severity=Severity.P2,
        age_minutes=sla["P2"][1] + rng.uniform(60, 150),
        respond_after=rng.uniform(10, 25),
        resolve_after=10_000,
    )
    p3 = _ticket(
        demo,
        sla,
        kind=TicketKind.INQUIRY,
        severity=Severity.P3,
        age_minutes=sla["P3"][0] + rng.uniform(30, 120),
        respond_after=10_000,
        resolve_after=10_000,
    )
    return [p1, p2, p3]


def write_tickets(w: Writer, demo: Demo) -> None:
    sla = _sla(w)
    tickets = _story_tickets(demo, sla)
    tickets += [_random_ticket(demo, sla) for _ in range(demo.scale.tickets - len(tickets))]
    tickets.sort(key=lambda t: t["opened_at"])  # ids follow arrival, as in a real desk
    rows = [{"id": n, **t, "opened_at": iso(t["opened_at"])} for n, t in enumerate(tickets, start=1)]
    w.insert_many("tickets", rows, summary="demo: support tickets")
