"""Hypercare KPIs: each KPI's latest value against its target, the trend chart the window shows, the breaches.

Left out of a report whose launch has no KPI value yet (a plan before go-live has its KPIs but nothing to
show of them). The closing report calls ``blocks`` too.
"""

from __future__ import annotations

from cockpit.charts.kpis import kpi_trends
from cockpit.domain.kpis import breaches, kpi_readings, summarize_kpis, target_text, value_text
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Chart, Heading, Lines
from cockpit.report.context import ReportContext
from cockpit.report.sections.common import BAD_INK, OK_INK, capped
from cockpit.report.table import Column, Ink, Table
from cockpit.words.rows import field_label

LISTED_BREACHES = 20
CHART_INCHES = 4.6


def blocks(ctx: ReportContext) -> list[Block]:
    data = ctx.data
    if not data.kpi_values:
        return []
    summary = summarize_kpis(data.kpis, data.kpi_values)
    kpis, values, zone = data.kpis, data.kpi_values, data.launch.timezone
    return [
        Heading(tr("Hypercare KPIs")),
        Lines([summary.text]),
        _kpi_table(ctx),
        Chart(lambda: kpi_trends(kpis, values, tz=zone), CHART_INCHES),
        _breach_table(ctx),
    ]


def _kpi_table(ctx: ReportContext) -> Table:
    rows = []
    for reading in kpi_readings(ctx.data.kpis, ctx.data.kpi_values):
        kpi, latest = reading.kpi, reading.latest
        if latest is None:
            verdict: str | Ink = tr("no value yet")
        else:
            verdict = Ink(words.met_text(bool(reading.met)), OK_INK if reading.met else BAD_INK)
        rows.append(
            (
                kpi.name,
                target_text(kpi),
                value_text(kpi, latest.value) if latest else "—",
                words.table_time(latest.at if latest else None, ctx.zone, now=ctx.now),
                verdict,
            )
        )
    return Table(
        title=tr("KPIs against their targets"),
        columns=(
            Column(field_label("kpis", "name"), 2.6, max_lines=2),
            Column(field_label("kpis", "target"), 1.3),
            Column(tr("Latest"), 1.3, align="right"),
            Column(tr("Measured"), 1.4, max_lines=1),
            Column(tr("Met?"), 1.2),
        ),
        rows=rows,
    )


def _breach_table(ctx: ReportContext) -> Table:
    missed = breaches(ctx.data.kpis, ctx.data.kpi_values)
    shown, left_out = capped(list(missed), LISTED_BREACHES)
    return Table(
        title=tr("KPI breaches ({count})", count=len(missed)),
        columns=(
            Column(field_label("kpi_values", "at"), 1.4, max_lines=1),
            Column(field_label("kpis", "name"), 2.4, max_lines=2),
            Column(field_label("kpi_values", "value"), 1.3, align="right"),
            Column(field_label("kpis", "target"), 1.3),
            Column(field_label("kpi_values", "source"), 1.6, max_lines=1),
        ),
        rows=[
            (
                words.table_time(value.at, ctx.zone, now=ctx.now),
                kpi.name,
                Ink(value_text(kpi, value.value), BAD_INK),
                target_text(kpi),
                value.source,
            )
            for kpi, value in shown
        ],
        more=tr("… and {count} more in the Hypercare pane", count=left_out) if left_out else "",
        empty=tr("No value has missed its target."),
    )
