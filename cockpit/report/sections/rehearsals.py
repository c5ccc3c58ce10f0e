"""The migration section's rehearsals (移行リハーサル) and rollback decisions: plan, each rehearsal and live per step
(minutes and variance against plan), the rehearsal forecast at P50 and P80, and each decision taken."""

from __future__ import annotations

from cockpit.domain.rehearsals import compare_steps, ordered, rehearsal_title
from cockpit.domain.rollback import RollbackChoice, RollbackDecision
from cockpit.domain.status import Pane
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Line, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, capped, more_text
from cockpit.report.table import Column, Table

LISTED_STEPS = 40
SHOWN_REHEARSALS = 4  # the latest ones: the page has room for so many columns


def blocks(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    out: list[Block] = []
    lines: list[Line | str] = [_decision_line(ctx, d) for d in data.rollback_decisions]
    facts = ctx.status["migration"]["rehearsals"]
    if data.rehearsals:
        lines.append(
            tr(
                "Rehearsal forecast: ETA P50 {p50} (slack {slack50}) · P80 {p80} (slack {slack80})",
                p50=facts["p50"]["eta"] if facts["p50"] else "—",
                slack50=_slack(facts["p50"]),
                p80=facts["p80"]["eta"] if facts["p80"] else "—",
                slack80=_slack(facts["p80"]),
            )
        )
    if lines:
        out.append(Lines(lines))
    if data.rehearsals and data.steps:
        out.append(_comparison(ctx))
    return out


def _slack(eta: dict | None) -> str:
    if eta is None or eta["slack_minutes"] is None:
        return "—"
    return tr("{minutes:+} min", minutes=eta["slack_minutes"])


def _decision_line(ctx: ReportContext, decision: RollbackDecision) -> Line | str:
    step = next((s for s in ctx.data.steps if s.id == decision.step_id), None)
    rolled = decision.decision is RollbackChoice.ROLL_BACK
    text = tr(
        "Rollback decision at {step}: {choice} — {who}, {when}: {reason}",
        step=f"#{step.seq} {step.title}" if step else f"#{decision.step_id}",
        choice=tr("roll back") if rolled else tr("continue"),
        who=decision.decided_by,
        when=words.local_time(decision.decided_at, ctx.zone),
        reason=decision.reason,
    )
    return Line(f"{words.NOT_OK_MARK} {text}", color=BAD_INK) if rolled else text


def _minutes(minutes: float | None, variance: float | None) -> str:
    if minutes is None:
        return "—"
    shown = tr("{minutes} min", minutes=round(minutes))
    return shown if variance is None else f"{shown} ({variance:+.1f}%)"


def _comparison(ctx: ReportContext) -> Table:
    runs = ordered(ctx.data.rehearsals)[-SHOWN_REHEARSALS:]
    rows = compare_steps(ctx.data.steps, runs)
    shown, left_out = capped(list(rows), LISTED_STEPS)
    return Table(
        title=tr("Rehearsals against plan and live ({count})", count=len(ctx.data.rehearsals)),
        columns=(
            Column(tr("Step"), 2.6),
            Column(tr("Plan"), 0.9, align="right"),
            *(Column(rehearsal_title(r), 1.3, align="right") for r in runs),
            Column(tr("Live"), 1.3, align="right"),
        ),
        rows=[
            (
                f"#{row.step.seq} {row.step.title}",
                _minutes(row.planned, None),
                *(_minutes(m, v) for m, v in zip(row.rehearsals, row.variances(), strict=True)),
                _minutes(row.live, row.live_variance),
            )
            for row in shown
        ],
        more=more_text(left_out, Pane.MIGRATION),
        empty="",
    )
