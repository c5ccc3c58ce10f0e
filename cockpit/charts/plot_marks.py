"""Ticks, tick labels and legend keys worked out once for a chart's two drawings (no matplotlib, no Qt).

The report draws a chart with matplotlib; the window paints the same chart with QPainter (``ui.charts``), so
the window never loads matplotlib. Left to itself, matplotlib picks its ticks from the figure's size in
inches, and the painter would pick others from its pixels: the chart functions set the ticks worked out here
on their axes instead, so paper and screen show the same numbers and times.

Numbers step by 1, 2, 2.5 or 5 times a power of ten, as matplotlib's ``MaxNLocator`` does; times step by
minutes, hours, days or months in the launch's time zone and read like matplotlib's ``ConciseDateFormatter``:
"12:00" within a day, the date ("12/05") at midnight, and the date line ("2026-12-05") once, under the axis.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
_SAME = 1e-9  # relative slack when deciding whether a tick sits inside the limits


@dataclass(frozen=True, slots=True)
class ValueTick:
    value: float
    label: str


@dataclass(frozen=True, slots=True)
class TimeTick:
    at: datetime
    label: str


@dataclass(frozen=True, slots=True)
class TimeTicks:
    """The ticks of a time axis, and the date line written once under its right end ("" when none)."""

    ticks: tuple[TimeTick, ...]
    offset: str


def nice_step(low: float, high: float, *, max_count: int = 6, integer: bool = False) -> float:
    """The smallest 1/2/2.5/5×10^k step that covers ``low``..``high`` in at most ``max_count`` intervals."""
    span = high - low
    if not math.isfinite(span) or span <= 0:
        return 1.0
    intervals = max(max_count, 1)
    power = 10.0 ** math.floor(math.log10(span / intervals))
    for factor in (*NICE_STEPS, 20.0):
        step = factor * power
        if integer and (step < 1 or step != round(step)):
            continue
        if math.ceil(high / step - _SAME) - math.floor(low / step + _SAME) <= intervals:
            return step
    return 20.0 * power


def nice_ticks(low: float, high: float, *, max_count: int = 6, integer: bool = False) -> tuple[float, ...]:
    """Round values between ``low`` and ``high`` (both included when round), at most ``max_count`` + 1 of them."""
    if high < low:
        low, high = high, low
    if high == low:
        return (low,)
    step = nice_step(low, high, max_count=max_count, integer=integer)
    slack = (high - low) * _SAME
    first = math.ceil((low - slack) / step)
    last = math.floor((high + slack) / step)
    return tuple(_tidy(index * step) for index in range(first, last + 1))


def _tidy(value: float) -> float:
    """0.30000000000000004 → 0.3, and never a negative zero."""
    return round(value, 10) + 0.0


def decimals_for(step: float) -> int:
    """How many decimals tell ticks ``step`` apart: 0.25 needs two, 2.5 one, 5 none."""
    for places in range(0, 10):
        if abs(round(step, places) - step) < step * 1e-6:
            return places
    return 10


def number_label(value: float, *, decimals: int = 0, suffix: str = "") -> str:
    """A tick's number: fixed decimals, an ASCII minus (it renders in every font), an optional unit after it."""
    text = f"{value:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text + suffix


def percent_label(fraction: float, *, decimals: int = 0) -> str:
    """A fraction as a percentage: 0.25 → "25 %" (the cockpit writes a space before %)."""
    return number_label(fraction * 100, decimals=decimals, suffix=" %")


def value_ticks(
    low: float,
    high: float,
    *,
    max_count: int = 6,
    integer: bool = False,
    fixed: Sequence[float] | None = None,
    percent: bool = False,
    suffix: str = "",
) -> tuple[ValueTick, ...]:
    """Ticks with their labels for a value axis from ``low`` to ``high``; ``fixed`` gives the values instead.

    Every label has the same number of decimals (99.5, 100.0), as matplotlib writes them; ``percent`` reads
    the values as fractions (0.25 → "25 %").
    """
    values = (
        tuple(fixed) if fixed is not None else nice_ticks(low, high, max_count=max_count, integer=integer)
    )
    if len(values) > 1:
        step = min(b - a for a, b in zip(values, values[1:], strict=False)) or 1.0
    else:  # one value (a target line alone) shows as many decimals as it has
        step = abs(values[0]) if values and values[0] else 1.0
    if percent:
        places = decimals_for(step * 100)
        return tuple(ValueTick(v, percent_label(v, decimals=places)) for v in values)
    places = 0 if integer else decimals_for(step)
    return tuple(ValueTick(v, number_label(v, decimals=places, suffix=suffix)) for v in values)


# -- time ------------------------------------------------------------------------------------------------------

_MINUTE_STEPS = (1, 2, 5, 10, 15, 30)
_HOUR_STEPS = (1, 2, 3, 4, 6, 12)
_DAY_STEPS = (1, 2, 3, 7, 14)
_MONTH_STEPS = (1, 2, 3, 4, 6)


def time_ticks(low: datetime, high: datetime, zone: tzinfo, *, max_count: int = 8) -> TimeTicks:
    """At most ``max_count`` ticks on round wall-clock times of ``zone`` between ``low`` and ``high``.

    Labels: "%H:%M" for times of day, "%m/%d" for days (and for midnight among hours), "%Y/%m" for months,
    with the date line for the last tick ("%Y-%m-%d" among hours, "%Y-%m" among days, "%Y" among months).
    """
    if high < low:
        low, high = high, low
    seconds = max((high - low).total_seconds(), 1.0)
    count = max(max_count, 2)
    for minutes in (*_MINUTE_STEPS, *(h * 60 for h in _HOUR_STEPS)):
        if seconds / (minutes * 60) <= count - 1:
            return _intraday(low, high, zone, minutes)
    for days in _DAY_STEPS:
        if seconds / (days * 86400) <= count - 1:
            return _daily(low, high, zone, days)
    for months in _MONTH_STEPS:
        if seconds / (months * 30.44 * 86400) <= count - 1:
            return _monthly(low, high, zone, months)
    return _monthly(low, high, zone, 12 * max(1, math.ceil(seconds / (365.25 * 86400) / (count - 1))))


def _local(moment: datetime, zone: tzinfo) -> datetime:
    return moment.astimezone(zone)


def _walk(start: datetime, high: datetime, zone: tzinfo, advance) -> list[datetime]:
    """Wall-clock times from ``start`` (naive, local) onwards, as aware moments up to ``high``."""
    out: list[datetime] = []
    wall = start
    while True:
        moment = wall.replace(tzinfo=zone)
        if moment > high:
            return out
        out.append(moment)
        wall = advance(wall)


def _intraday(low: datetime, high: datetime, zone: tzinfo, minutes: int) -> TimeTicks:
    local_low = _local(low, zone).replace(tzinfo=None)
    midnight = local_low.replace(hour=0, minute=0, second=0, microsecond=0)
    into_day = (local_low - midnight).total_seconds() / 60
    first = midnight + timedelta(minutes=math.ceil(into_day / minutes - _SAME) * minutes)
    moments = _walk(first, high, zone, lambda wall: _next_intraday(wall, minutes))
    moments = [m for m in moments if m >= low]
    ticks = tuple(
        TimeTick(m, m.strftime("%m/%d") if (m.hour, m.minute) == (0, 0) else m.strftime("%H:%M"))
        for m in moments
    )
    return TimeTicks(ticks, moments[-1].strftime("%Y-%m-%d") if moments else "")


def _next_intraday(wall: datetime, minutes: int) -> datetime:
    """The next tick: restart at midnight each day, so the ticks stay on round times of every day."""
    after = wall + timedelta(minutes=minutes)
    if after.date() != wall.date():
        return after.replace(hour=0, minute=0)
    return after


def _daily(low: datetime, high: datetime, zone: tzinfo, days: int) -> TimeTicks:
    local_low = _local(low, zone).replace(tzinfo=None)
    day = local_low.replace(hour=0, minute=0, second=0, microsecond=0)
    if day < local_low:
        day += timedelta(days=1)

    def on_step(wall: datetime) -> bool:  # days 1, 1 + n, 1 + 2n … of each month, as matplotlib counts them
        return (wall.day - 1) % days == 0 and (days == 1 or wall.day + days <= 32)

    while not on_step(day):
        day += timedelta(days=1)

    def advance(wall: datetime) -> datetime:
        wall += timedelta(days=1)
        while not on_step(wall):
            wall += timedelta(days=1)
        return wall

    moments = [m for m in _walk(day, high, zone, advance) if m >= low]
    ticks = tuple(TimeTick(m, m.strftime("%m/%d")) for m in moments)
    return TimeTicks(ticks, moments[-1].strftime("%Y-%m") if moments else "")


def _monthly(low: datetime, high: datetime, zone: tzinfo, months: int) -> TimeTicks:
    local_low = _local(low, zone).replace(tzinfo=None)
    index = local_low.year * 12 + local_low.month - 1
    if local_low > _month_start(index):
        index += 1
    index = math.ceil(index / months) * months if months < 12 else math.ceil(index / 12) * 12
    moments: list[datetime] = []
    while (moment := _month_start(index).replace(tzinfo=zone)) <= high:
        moments.append(moment)
        index += months
    ticks = tuple(
        TimeTick(m, m.strftime("%Y") if m.month == 1 or months >= 12 else m.strftime("%Y/%m"))
        for m in moments
    )
    return TimeTicks(ticks, "" if months >= 12 or not moments else moments[-1].strftime("%Y"))


def _month_start(index: int) -> datetime:
    return datetime(index // 12, index % 12 + 1, 1)


# -- legends ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Swatch:
    """How a legend key (and the mark it names) looks, in the palette's colours and matplotlib's hatch letters.

    ``kind`` is "line" (``colour``, ``width``, ``dashes`` as on-off lengths in line widths, optional
    ``marker``), "marker" (``marker`` alone: "o" dot, "x" cross) or "patch" (``fill``, ``edge``, ``hatch``
    such as "///", "...", "xxx"; the hatch is drawn in ``edge``).
    """

    kind: str
    colour: str = "#222222"
    width: float = 1.0  # the line's, or the patch edge's, in pixels on screen and points on paper
    dashes: tuple[float, ...] = ()
    marker: str = ""
    fill: str = ""
    edge: str = ""
    hatch: str = ""


@dataclass(frozen=True, slots=True)
class LegendKey:
    label: str
    swatch: Swatch
