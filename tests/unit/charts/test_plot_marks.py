"""Ticks and labels worked out once for a chart's paper and screen drawings: round numbers, round local times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit.charts.plot_marks import (
    decimals_for,
    nice_ticks,
    number_label,
    percent_label,
    time_ticks,
    value_ticks,
)

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 7, 8, 50, tzinfo=UTC)  # 17:50 in Tokyo


@pytest.mark.parametrize(
    ("low", "high", "max_count", "expected"),
    [
        (0, 54, 6, (0, 10, 20, 30, 40, 50)),
        (99.55, 100.05, 6, (99.6, 99.7, 99.8, 99.9, 100.0)),
        (-0.1, 0.9, 6, (0, 0.2, 0.4, 0.6, 0.8)),
        (0, 10, 4, (0, 2.5, 5, 7.5, 10)),
        (250, 1050, 9, (300, 400, 500, 600, 700, 800, 900, 1000)),
        (-3, 3, 6, (-3, -2, -1, 0, 1, 2, 3)),
    ],
)
def test_ticks_step_by_one_two_two_and_a_half_or_five_times_a_power_of_ten(low, high, max_count, expected):
    assert nice_ticks(low, high, max_count=max_count) == pytest.approx(expected)


def test_integer_ticks_never_fall_between_whole_numbers():
    assert nice_ticks(0, 1.15, integer=True) == (0, 1)
    assert nice_ticks(0, 3, max_count=8, integer=True) == (0, 1, 2, 3)


def test_one_value_gets_one_tick_and_reversed_limits_are_read_in_order():
    assert nice_ticks(5, 5) == (5,)
    assert nice_ticks(10, 0, max_count=2) == (0, 5, 10)


def test_labels_share_their_decimals_and_percentages_carry_the_unit():
    assert [t.label for t in value_ticks(99.55, 100.05)] == ["99.6", "99.7", "99.8", "99.9", "100.0"]
    assert [t.label for t in value_ticks(0, 0.9, percent=True)] == ["0 %", "20 %", "40 %", "60 %", "80 %"]
    assert [t.label for t in value_ticks(0, 10, max_count=4)] == ["0.0", "2.5", "5.0", "7.5", "10.0"]
    assert [t.label for t in value_ticks(0, 0, fixed=[800])] == ["800"]
    assert decimals_for(0.25) == 2 and decimals_for(5) == 0
    assert number_label(-0.0001, decimals=1) == "0.0"
    assert number_label(-2, suffix=" ms") == "-2 ms"
    assert percent_label(0.125, decimals=1) == "12.5 %"


def test_three_days_tick_every_twelve_hours_with_the_date_at_midnight_and_the_date_line_once():
    axis = time_ticks(NOW - timedelta(hours=72), NOW, TOKYO)
    assert [t.label for t in axis.ticks] == ["12/05", "12:00", "12/06", "12:00", "12/07", "12:00"]
    assert axis.ticks[0].at == datetime(2026, 12, 5, tzinfo=TOKYO)
    assert axis.offset == "2026-12-07"


def test_a_few_hours_tick_on_the_hour_in_the_launch_zone():
    axis = time_ticks(NOW - timedelta(hours=5), NOW, TOKYO)
    assert [t.label for t in axis.ticks] == ["13:00", "14:00", "15:00", "16:00", "17:00"]


def test_days_and_weeks_tick_on_local_midnights_and_say_the_month_once():
    axis = time_ticks(NOW - timedelta(days=4.3), NOW, TOKYO, max_count=6)
    assert [t.label for t in axis.ticks] == ["12/04", "12/05", "12/06", "12/07"]
    assert axis.offset == "2026-12"
    weeks = time_ticks(NOW - timedelta(days=30), NOW, TOKYO)
    assert [t.label for t in weeks.ticks] == ["11/08", "11/15", "11/22", "12/01"]


def test_months_and_years():
    months = time_ticks(NOW - timedelta(days=200), NOW, TOKYO)
    assert [t.label for t in months.ticks][:2] == ["2026/06", "2026/07"] and months.offset == "2026"
    years = time_ticks(NOW - timedelta(days=3000), NOW, TOKYO)
    assert all(len(t.label) == 4 for t in years.ticks) and years.offset == ""


def test_ticks_stay_on_round_wall_clock_times_across_a_clock_change():
    berlin = ZoneInfo("Europe/Berlin")
    low = datetime(2026, 3, 28, 18, 0, tzinfo=berlin)
    axis = time_ticks(low, low + timedelta(hours=30), berlin)
    assert {t.at.minute for t in axis.ticks} == {0}
    assert all(t.at.astimezone(berlin).hour % 6 == 0 for t in axis.ticks)
    assert [t.at for t in axis.ticks] == sorted(t.at for t in axis.ticks)


def test_every_tick_lies_inside_the_span():
    for hours in (0.5, 3, 20, 50, 100, 500, 5000):
        low = NOW - timedelta(hours=hours)
        axis = time_ticks(low, NOW, TOKYO)
        assert axis.ticks and all(low <= t.at <= NOW for t in axis.ticks)
        assert len(axis.ticks) <= 8
