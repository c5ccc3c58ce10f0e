"""Risks: the heat map of open risks, and the red ones, those without a contingency plan first."""

from __future__ import annotations

from cockpit.charts.risks import risk_heatmap
from cockpit.charts.style import ZONE_SYMBOLS
from cockpit.domain.risks import Risk, Zone, is_open_red, needs_contingency, residual_rating, score
from cockpit.domain.status import Pane
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Chart, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, OK_INK, capped, more_text, opening
from cockpit.report.table import Column, Ink, Table
from cockpit.words import labels
from cockpit.words.rows import field_label

LISTED_RISKS = 25
HEATMAP_INCHES = 4.3


def blocks(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    out = opening(ctx, Pane.RISKS)
    if not data.risks:
        return [*out, Lines([tr("No risks registered yet.")])]
    risks = ctx.status["risks"]
    zones = risks["per_zone"]
    residual = risks["per_residual_zone"]
    out.append(
        Lines(
            [
                tr(
                    "{open} of {total} risks open: {red_mark} red {red} · {amber_mark} amber {amber} · {green_mark} green {green} (residual: after mitigation, inherent where not reassessed)",
                    open=risks["open"],
                    total=risks["total"],
                    red_mark=ZONE_SYMBOLS[Zone.RED],
                    red=residual["red"],
                    amber_mark=ZONE_SYMBOLS[Zone.AMBER],
                    amber=residual["amber"],
                    green_mark=ZONE_SYMBOLS[Zone.GREEN],
                    green=residual["green"],
                ),
                tr(
                    "{open} of {total} risks open: {red_mark} red {red} · {amber_mark} amber {amber} · {green_mark} green {green} (before mitigation)",
                    open=risks["open"],
                    total=risks["total"],
                    red_mark=ZONE_SYMBOLS[Zone.RED],
                    red=zones["red"],
                    amber_mark=ZONE_SYMBOLS[Zone.AMBER],
                    amber=zones["amber"],
                    green_mark=ZONE_SYMBOLS[Zone.GREEN],
                    green=zones["green"],
                ),
            ]
        )
    )
    all_risks, thresholds = data.risks, data.risk_thresholds
    out.append(Chart(lambda: risk_heatmap(all_risks, thresholds=thresholds), HEATMAP_INCHES))
    out.append(_red_table(ctx))
    return out


def _rating(risk: Risk) -> str:
    likelihood, impact = residual_rating(risk)
    inherent = f"{risk.likelihood}×{risk.impact}={score(risk.likelihood, risk.impact)}"
    if (likelihood, impact) == (risk.likelihood, risk.impact):
        return inherent
    return f"{inherent} → {likelihood}×{impact}={score(likelihood, impact)}"


def _red_table(ctx: ReportContext) -> Table:
    thresholds = ctx.data.risk_thresholds
    red = [r for r in ctx.data.risks if is_open_red(r, thresholds)]
    red.sort(key=lambda r: (not needs_contingency(r, thresholds), -score(*residual_rating(r)), r.id))
    uncovered = sum(needs_contingency(r, thresholds) for r in red)
    shown, left_out = capped(red, LISTED_RISKS)
    return Table(
        title=tr(
            "Open red risks ({count}, {uncovered} without a contingency plan)",
            count=len(red),
            uncovered=uncovered,
        ),
        columns=(
            Column(tr("Risk"), 2.8, max_lines=2),
            Column(tr("Rating (L×I)"), 1.45),
            Column(field_label("risks", "status"), 0.9),
            Column(field_label("risks", "owner"), 1.1),
            Column(tr("Contingency plan"), 2.3, max_lines=2),
            Column(tr("Mitigation"), 2.3, max_lines=2),
        ),
        rows=[
            (
                r.title,
                _rating(r),
                labels.risk_status_label(r.status),
                r.owner,
                Ink(f"{words.OK_MARK} {r.contingency.strip()}", OK_INK)
                if r.contingency.strip()
                else Ink(f"{words.NOT_OK_MARK} {tr('none')}", BAD_INK),
                r.mitigation,
            )
            for r in shown
        ],
        more=more_text(left_out, Pane.RISKS),
        empty=tr("No open risk is red after mitigation."),
    )
