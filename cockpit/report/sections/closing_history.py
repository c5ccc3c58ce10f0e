"""The closing report's record of how the launch was decided and rehearsed: every go/no-go meeting
(移行判定会議) with its decision, verdicts, conditions and the hash of its frozen evidence; and the cutover
window run by run (plan, each rehearsal, live)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from cockpit.domain.cutover_runs import CutoverRun, RunKind, against_plan, cutover_runs
from cockpit.domain.rehearsals import rehearsal_title
from cockpit.domain.rounds import Condition, DecisionRound, RoundDecision, Verdict, is_overdue
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Heading, Line, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, OK_INK
from cockpit.report.table import Cell, Column, Ink, Table
from cockpit.words.rounds import round_state_label, round_title, verdict_label


def decision_history(ctx: ReportContext) -> list[Block]:
    rounds = sorted(ctx.data.rounds, key=lambda r: r.number)
    heading = Heading(tr("Go/no-go history"))
    if not rounds:
        return [heading, Lines([tr("No go/no-go meeting was held: the decision is the sign-offs above.")])]
    zone = ctx.zone
    out: list[Block] = [
        heading,
        Table(
            title=tr("Go/no-go meetings"),
            columns=(
                Column(tr("Meeting"), 2.2, max_lines=2),
                Column(tr("Held"), 1.3),
                Column(tr("Chair"), 1.2),
                Column(tr("Decision"), 1.2),
                Column(tr("Verdicts"), 2.2, max_lines=3),
                Column(tr("Conditions"), 1.2),
            ),
            rows=[
                (
                    round_title(r.number, r.title),
                    words.local_time(r.held_at, zone),
                    r.chair,
                    _decision(r),
                    _verdict_counts(r),
                    tr(
                        "{met} of {total} met",
                        met=sum(c.is_met for c in r.conditions),
                        total=len(r.conditions),
                    )
                    if r.conditions
                    else "—",
                )
                for r in rounds
            ],
        ),
    ]
    conditions = [(r, c) for r in rounds for c in r.conditions]
    if conditions:
        out.append(
            Table(
                title=tr("Conditions of a conditional go"),
                columns=(
                    Column(tr("Meeting"), 1.4, max_lines=2),
                    Column(tr("Condition"), 2.8, max_lines=3),
                    Column(tr("Owner"), 1.0),
                    Column(tr("Due"), 1.2),
                    Column(tr("State"), 2.6, max_lines=3),
                ),
                rows=[
                    (
                        round_title(r.number, r.title),
                        c.text,
                        c.owner or "—",
                        words.local_time(c.due, zone),
                        _state(c, ctx),
                    )
                    for r, c in conditions
                ],
            )
        )
    # The hash a reader can check with ``cockpit verify``: whole, never cut short.
    out.append(
        Lines(
            [
                Line(
                    f"{round_title(r.number, r.title)}: "
                    + tr("SHA-256 of the frozen evidence: {sha256}", sha256=r.evidence_sha256),
                    max_lines=2,
                )
                for r in rounds
            ]
        )
    )
    return out


def _decision(round_: DecisionRound) -> Cell:
    state = round_state_label(round_.decision.value if round_.decision else None)
    if round_.decision is RoundDecision.GO:
        return Ink(state, OK_INK)
    if round_.decision is RoundDecision.NO_GO:
        return Ink(state, BAD_INK)
    return state


def _verdict_counts(round_: DecisionRound) -> str:
    counts = Counter(v.verdict for v in round_.verdicts)
    if not counts:
        return tr("no verdict")
    return ", ".join(f"{verdict_label(v.value)} {counts[v]}" for v in Verdict if counts[v])


def _state(condition: Condition, ctx: ReportContext) -> Cell:
    if condition.is_met:
        return Ink(
            tr(
                "met by {who} at {when}: {evidence}",
                who=condition.met_by,
                when=words.local_time(condition.met_at, ctx.zone),
                evidence=condition.evidence,
            ),
            OK_INK,
        )
    return Ink(tr("overdue"), BAD_INK) if is_overdue(condition, now=ctx.now) else tr("open")


def cutover_runs_table(ctx: ReportContext) -> list[Block]:
    """The whole window per run: did the live cutover take what the rehearsals said it would."""
    runs = cutover_runs(ctx.data.steps, ctx.data.rehearsals)
    if not ctx.data.rehearsals or not runs:
        return []
    plan = runs[0]
    zone = ctx.zone
    return [
        Table(
            title=tr("The cutover window: plan, rehearsals and live"),
            columns=(
                Column(tr("Cutover run"), 1.6),
                Column(tr("Started"), 1.3),
                Column(tr("Ended"), 1.3),
                Column(tr("Took"), 1.0, align="right"),
                Column(tr("Against plan"), 1.1, align="right"),
                Column(tr("Steps timed"), 1.0, align="right"),
            ),
            rows=[
                (
                    _run_title(run),
                    words.local_time(run.start, zone),
                    words.local_time(run.end, zone) if run.complete else "—",
                    _took(run),
                    _against(run, plan),
                    f"{run.timed}/{run.steps}",
                )
                for run in runs
            ],
        )
    ]


def _run_title(run: CutoverRun) -> str:
    if run.kind is RunKind.PLAN:
        return tr("Plan")
    if run.kind is RunKind.LIVE:
        return tr("Live")
    assert run.rehearsal is not None
    return rehearsal_title(run.rehearsal)


def _took(run: CutoverRun) -> str:
    minutes = run.minutes
    if minutes is None or not run.complete:
        return "—"
    return words.duration(timedelta(minutes=minutes))


def _against(run: CutoverRun, plan: CutoverRun) -> Cell:
    if run.kind is RunKind.PLAN:
        return "—"
    variance = against_plan(run, plan)
    if variance is None:
        return tr("not finished")
    return Ink(f"{variance:+.1f}%", BAD_INK if variance > 0 else OK_INK)
