"""The checklist: progress per stage and per category, and the items that are overdue or blocked."""

from __future__ import annotations

from cockpit.domain.checklist import ChecklistItem, ItemStatus, Progress, is_overdue, summarize_checklist
from cockpit.domain.figures import checklist_figure_of
from cockpit.domain.status import Pane
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, WARN_INK, capped, more_text, opening
from cockpit.report.table import Bar, Column, Ink, Table
from cockpit.words import labels
from cockpit.words.rows import field_label

LISTED_ITEMS = 30


def blocks(ctx: ReportContext) -> list[Block]:
    items = ctx.data.checklist
    out = opening(ctx, Pane.CHECKLIST)
    if not items:
        return out  # the light says there are no items yet
    summary = summarize_checklist(items, now=ctx.now)
    overall = summary.overall
    out.append(
        Lines(
            [
                tr(
                    "{done} of {total} applicable items done · {blocked} blocked · {overdue} overdue · {n_a} not applicable",
                    done=overall.done,
                    total=checklist_figure_of(overall).applicable,
                    blocked=overall.blocked,
                    overdue=overall.overdue,
                    n_a=overall.n_a,
                )
            ]
        )
    )
    out.append(
        _progress_table(
            tr("Progress per stage"),
            field_label("checklist_items", "stage"),
            [(labels.item_stage_label(s), p) for s, p in summary.per_stage.items()],
        )
    )
    out.append(
        _progress_table(
            tr("Progress per category"),
            field_label("checklist_items", "category"),
            [(labels.category_label(c), p) for c, p in summary.per_category.items()],
        )
    )
    out.append(_troubled_table(ctx, items))
    return out


def _progress_table(title: str, first: str, rows: list[tuple[str, Progress]]) -> Table:
    return Table(
        title=title,
        columns=(
            Column(first, 2.6),
            Column(tr("Items"), 0.8, align="right"),
            Column(tr("Done"), 0.8, align="right"),
            Column(tr("Progress"), 2.2),
            Column(tr("In progress"), 1.0, align="right"),
            Column(tr("Blocked"), 0.9, align="right"),
            Column(tr("Overdue"), 0.9, align="right"),
        ),
        rows=[
            (
                name,
                str(p.total),
                str(p.done),
                Bar(p.ratio, words.percent(p.ratio, digits=0)) if p.total else "—",
                str(p.in_progress),
                _count(p.blocked, words.BLOCKED_MARK),
                _count(p.overdue, words.OVERDUE_MARK),
            )
            for name, p in rows
        ],
    )


def _count(n: int, mark: str) -> str | Ink:
    return Ink(f"{mark} {n}", BAD_INK) if n else "0"


def _troubled_table(ctx: ReportContext, items: tuple[ChecklistItem, ...]) -> Table:
    troubled = [i for i in items if i.status == ItemStatus.BLOCKED or is_overdue(i, now=ctx.now)]
    # Gate items first (they hold the go/no-go), then blocked ones, then the longest overdue.
    troubled.sort(
        key=lambda i: (not i.is_gate, i.status != ItemStatus.BLOCKED, i.due or ctx.now, i.id),
    )
    shown, left_out = capped(troubled, LISTED_ITEMS)
    return Table(
        title=tr("Overdue and blocked items ({count})", count=len(troubled)),
        columns=(
            Column(tr("Gate"), 0.55),
            Column(tr("Item"), 2.9, max_lines=2),
            Column(tr("Stage · category"), 1.8, max_lines=2),
            Column(field_label("checklist_items", "owner"), 1.1),
            Column(field_label("checklist_items", "due"), 1.15, max_lines=1),
            Column(tr("Problem"), 2.85, max_lines=2),
        ),
        rows=[
            (
                words.GATE_MARK if item.is_gate else "",
                item.title,
                f"{labels.item_stage_label(item.stage)} · {labels.category_label(item.category)}",
                item.owner,
                words.table_time(item.due, ctx.zone, now=ctx.now),
                _problem(ctx, item),
            )
            for item in shown
        ],
        more=more_text(left_out, Pane.CHECKLIST),
        empty=tr("No item is overdue or blocked."),
    )


def _problem(ctx: ReportContext, item: ChecklistItem) -> Ink:
    parts = []  # overdue first: it is short, and a long blocked reason may be cut
    if is_overdue(item, now=ctx.now) and item.due is not None:
        parts.append(
            tr("{mark} overdue by {time}", mark=words.OVERDUE_MARK, time=words.duration(ctx.now - item.due))
        )
    if item.status == ItemStatus.BLOCKED:
        reason = item.blocked_reason.strip()
        parts.append(
            tr("{mark} blocked: {reason}", mark=words.BLOCKED_MARK, reason=reason)
            if reason
            else tr("{mark} blocked", mark=words.BLOCKED_MARK)
        )
    return Ink("; ".join(parts), BAD_INK if item.is_gate else WARN_INK)
