"""Hypercare KPIs (uptime, response time, error rate …): a target with a direction, and the values that arrive.

A KPI is met when its latest value is on the right side of its target (≥ for uptime, ≤ for an error rate);
a KPI without any value yet is neither met nor breached. Every front end (the Hypercare pane, the Overview's
tile, the report, ``status --json``) asks these functions, so they agree.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from cockpit.domain.refusal import Refusal
from cockpit.i18n import ntr, tr


class Direction(StrEnum):
    AT_LEAST = "at_least"  # met when the value is ≥ the target (uptime)
    AT_MOST = "at_most"  # met when the value is ≤ the target (error rate, response time)


DIRECTION_SIGNS = {Direction.AT_LEAST: "≥", Direction.AT_MOST: "≤"}


@dataclass(frozen=True, slots=True)
class Kpi:
    id: int
    name: str
    unit: str
    target: float
    direction: Direction
    query: str = ""  # a PromQL query; empty: values are typed or imported only
    version: int = 1


@dataclass(frozen=True, slots=True)
class KpiValue:
    id: int
    kpi_id: int
    at: datetime
    value: float
    source: str = ""  # where it came from: typed, a table file's name, a Prometheus source's name


@dataclass(frozen=True, slots=True)
class KpiReading:
    """A KPI as it stands: its latest value (None before the first) and whether that meets the target."""

    kpi: Kpi
    latest: KpiValue | None

    @property
    def met(self) -> bool | None:
        return None if self.latest is None else is_met(self.kpi, self.latest.value)


@dataclass(frozen=True, slots=True)
class KpiSummary:
    total: int
    measured: int  # KPIs with at least one value
    breached: int  # KPIs whose latest value misses the target

    @property
    def text(self) -> str:
        """The Overview's tile: "KPIs: 1 of 5 breached"."""
        if not self.total:
            return tr("KPIs: none defined")
        if not self.measured:
            return tr("KPIs: no values yet")
        return ntr(
            "KPIs: {breached} of {total} breached",
            "KPIs: {breached} of {total} breached",
            self.total,
            breached=self.breached,
            total=self.total,
        )


def is_met(kpi: Kpi, value: float) -> bool:
    return value >= kpi.target if kpi.direction is Direction.AT_LEAST else value <= kpi.target


def values_by_kpi(values: Iterable[KpiValue]) -> dict[int, tuple[KpiValue, ...]]:
    """Each KPI's values, oldest first (the trend's order); ties by id, the order they arrived."""
    grouped: dict[int, list[KpiValue]] = defaultdict(list)
    for value in values:
        grouped[value.kpi_id].append(value)
    return {kpi_id: tuple(sorted(rows, key=lambda v: (v.at, v.id))) for kpi_id, rows in grouped.items()}


def kpi_readings(kpis: Sequence[Kpi], values: Iterable[KpiValue]) -> tuple[KpiReading, ...]:
    by_kpi = values_by_kpi(values)
    return tuple(KpiReading(kpi, (by_kpi.get(kpi.id) or (None,))[-1]) for kpi in kpis)


def summarize_kpis(kpis: Sequence[Kpi], values: Iterable[KpiValue]) -> KpiSummary:
    """The one count behind the Overview's tile and the Hypercare pane's headline."""
    readings = kpi_readings(kpis, values)
    return KpiSummary(
        total=len(readings),
        measured=sum(r.latest is not None for r in readings),
        breached=sum(r.met is False for r in readings),
    )


def breaches(kpis: Sequence[Kpi], values: Iterable[KpiValue]) -> tuple[tuple[Kpi, KpiValue], ...]:
    """Every value that missed its KPI's target, newest first."""
    by_id = {kpi.id: kpi for kpi in kpis}
    missed = [
        (by_id[v.kpi_id], v) for v in values if v.kpi_id in by_id and not is_met(by_id[v.kpi_id], v.value)
    ]
    return tuple(sorted(missed, key=lambda pair: (pair[1].at, pair[1].id), reverse=True))


def _folded(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def kpi_named(kpis: Iterable[Kpi], name: str) -> Kpi | None:
    """The KPI a user means: by its id ("3", "#3") or its name, whatever its case or width."""
    wanted = _folded(name)
    listed = tuple(kpis)
    if wanted.lstrip("#").isdigit():
        found = [k for k in listed if k.id == int(wanted.lstrip("#"))]
        if found:
            return found[0]
    return next((k for k in listed if _folded(k.name) == wanted), None)


def check_kpi_name_free(name: str, kpi_id: int | None, kpis: Iterable[Kpi]) -> None:
    """Two KPIs of one name would make a typed or imported value ambiguous."""
    wanted = _folded(name)
    if any(_folded(k.name) == wanted and k.id != kpi_id for k in kpis):
        raise Refusal(tr("There is already a KPI named {name!r}; choose another name.", name=name.strip()))


def target_text(kpi: Kpi) -> str:
    """ "≥ 99.9 %", "≤ 800 ms": the target as the pane, the report and the CLI show it."""
    return f"{DIRECTION_SIGNS[kpi.direction]} {value_text(kpi, kpi.target)}"


def value_text(kpi: Kpi, value: float) -> str:
    number = f"{value:,.{_decimals(value)}f}"
    return f"{number} {kpi.unit}".strip()


def _decimals(value: float) -> int:
    """As many decimals as the number needs, up to three: 99.95, 800, 0.5."""
    for digits in range(4):
        if round(value, digits) == round(value, 6):
            return digits
    return 3
