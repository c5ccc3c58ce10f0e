"""The Hypercare pane's tables: each KPI against its target, and the values that missed it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QCoreApplication

from cockpit.domain.kpis import Kpi, KpiReading, KpiValue, target_text, value_text
from cockpit.ui.widgets.row_model import Column, Look
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE
from cockpit.words.moments import table_moment_text
from cockpit.words.rows import field_label


def _t(text: str) -> str:
    return QCoreApplication.translate("HypercarePane", text)


def verdict(reading: KpiReading) -> str:
    if reading.met is None:
        return _t("No value yet")
    return f"{OK_SYMBOL} {_t('Met')}" if reading.met else f"{NOT_OK_SYMBOL} {_t('Breached')}"


def _verdict_look(reading: KpiReading) -> Look | None:
    if reading.met is False:
        return Look(ink=OVERDUE)  # not bold: the column is as wide as its plain words
    return None


def reading_columns(zone: Callable[[], tzinfo]) -> list[Column[KpiReading]]:
    return [
        Column(header=lambda: field_label("kpis", "name"), display=lambda r: r.kpi.name),
        Column(header=lambda: field_label("kpis", "target"), display=lambda r: target_text(r.kpi)),
        Column(
            header=lambda: _t("Latest"),
            display=lambda r: value_text(r.kpi, r.latest.value) if r.latest else "—",
            sort=lambda r: r.latest.value if r.latest else float("-inf"),
            numeric=True,
        ),
        Column(
            header=lambda: _t("Measured"),
            display=lambda r: table_moment_text(r.latest.at, zone()) if r.latest else "—",
            sort=lambda r: r.latest.at.timestamp() if r.latest else 0.0,
            tooltip=lambda r: r.latest.source if r.latest else "",
        ),
        Column(header=lambda: _t("Met?"), display=verdict, look=_verdict_look),
    ]


Breach = tuple[Kpi, KpiValue]


def breach_columns(zone: Callable[[], tzinfo]) -> list[Column[Breach]]:
    return [
        Column(
            header=lambda: field_label("kpi_values", "at"),
            display=lambda b: table_moment_text(b[1].at, zone()),
            sort=lambda b: b[1].at.timestamp(),
        ),
        Column(header=lambda: field_label("kpis", "name"), display=lambda b: b[0].name),
        Column(
            header=lambda: field_label("kpi_values", "value"),
            display=lambda b: value_text(b[0], b[1].value),
            sort=lambda b: b[1].value,
            numeric=True,
            look=lambda _b: Look(ink=OVERDUE),
        ),
        Column(header=lambda: field_label("kpis", "target"), display=lambda b: target_text(b[0])),
        Column(header=lambda: field_label("kpi_values", "source"), display=lambda b: b[1].source),
    ]
