"""Support: open tickets per severity against their SLA, the load over time, and the tickets to chase."""

from __future__ import annotations

from datetime import timedelta

from cockpit.charts.support import open_tickets_over_time
from cockpit.domain.queue_order import in_work_order
from cockpit.domain.status import Pane
from cockpit.domain.support import (
    Severity,
    SlaClock,
    Ticket,
    TicketStatus,
    clock_for,
    policies_by_severity,
    summarize_support,
)
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Chart, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, capped, more_text, opening
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels
from cockpit.words.rows import field_label

LISTED_TICKETS = 25
CHART_INCHES = 3.4


def blocks(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    out = opening(ctx, Pane.SUPPORT)
    if not data.tickets:
        return [*out, Lines([tr("No tickets yet.")])]
    support = ctx.status["support"]
    per_status = ", ".join(
        f"{labels.ticket_status_label(TicketStatus(s))} {n}" for s, n in support["per_status"].items()
    )
    out.append(
        Lines(
            [
                tr(
                    "{open} of {total} tickets open · {breached} open past their SLA ({urgent} of them P1/P2)",
                    open=support["open"],
                    total=support["total"],
                    breached=support["sla_breached"],
                    urgent=support["urgent_sla_breached"],
                ),
                tr("By status: {counts}", counts=per_status),
            ]
        )
    )
    out.append(_severity_table(ctx))
    tickets, now, zone = data.tickets, ctx.now, data.launch.timezone
    out.append(Chart(lambda: open_tickets_over_time(tickets, now=now, tz=zone), CHART_INCHES))
    out.append(_chase_table(ctx))
    return out


def _minutes(minutes: int) -> str:
    return words.duration(timedelta(minutes=minutes))


def _severity_table(ctx: ReportContext) -> Table:
    summary = summarize_support(ctx.data.tickets, ctx.data.sla_policies, now=ctx.now)
    policies = policies_by_severity(ctx.data.sla_policies)
    rows = []
    for severity in Severity:
        policy = policies.get(severity)
        target = (
            tr(
                "{response} / {resolution}",
                response=_minutes(policy.first_response_minutes),
                resolution=_minutes(policy.resolution_minutes),
            )
            if policy
            else "—"
        )
        late = summary.breached_per_severity[severity]
        rows.append(
            (
                severity.value,
                str(summary.open_per_severity[severity]),
                Ink(f"{words.NOT_OK_MARK} {late}", BAD_INK) if late else "0",
                target,
            )
        )
    return Table(
        title=tr("Open tickets per severity"),
        columns=(
            Column(field_label("tickets", "severity"), 1.0),
            Column(tr("Open"), 1.0, align="right"),
            Column(tr("Past SLA"), 1.2, align="right"),
            Column(tr("SLA: first response / resolution"), 3.0),
        ),
        rows=rows,
    )


def _chase_table(ctx: ReportContext) -> Table:
    by_severity = policies_by_severity(ctx.data.sla_policies)
    chase = []
    # The queue's work order (open P1/P2 first), as the Support pane and the wall show it.
    for ticket in in_work_order(ctx.data.tickets, lambda t: clock_for(t, by_severity, now=ctx.now)):
        if not ticket.is_open:
            continue
        clock = clock_for(ticket, by_severity, now=ctx.now)
        breached = clock is not None and clock.breached
        if breached or ticket.severity == Severity.P1:
            chase.append((ticket, clock))
    shown, left_out = capped(chase, LISTED_TICKETS)
    return Table(
        title=tr("Open P1 tickets and tickets past their SLA ({count})", count=len(chase)),
        columns=(
            Column(tr("#"), 0.55, align="right"),
            Column(tr("Sev."), 0.5),
            Column(tr("Ticket"), 3.5, max_lines=2),
            Column(field_label("tickets", "status"), 1.1),
            Column(field_label("tickets", "assignee"), 1.2),
            Column(field_label("tickets", "opened_at"), 1.2, max_lines=1),
            Column(tr("SLA"), 1.7, max_lines=2),
        ),
        rows=[
            (
                str(t.id),
                t.severity.value,
                t.title,
                labels.ticket_status_label(t.status),
                t.assignee or "—",
                words.table_time(t.opened_at, ctx.zone, now=ctx.now),
                _sla(t, clock),
            )
            for t, clock in shown
        ],
        more=more_text(left_out, Pane.SUPPORT),
        empty=tr("No open P1 ticket, and every open ticket is within its SLA."),
    )


def _sla(ticket: Ticket, clock: SlaClock | None) -> str | Ink:
    if clock is None:
        return tr("no SLA for {severity}", severity=ticket.severity.value)
    remaining = clock.next_remaining
    if clock.breached:
        if clock.resolution_breached:
            which, overdue = tr("resolution"), -clock.resolution_remaining
        else:
            which, overdue = tr("first response"), -clock.first_response_remaining
        return Ink(
            tr(
                "{mark} {which} past due by {time}",
                mark=words.NOT_OK_MARK,
                which=which,
                time=words.duration(overdue),
            ),
            BAD_INK,
        )
    if remaining is None:
        return tr("met")
    return tr("{time} left", time=words.duration(remaining))
