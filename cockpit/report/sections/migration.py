"""Migration: the runbook's ETA and slack, the backup checkpoint, the time chart, the rehearsals and rollback
decisions, and the objects not reconciled."""

from __future__ import annotations

from datetime import timedelta

from cockpit.charts.runbook import runbook_timeline
from cockpit.domain.migration import (
    Reconciliation,
    ReconStatus,
    RunbookStep,
    StepKind,
    StepStatus,
    reconcile,
)
from cockpit.domain.rollback import forecast_current_path
from cockpit.domain.status import Pane, format_signed_minutes
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Chart, Line, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections import rehearsals
from cockpit.report.sections.common import BAD_INK, OK_INK, capped, more_text, opening
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels

CHART_ROWS = 40  # the window of steps around the work in progress; the pane scrolls through all of them
LISTED_MISMATCHES = 30
LISTED_ACCEPTED = 10
LISTED_PENDING = 15
LISTED_TROUBLES = 15


def blocks(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    out = opening(ctx, Pane.MIGRATION)
    if not data.steps and not data.objects:
        return out  # the light says there is nothing yet
    out.append(Lines(_facts(ctx)))
    if data.steps and ctx.status["migration"]["problem"] is None:
        out.append(_chart(ctx))
    troubled = _troubled_steps(data.steps)
    if troubled:  # a runbook that ran to plan needs no table saying so
        out.append(_troubles(ctx, troubled))
    out += rehearsals.blocks(ctx)
    recons = sorted((reconcile(o) for o in data.objects), key=lambda r: (-abs(r.delta or 0), r.object.name))
    if data.objects:
        out += [_mismatched(recons), _accepted(recons), _pending(recons)]
    return out


def _facts(ctx: ReportContext) -> list[Line | str]:
    migration = ctx.status["migration"]
    steps, objects = migration["steps"], migration["objects"]
    lines: list[Line | str] = []
    if migration["problem"]:
        lines.append(Line(f"{words.NOT_OK_MARK} {migration['problem']}", color=BAD_INK))
    if steps["total"]:
        lines.append(
            tr(
                "Runbook: {done} of {total} steps done or skipped · {running} running · {late} late ({overrun} over their planned time)",
                done=steps["done_or_skipped"],
                total=steps["total"],
                running=steps["running"],
                late=steps["late"] if steps["late"] is not None else "—",
                overrun=steps["overrun"] if steps["overrun"] is not None else "—",
            )
        )
        lines.append(_eta_line(ctx))
        if migration["eta_after_go_live"]:
            go_live = words.local_time(ctx.data.launch.go_live, ctx.zone)
            lines.append(
                Line(f"{words.NOT_OK_MARK} {tr('ETA after go-live ({time})', time=go_live)}", color=BAD_INK)
            )
        lines.append(_backup_line(ctx))
    if objects["total"]:
        lines.append(
            tr(
                "Objects: {ok} of {total} reconciled ({accepted} with an accepted difference) · {bad} mismatched · {pending} not loaded yet",
                ok=objects["reconciled"],
                total=objects["total"],
                accepted=objects["accepted"],
                bad=objects["mismatched"],
                pending=objects["pending"],
            )
        )
    return lines


def _eta_line(ctx: ReportContext) -> Line | str:
    data, zone = ctx.data, ctx.zone
    try:
        forecast = forecast_current_path(
            data.steps, data.rollback_decisions, now=ctx.now, rollback_deadline=data.launch.rollback_deadline
        )
    except ValueError:
        return tr("ETA: unknown (the runbook has a dependency cycle)")
    eta = words.local_time(forecast.eta, zone)
    if forecast.slack is None:
        return tr("ETA {eta} · no rollback deadline set", eta=eta)
    text = tr(
        "ETA {eta} · rollback deadline {deadline} · slack {slack}",
        eta=eta,
        deadline=words.local_time(data.launch.rollback_deadline, zone),
        # Whole minutes by the runbook's one rule (``slack_minutes``), as the tiles and the CLI give it.
        slack=format_signed_minutes(forecast.slack_minutes or 0, negative=forecast.slack < timedelta(0)),
    )
    late = forecast.slack.total_seconds() < 0
    return Line(f"{words.NOT_OK_MARK} {text}", color=BAD_INK) if late else text


def _backup_line(ctx: ReportContext) -> Line:
    backups = [s for s in ctx.data.steps if s.kind == StepKind.BACKUP]
    if not backups:
        return Line(
            f"{words.NOT_OK_MARK} {tr('Backup checkpoint: no backup step in the runbook')}", color=BAD_INK
        )
    waiting = [s for s in backups if s.status != StepStatus.DONE]
    if not waiting:
        last = max((s.actual_end for s in backups if s.actual_end), default=None)
        text = tr(
            "Backup checkpoint: {mark} all {n} backup steps done (last at {when})",
            mark=words.OK_MARK,
            n=len(backups),
            when=words.local_time(last, ctx.zone),
        )
        return Line(text, color=OK_INK)
    names = ", ".join(f"{s.seq}. {s.title} ({labels.step_status_label(s.status)})" for s in waiting[:3])
    if len(waiting) > 3:
        names = tr("{names} and {count} more", names=names, count=len(waiting) - 3)
    text = tr(
        "Backup checkpoint: {mark} {done} of {total} backup steps done; waiting for {names}",
        mark=words.NOT_OK_MARK,
        done=len(backups) - len(waiting),
        total=len(backups),
        names=names,
    )
    return Line(text, color=BAD_INK)


def _chart(ctx: ReportContext) -> Chart:
    data, now = ctx.data, ctx.now
    rows = min(len(data.steps), CHART_ROWS)

    def build():
        forecast = forecast_current_path(
            data.steps, data.rollback_decisions, now=now, rollback_deadline=data.launch.rollback_deadline
        )
        return runbook_timeline(
            forecast,
            now=now,
            rollback_deadline=data.launch.rollback_deadline,
            tz=data.launch.timezone,
            max_rows=CHART_ROWS,
        )

    return Chart(build, 2.1 + 0.135 * rows)


def _rows(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _mismatched(recons: list[Reconciliation]) -> Table:
    bad = [r for r in recons if r.status == ReconStatus.MISMATCH]
    shown, left_out = capped(bad, LISTED_MISMATCHES)
    return Table(
        title=tr("Mismatched objects ({count})", count=len(bad)),
        columns=(
            Column(tr("Object"), 2.6),
            Column(tr("Expected rows"), 1.3, align="right"),
            Column(tr("Loaded rows"), 1.3, align="right"),
            Column(tr("Difference"), 1.3, align="right"),
            Column(tr("Tolerance"), 1.0, align="right"),
            Column(tr("Owner"), 1.4),
        ),
        rows=[
            (
                Ink(f"× {r.object.name}", BAD_INK),
                _rows(r.expected),
                _rows(r.object.target_rows),
                f"{r.delta:+,}" if r.delta is not None else "—",
                f"±{r.object.tolerance_rows:,}",
                r.object.owner,
            )
            for r in shown
        ],
        more=more_text(left_out, Pane.MIGRATION),
        empty=tr("No mismatch: every loaded object is within its tolerance or accepted."),
    )


def _troubled_steps(steps: tuple[RunbookStep, ...]) -> list[RunbookStep]:
    """Steps that failed, were retried or skipped: what a review asks about, in the runbook's order."""
    return [s for s in steps if s.status in (StepStatus.FAILED, StepStatus.SKIPPED) or s.attempts]


def _troubles(ctx: ReportContext, troubled: list[RunbookStep]) -> Table:
    shown, left_out = capped(troubled, LISTED_TROUBLES)

    def history(step: RunbookStep) -> str:
        lines = [step.status_reason] if step.status in (StepStatus.FAILED, StepStatus.SKIPPED) else []
        lines += [
            tr(
                "Attempt {n} failed {start}–{end}: {reason}",
                n=a.attempt,
                start=words.local_time(a.actual_start, ctx.zone),
                end=words.local_time(a.actual_end, ctx.zone),
                reason=a.reason,
            )
            for a in step.attempts
        ]
        return " · ".join(line for line in lines if line)

    return Table(
        title=tr("Failed, retried and skipped steps ({count})", count=len(troubled)),
        columns=(
            Column(tr("Step"), 2.6),
            Column(tr("Status"), 1.2),
            Column(tr("Attempt"), 0.8, align="right"),
            Column(tr("Why, and the attempts before"), 4.2, max_lines=3),
        ),
        rows=[
            (
                Ink(f"#{s.seq} {s.title}", BAD_INK)
                if s.status is StepStatus.FAILED
                else f"#{s.seq} {s.title}",
                labels.step_status_label(s.status),
                str(s.attempt),
                history(s),
            )
            for s in shown
        ],
        more=more_text(left_out, Pane.MIGRATION),
        empty="",
    )


def _accepted(recons: list[Reconciliation]) -> Table:
    accepted = [r for r in recons if r.status == ReconStatus.ACCEPTED]
    shown, left_out = capped(accepted, LISTED_ACCEPTED)
    return Table(
        title=tr("Accepted differences ({count})", count=len(accepted)),
        columns=(
            Column(tr("Object"), 2.4),
            Column(tr("Difference"), 1.1, align="right"),
            Column(tr("Reason"), 4.0, max_lines=2),
            Column(tr("Accepted by"), 1.4),
        ),
        rows=[
            (f"△ {r.object.name}", f"{r.delta:+,}", r.object.accepted_reason, r.object.accepted_by)
            for r in shown
        ],
        more=more_text(left_out, Pane.MIGRATION),
        empty=tr("No accepted difference."),
    )


def _pending(recons: list[Reconciliation]) -> Table:
    pending = sorted((r for r in recons if r.status == ReconStatus.PENDING), key=lambda r: r.object.name)
    shown, left_out = capped(pending, LISTED_PENDING)
    return Table(
        title=tr("Objects not loaded yet ({count})", count=len(pending)),
        columns=(
            Column(tr("Object"), 3.0),
            Column(tr("Source rows"), 1.4, align="right"),
            Column(tr("Owner"), 1.6),
        ),
        rows=[(f"– {r.object.name}", _rows(r.object.source_rows), r.object.owner) for r in shown],
        more=more_text(left_out, Pane.MIGRATION),
        empty=tr("Every object is loaded."),
    )
