"""Page 1: the launch, its countdown, one tile per pane, and the go/no-go decision with its criteria."""

from __future__ import annotations

from cockpit.domain.gate import evaluate_gate
from cockpit.domain.status import Pane, Rag
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import H2, Block, Heading, Line, Lines, Masthead, Tiles
from cockpit.report.context import ReportContext
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels
from cockpit.words.gate import criterion_label
from cockpit.words.rows import field_label

TILE_PANES = (Pane.CHECKLIST, Pane.TESTS, Pane.MIGRATION, Pane.RISKS, Pane.SUPPORT, Pane.GATE)
OK_INK = words.RAG_INK[Rag.GREEN]
NOT_OK_INK = words.RAG_INK[Rag.RED]


def blocks(ctx: ReportContext) -> list[Block]:
    return [
        _masthead(ctx),
        Tiles([(labels.pane_title(p), ctx.statuses[p]) for p in TILE_PANES]),
        *gate_blocks(ctx),
    ]


def _masthead(ctx: ReportContext) -> Masthead:
    launch, zone = ctx.data.launch, ctx.zone
    facts = [
        tr(
            "Go-live {when} ({zone}) · stage: {stage}",
            when=words.local_time(launch.go_live, zone),
            zone=launch.timezone,
            stage=labels.stage_label(launch.stage),
        ),
    ]
    if launch.rollback_deadline is not None:
        facts.append(tr("Rollback deadline {when}", when=words.local_time(launch.rollback_deadline, zone)))
    facts.append(
        tr(
            "Status report generated {when} ({zone})",
            when=words.local_time(ctx.now, zone),
            zone=launch.timezone,
        )
    )
    caption = tr("until go-live") if launch.go_live >= ctx.now else tr("since go-live")
    return Masthead(
        title=launch.name, facts=facts, countdown=words.countdown(launch.go_live, ctx.now), caption=caption
    )


def gate_blocks(ctx: ReportContext) -> list[Block]:
    gate = evaluate_gate(ctx.data, now=ctx.now)
    met = sum(c.ok for c in gate.criteria)
    rag = ctx.statuses[Pane.GATE].rag
    symbol = words.RAG_LOOKS[rag][0]
    decision = tr(
        "Decision: {symbol} {decision} · criteria met {met} of {total} · signed {signed} of {required}",
        symbol=symbol,
        decision=labels.decision_label(gate.decision),
        met=met,
        total=len(gate.criteria),
        signed=gate.signed,
        required=gate.required,
    )
    ready = (
        tr("Every criterion is met.")
        if gate.ready
        else tr("Not ready: {count} criteria not met.", count=len(gate.criteria) - met)
    )
    criteria = Table(
        title=tr("Go/no-go criteria"),
        columns=(
            Column(tr("Result"), 1.1),
            Column(tr("Criterion"), 2.6, max_lines=2),
            Column(tr("Detail"), 5.0, max_lines=3),
        ),
        rows=[
            (
                Ink(words.met_text(c.ok), OK_INK if c.ok else NOT_OK_INK),
                criterion_label(c.criterion.kind, c.criterion.params),
                c.detail,
            )
            for c in gate.criteria
        ],
        empty=tr("No go/no-go criteria are set for this launch."),
    )
    signoffs = Table(
        title=tr("Sign-offs"),
        columns=(
            Column(field_label("signoffs", "person"), 1.7),
            Column(field_label("signoffs", "role"), 1.7),
            Column(field_label("signoffs", "decision"), 1.3),
            Column(tr("When"), 1.4),
            Column(field_label("signoffs", "comment"), 2.8, max_lines=3),
        ),
        rows=[
            (
                s.person,
                s.role,
                labels.decision_label(s.decision),
                words.table_time(s.decided_at, ctx.zone, now=ctx.now),
                s.comment,
            )
            for s in ctx.data.signoffs
        ],
        empty=tr("Nobody is on the sign-off list yet."),
    )
    return [
        Heading(tr("Go/no-go decision")),
        Lines([Line(decision, size=H2), Line(ready)]),
        criteria,
        signoffs,
    ]
