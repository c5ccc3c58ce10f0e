"""KPI rules: met by the latest value on the right side of the target, the tile's count, the breaches, names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.domain.kpis import (
    Direction,
    Kpi,
    KpiValue,
    breaches,
    check_kpi_name_free,
    is_met,
    kpi_named,
    kpi_readings,
    summarize_kpis,
    target_text,
    value_text,
)
from cockpit.domain.refusal import Refusal
from cockpit.importers.cell_values import CellError, parse_number

T0 = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
UPTIME = Kpi(1, "Uptime", "%", 99.9, Direction.AT_LEAST)
P95 = Kpi(2, "応答時間(p95)", "ms", 800, Direction.AT_MOST)
INCIDENTS = Kpi(3, "Open incidents", "", 3, Direction.AT_MOST)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_the_target_itself_meets_either_direction() -> None:
    assert is_met(UPTIME, 99.9) and is_met(UPTIME, 100) and not is_met(UPTIME, 99.89)
    assert is_met(P95, 800) and is_met(P95, 10) and not is_met(P95, 800.5)


def test_the_latest_value_decides_whatever_order_they_arrived_in() -> None:
    values = (
        KpiValue(1, 1, at(2), 99.0),  # arrived first, measured last: the latest
        KpiValue(2, 1, at(1), 99.99),
        KpiValue(3, 2, at(1), 500),
    )
    readings = {r.kpi.name: r for r in kpi_readings((UPTIME, P95, INCIDENTS), values)}
    assert readings["Uptime"].latest == values[0] and readings["Uptime"].met is False
    assert readings["応答時間(p95)"].met is True
    assert readings["Open incidents"].latest is None and readings["Open incidents"].met is None
    summary = summarize_kpis((UPTIME, P95, INCIDENTS), values)
    assert (summary.total, summary.measured, summary.breached) == (3, 2, 1)
    assert summary.text == "KPIs: 1 of 3 breached"


def test_the_tile_says_when_there_is_nothing_to_count() -> None:
    assert summarize_kpis((), ()).text == "KPIs: none defined"
    assert summarize_kpis((UPTIME,), ()).text == "KPIs: no values yet"


def test_breaches_are_every_missed_value_newest_first() -> None:
    values = (
        KpiValue(1, 1, at(1), 99.0),
        KpiValue(2, 1, at(3), 99.5),
        KpiValue(3, 2, at(2), 900),
        KpiValue(4, 2, at(4), 700),
        KpiValue(5, 9, at(5), 1),  # a KPI removed since: not listed
    )
    assert [(k.id, v.id) for k, v in breaches((UPTIME, P95), values)] == [(1, 2), (2, 3), (1, 1)]


def test_a_kpi_is_named_by_id_or_by_name_in_any_case_and_width() -> None:
    kpis = (UPTIME, P95)
    assert kpi_named(kpis, "uptime") is UPTIME
    assert kpi_named(kpis, "#2") is P95 and kpi_named(kpis, "2") is P95
    assert kpi_named(kpis, "応答時間（Ｐ９５）") is P95  # full-width brackets and letters
    assert kpi_named(kpis, "latency") is None
    with pytest.raises(Refusal, match="already a KPI named 'UPTIME'"):
        check_kpi_name_free("UPTIME", None, kpis)
    check_kpi_name_free("Uptime", 1, kpis)  # its own name


def test_targets_and_values_are_written_with_the_decimals_they_need() -> None:
    assert target_text(UPTIME) == "≥ 99.9 %"
    assert target_text(P95) == "≤ 800 ms"
    assert target_text(INCIDENTS) == "≤ 3"
    assert value_text(P95, 1234.5) == "1,234.5 ms"
    assert value_text(UPTIME, 99.94449) == "99.944 %"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("99.95", 99.95),
        ("99,95", 99.95),
        ("99.95 %", 99.95),
        ("1,234", 1234.0),
        ("1,234.5", 1234.5),
        ("８００", 800.0),
    ],
)
def test_numbers_as_people_type_them(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["high", "NaN", "inf", ""])
def test_what_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_number(text)
