"""Data reconciliation (件数照合): each object's row delta against its tolerance, mismatches first."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import StrMethodFormatter

from cockpit.charts import style
from cockpit.domain.migration import MigrationObject, Reconciliation, ReconStatus, reconcile
from cockpit.i18n import tr
from cockpit.words.labels import recon_status_label

# Status → (symbol, fill, hatch); the symbol also prefixes each object's name, the legend adds the status's word.
STATUS_LOOK = {
    ReconStatus.MISMATCH: ("×", style.VERMILLION, "///"),
    ReconStatus.ACCEPTED: ("△", style.ORANGE, ".."),
    ReconStatus.RECONCILED: ("○", style.GREEN, ""),
    ReconStatus.PENDING: ("–", style.GREY, ""),
}
_ORDER = (ReconStatus.MISMATCH, ReconStatus.ACCEPTED, ReconStatus.PENDING, ReconStatus.RECONCILED)
TOLERANCE_FILL = "#E4E4E4"
MISMATCH_EDGE = "#7A2E00"
_ROW_INCHES = 0.42
_LABEL_CHARS = 30
# Beyond this many rows either side, a linear axis would hide the tolerance bands next to the largest delta.
_LINEAR_UP_TO = 50


def reconciliation_bars(objects: Sequence[MigrationObject], *, title: str | None = None) -> Figure:
    """Horizontal bars of ``target - (source - rejected)`` per object on a grey ±tolerance band.

    Mismatches come first, largest first, in vermillion with hatching and ``×``; accepted differences
    (想定差異) ``△``; reconciled ``○``; objects not loaded yet ``–`` with no bar.
    """
    title = title or tr("Data reconciliation: row difference vs tolerance")
    if not objects:
        return style.empty_figure(message=tr("No migration objects yet"), title=title)
    rows = sorted((reconcile(o) for o in objects), key=_sort_key)
    positions = list(range(len(rows)))
    deltas = [r.delta or 0 for r in rows]
    tolerances = [r.object.tolerance_rows for r in rows]
    reach = max([abs(d) for d in deltas] + tolerances + [1])

    with style.chart_context():
        figure = style.new_figure(size=(style.DEFAULT_SIZE[0], max(4.5, 2.6 + _ROW_INCHES * len(rows))))
        axes = figure.add_subplot()
        axes.barh(
            positions,
            [2 * t for t in tolerances],
            left=[-t for t in tolerances],
            height=0.8,
            color=TOLERANCE_FILL,
            linewidth=0,
            gid="tolerance",
        )
        bars = axes.barh(positions, deltas, height=0.5, linewidth=0, gid="delta")
        for bar, rec in zip(bars, rows, strict=True):
            _, fill, hatch = STATUS_LOOK[rec.status]
            bar.set_facecolor(fill)
            bar.set_gid(f"delta-{rec.object.id}")
            if hatch:
                bar.set_hatch(hatch)
                bar.set_edgecolor(MISMATCH_EDGE if rec.status == ReconStatus.MISMATCH else "#444444")
                bar.set_linewidth(0.8)
        axes.axvline(0, color=style.INK, linewidth=1.2)
        _value_labels(axes, rows, positions)

        if reach > _LINEAR_UP_TO:
            axes.set_xscale("symlog", linthresh=1)
        # Plain row counts (1,000), not powers of ten: the team reads these numbers, not their magnitude.
        axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        axes.set_xlim(-reach * 1.6, reach * 1.6)  # room for the value labels
        axes.set_yticks(positions, [_row_label(r) for r in rows])
        for tick_label, rec in zip(axes.get_yticklabels(), rows, strict=True):
            if rec.status == ReconStatus.MISMATCH:
                tick_label.set_color(MISMATCH_EDGE)
        axes.set_ylim(len(rows) - 0.4, -0.6)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x")
        axes.set_xlabel(tr("Rows loaded minus rows expected (source − rejected)"))
        figure.legend(
            handles=_legend_handles(rows), loc="outside lower left", ncols=5, fontsize=style.NOTE_SIZE
        )
        style.set_titles(figure, axes, title=title, facts=_facts(rows))
        return style.finish(figure)


def _sort_key(rec: Reconciliation) -> tuple[int, int, str]:
    return (_ORDER.index(rec.status), -abs(rec.delta or 0), rec.object.name)


def _row_label(rec: Reconciliation) -> str:
    name = rec.object.name
    if len(name) > _LABEL_CHARS:
        name = name[: _LABEL_CHARS - 1] + "…"
    return f"{STATUS_LOOK[rec.status][0]} {name}"


def _value_labels(axes: Axes, rows: list[Reconciliation], positions: list[int]) -> None:
    for rec, y in zip(rows, positions, strict=True):
        if rec.delta is None:
            text = tr("not loaded yet")
            x, offset, ha = 0, 6, "left"
        else:
            text = tr(
                "{delta:+,} (±{tolerance:,})",
                delta=rec.delta,
                tolerance=rec.object.tolerance_rows,
            )
            edge = max(abs(rec.delta), rec.object.tolerance_rows)
            x, offset, ha = (-edge, -6, "right") if rec.delta < 0 else (edge, 6, "left")
        axes.annotate(
            text,
            xy=(x, y),
            xytext=(offset, 0),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=style.NOTE_SIZE,
            color=MISMATCH_EDGE if rec.status == ReconStatus.MISMATCH else style.MUTED_INK,
            gid=f"value-{rec.object.id}",
        )


def _legend_handles(rows: list[Reconciliation]) -> list[Patch]:
    present = {r.status for r in rows}
    handles = [Patch(facecolor=TOLERANCE_FILL, label=tr("Tolerance ±"))]
    for status in _ORDER:
        if status in present:
            symbol, fill, hatch = STATUS_LOOK[status]
            edge = MISMATCH_EDGE if status == ReconStatus.MISMATCH else "#444444"
            handles.append(
                Patch(
                    facecolor=fill,
                    hatch=hatch,
                    edgecolor=edge if hatch else fill,
                    label=f"{symbol} {recon_status_label(status)}",
                )
            )
    return handles


def _facts(rows: list[Reconciliation]) -> list[str]:
    counts = {status: sum(r.status == status for r in rows) for status in ReconStatus}
    facts = [tr("Objects: {count}", count=len(rows))]
    for status in _ORDER:
        if counts[status]:
            symbol = STATUS_LOOK[status][0]
            facts.append(
                tr(
                    "{symbol} {label}: {count}",
                    symbol=symbol,
                    label=recon_status_label(status),
                    count=counts[status],
                )
            )
    return facts
