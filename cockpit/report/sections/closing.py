"""The closing report's own sections: the launch from plan to close, the cutover against its plan, the
tickets and SLA attainment over hypercare, and the reviews with their actions and lessons learned."""

from __future__ import annotations

from datetime import datetime

from cockpit.domain.closing import cutover_against_plan, sla_attainment
from cockpit.domain.launch import Stage
from cockpit.domain.migration import ReconStatus, reconcile
from cockpit.domain.reviews import ActionStatus, LessonKind, incidents_of, overdue_actions
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import TicketKind
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import H2, Block, Heading, Line, Lines, Masthead
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, OK_INK, capped
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels
from cockpit.words.reviews import action_status_label, cadence_label

LISTED_ACTIONS = 40
LISTED_OBJECTS = 40
LISTED_REVIEWS = 30


def hypercare_end(ctx: ReportContext) -> datetime:
    """When hypercare ended: the move to closed, or the report's moment while the launch is not closed."""
    move = ctx.data.launch.last_stage_move
    if ctx.data.launch.stage is Stage.CLOSED and move is not None and move.stage is Stage.CLOSED:
        return move.at
    return ctx.now


def masthead(ctx: ReportContext) -> Masthead:
    launch, zone = ctx.data.launch, ctx.zone
    facts = [
        tr(
            "Go-live {when} ({zone}) · stage: {stage}",
            when=words.local_time(launch.go_live, zone),
            zone=launch.timezone,
            stage=labels.stage_label(launch.stage),
        ),
        tr(
            "Hypercare from {start} to {end}",
            start=words.local_time(launch.go_live, zone),
            end=words.local_time(hypercare_end(ctx), zone),
        ),
        tr(
            "Closing report generated {when} ({zone})",
            when=words.local_time(ctx.now, zone),
            zone=launch.timezone,
        ),
    ]
    return Masthead(
        title=launch.name,
        facts=facts,
        countdown=words.countdown(launch.go_live, ctx.now),
        caption=tr("since go-live") if launch.go_live < ctx.now else tr("until go-live"),
    )


def cutover(ctx: ReportContext) -> list[Block]:
    plan = cutover_against_plan(ctx.data.steps)
    heading = Heading(tr("Cutover against plan"))
    if not plan.steps:
        return [heading, Lines([tr("No runbook steps were planned.")])]
    zone = ctx.zone
    late = plan.finished_late_by
    if late is None:
        verdict = Line(tr("The cutover has not finished every step."), size=H2, color=BAD_INK)
    elif late.total_seconds() > 0:
        verdict = Line(
            tr("Finished {time} after the planned end.", time=words.duration(late)), size=H2, color=BAD_INK
        )
    else:
        verdict = Line(
            tr("Finished {time} before the planned end.", time=words.duration(late)), size=H2, color=OK_INK
        )
    return [
        heading,
        Lines(
            [
                verdict,
                tr(
                    "Planned {start} to {end}; ran {actual_start} to {actual_end}.",
                    start=words.local_time(plan.planned_start, zone),
                    end=words.local_time(plan.planned_end, zone),
                    actual_start=words.local_time(plan.actual_start, zone),
                    actual_end=words.local_time(plan.actual_end, zone),
                ),
                tr(
                    "{done} of {total} steps done, {skipped} skipped, {failed} failed attempts retried.",
                    done=plan.done,
                    total=plan.steps,
                    skipped=plan.skipped,
                    failed=plan.failed_attempts,
                ),
            ]
        ),
    ]


def reconciliation(ctx: ReportContext) -> list[Block]:
    """Every migration object's counts as they ended: the record of what was moved."""
    recons = [reconcile(o) for o in ctx.data.objects]
    if not recons:
        return []
    done = sum(r.status in (ReconStatus.RECONCILED, ReconStatus.ACCEPTED) for r in recons)
    shown, left_out = capped(recons, LISTED_OBJECTS)
    return [
        Heading(tr("Migration reconciliation")),
        Lines([tr("{done} of {total} objects reconciled or accepted.", done=done, total=len(recons))]),
        Table(
            title=tr("Migration objects"),
            columns=(
                Column(tr("Object"), 2.6),
                Column(tr("Source"), 1.0, align="right"),
                Column(tr("Rejected"), 1.0, align="right"),
                Column(tr("Target"), 1.0, align="right"),
                Column(tr("Difference"), 1.0, align="right"),
                Column(tr("Result"), 1.6),
            ),
            rows=[
                (
                    r.object.name,
                    f"{r.object.source_rows:,}",
                    f"{r.object.rejected_rows:,}",
                    "—" if r.object.target_rows is None else f"{r.object.target_rows:,}",
                    "—" if r.delta is None else f"{r.delta:+,}",
                    Ink(
                        labels.recon_status_label(r.status),
                        OK_INK if r.status in (ReconStatus.RECONCILED, ReconStatus.ACCEPTED) else BAD_INK,
                    ),
                )
                for r in shown
            ],
            more=tr("… and {count} more", count=left_out) if left_out else "",
        ),
    ]


def hypercare(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    since, until = data.launch.go_live, hypercare_end(ctx)
    heading = Heading(tr("Tickets and SLA attainment over hypercare"))
    rows = sla_attainment(data.tickets, data.sla_policies, since=since, until=until)
    opened = [t for t in data.tickets if since <= t.opened_at < until]
    by_kind = ", ".join(
        f"{labels.ticket_kind_label(kind)} {sum(t.kind is kind for t in opened)}" for kind in TicketKind
    )
    resolved = sum(r.resolved for r in rows)
    on_time = sum(r.resolution_on_time for r in rows)
    summary = tr(
        "Tickets opened: {opened} · resolved: {resolved} · resolved within their SLA: {on_time} ({percent})",
        opened=len(opened),
        resolved=resolved,
        on_time=on_time,
        percent=words.percent(on_time / resolved if resolved else None),
    )
    table = Table(
        title=tr("SLA attainment by severity"),
        columns=(
            Column(tr("Sev."), 0.6),
            Column(tr("Tickets opened"), 0.9, align="right"),
            Column(tr("First response on time"), 1.8, align="right"),
            Column(tr("Tickets resolved"), 0.9, align="right"),
            Column(tr("Resolved within SLA"), 1.7, align="right"),
            Column(tr("Updates late"), 1.1, align="right"),
        ),
        rows=[
            (
                r.severity.value,
                str(r.opened),
                f"{r.response_on_time} ({words.percent(r.response_ratio)})",
                str(r.resolved),
                _ratio_ink(r.resolution_on_time, r.resolution_ratio),
                str(r.update_missed),
            )
            for r in rows
        ],
    )
    return [
        heading,
        Lines([Line(summary, size=H2), tr("By kind: {counts}", counts=by_kind)]),
        table,
        *_occurred(ctx),
    ]


def _occurred(ctx: ReportContext) -> list[Block]:
    """The risks that happened, each with the tickets that name it."""
    data = ctx.data
    occurred = [r for r in data.risks if r.status is RiskStatus.OCCURRED]
    if not occurred:
        return []
    titles = {t.id: t.title for t in data.tickets}
    return [
        Table(
            title=tr("Risks that occurred and their incidents"),
            columns=(Column(tr("Risk"), 3.0, max_lines=2), Column(tr("Incidents"), 5.0, max_lines=3)),
            rows=[
                (
                    f"#{r.id} {r.title}",
                    ", ".join(f"#{i} {titles.get(i, '')}" for i in incidents_of(r, data.ticket_links))
                    or tr("no ticket names it"),
                )
                for r in occurred
            ],
        )
    ]


def _ratio_ink(count: int, ratio: float | None) -> str | Ink:
    text = f"{count} ({words.percent(ratio)})"
    if ratio is None:
        return text
    return Ink(text, OK_INK if ratio >= 0.95 else BAD_INK)


def reviews(ctx: ReportContext) -> list[Block]:
    data, zone = ctx.data, ctx.zone
    out: list[Block] = [Heading(tr("Reviews, improvement actions and lessons learned"))]
    done = sum(a.status is ActionStatus.DONE for a in data.actions)
    late = overdue_actions(data.actions, now=ctx.now)
    out.append(
        Lines(
            [
                tr(
                    "{meetings} review meetings · {done} of {total} improvement actions done · {late} overdue",
                    meetings=len(data.reviews),
                    done=done,
                    total=len(data.actions),
                    late=len(late),
                )
            ]
        )
    )
    shown, _ = capped(list(data.reviews), LISTED_REVIEWS)
    out.append(
        Table(
            title=tr("Review meetings"),
            columns=(
                Column(tr("When"), 1.3),
                Column(tr("Cadence"), 0.8),
                Column(tr("Tickets opened"), 0.8, align="right"),
                Column(tr("Tickets resolved"), 0.8, align="right"),
                Column(tr("SLA met"), 0.9, align="right"),
                Column(tr("Attendees"), 1.6, max_lines=2),
                Column(tr("Findings"), 3.0, max_lines=3),
            ),
            rows=[
                (
                    words.local_time(r.held_at, zone),
                    cadence_label(r.cadence),
                    str(r.figures.get("opened", 0)),
                    str(r.figures.get("resolved", 0)),
                    _percent_figure(r.figures.get("sla_attainment_percent")),
                    r.attendees,
                    r.findings,
                )
                for r in shown
            ],
            empty=tr("No review meeting was recorded."),
        )
    )
    actions, _ = capped(list(data.actions), LISTED_ACTIONS)
    out.append(
        Table(
            title=tr("Improvement actions"),
            columns=(
                Column(tr("#"), 0.5, align="right"),
                Column(tr("Improvement action"), 3.2, max_lines=2),
                Column(tr("Owner"), 1.2),
                Column(tr("Due"), 1.3),
                Column(tr("Status"), 1.6),
            ),
            rows=[
                (
                    str(a.id),
                    a.title,
                    a.owner or "—",
                    words.local_time(a.due, zone),
                    _action_state(a, ctx),
                )
                for a in actions
            ],
            empty=tr("No improvement action was recorded."),
        )
    )
    out += _lessons(ctx)
    return out


def _percent_figure(value: object) -> str:
    return "—" if value is None else f"{value}%"


def _action_state(action, ctx: ReportContext) -> str | Ink:
    if action.status is ActionStatus.DONE:
        return Ink(
            tr(
                "{status} {when}",
                status=action_status_label(action.status),
                when=words.local_time(action.done_at, ctx.zone),
            ),
            OK_INK,
        )
    if action.overdue(ctx.now):
        return Ink(tr("{mark} overdue", mark=words.NOT_OK_MARK), BAD_INK)
    return action_status_label(action.status)


def _lessons(ctx: ReportContext) -> list[Block]:
    lessons = ctx.data.lessons
    if not lessons:
        return [Lines([tr("No lesson learned was recorded.")])]
    out: list[Block] = [Heading(tr("Lessons learned"), size=H2, rule=False)]
    for stage in Stage:
        these = [lesson for lesson in lessons if lesson.phase == stage.value]
        if not these:
            continue
        lines: list[Line | str] = [Line(labels.stage_label(stage), size=H2)]
        for kind, title in (
            (LessonKind.WENT_WELL, tr("Went well")),
            (LessonKind.CHANGE, tr("Change next time")),
        ):
            for lesson in these:
                if lesson.kind is kind:
                    lines.append(f"{title}: {lesson.text}")
        out.append(Lines(lines))
    return out
