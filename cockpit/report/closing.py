"""The closing report: the launch from plan to close, in the status report's layout.

Page 1: the launch, its lights at close and the go/no-go decision with its sign-offs; then the go/no-go
history (every meeting, its decision, verdicts, conditions and evidence hash). Then the cutover against its
plan and its rehearsals with the time chart and the migration's reconciliation, the tickets and SLA attainment over hypercare, and the reviews with their improvement
actions and lessons learned.
"""

from __future__ import annotations

from cockpit.report.blocks import Block, PageBreak, Tiles
from cockpit.report.context import ReportContext
from cockpit.report.sections import closing, closing_history, kpis, migration, summary, support
from cockpit.words import labels


def closing_blocks(ctx: ReportContext) -> list[Block]:
    first_page: list[Block] = [
        closing.masthead(ctx),
        Tiles([(labels.pane_title(p), ctx.statuses[p]) for p in summary.TILE_PANES]),
        *summary.gate_blocks(ctx),
    ]
    sections: list[list[Block]] = [
        first_page,
        closing_history.decision_history(ctx),
        [
            *closing.cutover(ctx),
            *closing_history.cutover_runs_table(ctx),
            *migration.blocks(ctx),
            *closing.reconciliation(ctx),
        ],
        [*closing.hypercare(ctx), *support.blocks(ctx)],
        kpis.blocks(ctx),
        closing.reviews(ctx),
    ]
    blocks: list[Block] = []
    for section in filter(None, sections):  # a section with nothing to show (no KPI values) is left out
        if blocks:
            blocks.append(PageBreak(unless_fits=True))
        blocks += section
    return blocks
