"""The risk heat map: likelihood (発生可能性) × impact (影響度), each cell coloured by its zone."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from cockpit.charts import style
from cockpit.domain.risks import SCALE, Risk, RiskThresholds, Zone, heatmap, score, zone
from cockpit.i18n import tr
from cockpit.words.labels import impact_word, likelihood_word

ZONE_ORDER = (Zone.RED, Zone.AMBER, Zone.GREEN)


def likelihood_labels() -> list[str]:
    return [tr("{level} {word}", level=level, word=likelihood_word(level)) for level in SCALE]


def impact_labels() -> list[str]:
    # Two lines under each column: five long words side by side would collide on a narrow pane.
    return [tr("{level}\n{word}", level=level, word=impact_word(level)) for level in SCALE]


def risk_heatmap(
    risks: Sequence[Risk],
    *,
    thresholds: RiskThresholds,
    open_only: bool = True,
    residual: bool = False,
    title: str | None = None,
) -> Figure:
    """A 5×5 grid, likelihood up and impact across, with the number of risks in each cell.

    Each cell carries its zone's colour and symbol (○ green, △ amber, × red), so the picture reads
    without colour too. ``residual`` plots ratings after mitigation instead of inherent ones.
    """
    if title is None:
        title = tr("Risk heat map (after mitigation)") if residual else tr("Risk heat map")
    counts = heatmap(risks, open_only=open_only, residual=residual)
    total = sum(sum(row) for row in counts)
    zone_totals = dict.fromkeys(Zone, 0)

    with style.chart_context():
        figure = style.new_figure(size=(10.0, 7.5))
        axes = figure.add_subplot()
        for likelihood in SCALE:
            for impact in SCALE:
                cell_zone = zone(score(likelihood, impact), thresholds)
                count = counts[likelihood - 1][impact - 1]
                zone_totals[cell_zone] += count
                _draw_cell(axes, likelihood=likelihood, impact=impact, cell_zone=cell_zone, count=count)

        axes.set_xlim(0.5, 5.5)
        axes.set_ylim(0.5, 5.5)
        axes.set_xticks(list(SCALE), impact_labels())
        axes.set_yticks(list(SCALE), likelihood_labels())
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        axes.set_xlabel(tr("Impact"))
        axes.set_ylabel(tr("Likelihood"))
        if total == 0:
            axes.text(
                3,
                3,
                tr("No open risks") if open_only else tr("No risks yet"),
                ha="center",
                va="center",
                fontsize=style.TITLE_SIZE,
                color=style.INK,
                backgroundcolor=style.BACKGROUND,
                gid="empty-message",
            )
        figure.legend(
            handles=[
                Patch(
                    facecolor=style.ZONE_FILLS[z],
                    edgecolor=style.ZONE_COLOURS[z],
                    linewidth=2,
                    label=tr("{zone}: {count}", zone=style.zone_label(z), count=zone_totals[z]),
                )
                for z in ZONE_ORDER
            ],
            loc="outside right upper",
            title=tr("Zone (risks)"),
        )
        facts = [tr("Open risks: {count}", count=total) if open_only else tr("Risks: {count}", count=total)]
        facts.append(
            tr("Red from score {red}, amber from {amber}", red=thresholds.red_min, amber=thresholds.amber_min)
        )
        style.set_titles(figure, axes, title=title, facts=facts, line_width=60)
        return style.finish(figure)


def _draw_cell(axes: Axes, *, likelihood: int, impact: int, cell_zone: Zone, count: int) -> None:
    axes.add_patch(
        Rectangle(
            (impact - 0.5, likelihood - 0.5),
            1,
            1,
            facecolor=style.ZONE_FILLS[cell_zone],
            edgecolor=style.BACKGROUND,
            linewidth=3,
            gid=f"cell-{likelihood}-{impact}",
        )
    )
    axes.text(
        impact - 0.42,
        likelihood + 0.42,
        style.ZONE_SYMBOLS[cell_zone],
        ha="left",
        va="top",
        # "×" is a small glyph next to ○ and △: enlarge it so the three marks weigh the same.
        fontsize=(style.LABEL_SIZE + 2) * (1.5 if cell_zone == Zone.RED else 1.0),
        color=style.MUTED_INK,
        gid=f"symbol-{likelihood}-{impact}",
    )
    if count:
        axes.text(
            impact,
            likelihood,
            str(count),
            ha="center",
            va="center",
            fontsize=26,
            color=style.INK,
            gid=f"count-{likelihood}-{impact}",
        )
