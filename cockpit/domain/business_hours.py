"""Business hours: the time an SLA clock counts, as service desks (Zammad, Jira Service Management) count it.

A calendar names the working days and hours in the launch's zone; Japanese public holidays come from the
maintained ``holidays`` package, the team's own days off (年末年始, a company holiday) are added by the team.
A ticket's pauses (waiting on the reporter) are cut out of whatever the calendar counts. No calendar at all
is 24×7: every minute counts, the default for P1.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PUBLIC_HOLIDAY_REGIONS = ("JP",)  # the calendars the cockpit offers; "" is none
# A calendar is searched this far ahead for its next working minute: past it, a due date is not given.
SEARCH_DAYS = 3 * 366


@dataclass(frozen=True, slots=True)
class Pause:
    """A stretch a ticket waited on its reporter; ``end`` None while it still waits."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Working days (0 = Monday) and hours in ``zone``, less public holidays and the team's own days."""

    zone: str = "UTC"
    working_days: frozenset[int] = frozenset(range(5))
    day_start: time = time(9, 0)
    day_end: time = time(18, 0)
    public_holidays: str = "JP"
    team_holidays: frozenset[date] = frozenset()

    def is_day_off(self, day: date) -> bool:
        return (
            day.weekday() not in self.working_days
            or day in self.team_holidays
            or (bool(self.public_holidays) and day in _public_holidays(self.public_holidays, day.year))
        )

    def working_spans(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The working stretches from ``start`` on, in order, for ``SEARCH_DAYS`` days."""
        zone = ZoneInfo(self.zone)
        day = start.astimezone(zone).date()
        for _ in range(SEARCH_DAYS):
            if not self.is_day_off(day):
                opens = datetime.combine(day, self.day_start, zone)
                closes = datetime.combine(day, self.day_end, zone)
                if closes > start:
                    yield max(opens, start), closes
            day += timedelta(days=1)


@lru_cache(maxsize=32)
def _public_holidays(region: str, year: int) -> frozenset[date]:
    from cockpit.domain import holiday_source  # loaded once a clock asks about a day

    return (holiday_source.remembering or holiday_source.from_the_package)(region, year)


def public_holidays_of(region: str, year: int, *, language: str = "en") -> list[tuple[date, str]]:
    """The region's public holidays of ``year`` with their names as the package words them in ``language``."""
    if not region:
        return []
    import holidays

    names = holidays.country_holidays(region, years=year, language="ja" if language == "ja" else "en_US")
    return sorted((day, str(name)) for day, name in names.items())


def _always(start: datetime) -> Iterator[tuple[datetime, datetime]]:
    yield start, datetime.max.replace(tzinfo=start.tzinfo)


def _spans(calendar: BusinessCalendar | None, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    return calendar.working_spans(start) if calendar is not None else _always(start)


def _without_pauses(
    spans: Iterable[tuple[datetime, datetime]], pauses: Iterable[Pause]
) -> Iterator[tuple[datetime, datetime]]:
    """The spans with the pauses cut out; an open pause runs for ever (nothing counts after it starts)."""
    cuts = sorted((p.start, p.end) for p in pauses)
    # Nothing counts once an open pause has started: stop there rather than walk the calendar's years.
    held_from = min((cut_start for cut_start, cut_end in cuts if cut_end is None), default=None)
    for span_start, span_end in spans:
        if held_from is not None and span_start >= held_from:
            return
        pieces = [(span_start, span_end)]
        for cut_start, cut_end in cuts:
            next_pieces = []
            for a, b in pieces:
                if cut_end is not None and cut_end <= a or cut_start >= b:
                    next_pieces.append((a, b))
                    continue
                if a < cut_start:
                    next_pieces.append((a, cut_start))
                if cut_end is not None and cut_end < b:
                    next_pieces.append((cut_end, b))
            pieces = next_pieces
        yield from pieces


def counted(
    start: datetime, end: datetime, calendar: BusinessCalendar | None, pauses: Iterable[Pause] = ()
) -> timedelta:
    """The time a clock counts from ``start`` to ``end``: working time, pauses left out."""
    total = timedelta(0)
    if end <= start:
        return total
    pauses = tuple(pauses)
    if calendar is None and not pauses:  # wall-clock time: most tickets' clocks, thousands per status
        return end - start
    if calendar is not None and not pauses:
        try:
            return _counted_in(calendar, start, end)
        except _ClockChange:
            pass
    for a, b in _without_pauses(_spans(calendar, start), pauses):
        if a >= end:
            break
        total += min(b, end) - a
    return total


def due_after(
    start: datetime, target: timedelta, calendar: BusinessCalendar | None, pauses: Iterable[Pause] = ()
) -> datetime | None:
    """The moment a clock started at ``start`` has counted ``target``; None when no working time in
    ``SEARCH_DAYS`` reaches it, or an open pause holds it."""
    pauses = tuple(pauses)
    if calendar is None and not pauses:
        return start + target
    if calendar is not None and not pauses:
        try:
            return _due_in(calendar, start, target)
        except _ClockChange:
            pass
    left = target
    for a, b in _without_pauses(_spans(calendar, start), pauses):
        if b - a >= left:
            return a + left
        left -= b - a
    return None


# Without pauses, a calendar's clocks are counted from its working spans year by year, each year's worked
# out once: walking the days of every clock (a status asks thousands) was most of the time of `cockpit
# status` and of the Support pane's first showing. The same spans as ``working_spans``, the same sums; a
# year whose working hours hold a daylight-saving change is walked as before (a span's length on the wall
# clock is then not the time that passed, and the walk's sums mix the two).


class _ClockChange(Exception):
    """A year of the count has a daylight-saving change inside working hours: walk it instead."""


@dataclass(frozen=True, slots=True)
class _Year:
    """A calendar's working spans of one year (its days in the calendar's zone), in order; moments and sums
    in microseconds since the epoch, compared without a zone conversion per comparison."""

    opens: tuple[datetime, ...]
    opens_at: tuple[int, ...]
    closes_at: tuple[int, ...]
    before: tuple[int, ...]  # the working time of the year before each span opens
    through: tuple[int, ...]  # … and when it closes
    total: int
    steady: bool  # no span holds a change of the zone's offset


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micro(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def _year(calendar: BusinessCalendar, zone: ZoneInfo, year: int) -> _Year:
    opens: list[datetime] = []
    opens_at: list[int] = []
    closes_at: list[int] = []
    before: list[int] = []
    through: list[int] = []
    worked = 0
    steady = True
    day = date(year, 1, 1)
    while day.year == year:
        if not calendar.is_day_off(day):
            opening = datetime.combine(day, calendar.day_start, zone)
            closing = datetime.combine(day, calendar.day_end, zone)
            steady = steady and opening.utcoffset() == closing.utcoffset()
            opens.append(opening)
            opens_at.append(_micro(opening))
            closes_at.append(_micro(closing))
            before.append(worked)
            worked += closes_at[-1] - opens_at[-1]
            through.append(worked)
        day += timedelta(days=1)
    return _Year(
        tuple(opens), tuple(opens_at), tuple(closes_at), tuple(before), tuple(through), worked, steady
    )


class _Spans:
    """A calendar's zone and its years' working spans, each year worked out the first time it is asked for."""

    __slots__ = ("calendar", "years", "zone")

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar
        self.zone = ZoneInfo(calendar.zone)
        self.years: dict[int, _Year] = {}

    def of(self, year: int) -> _Year:
        spans = self.years.get(year)
        if spans is None:
            spans = self.years[year] = _year(self.calendar, self.zone, year)
        if not spans.steady:
            raise _ClockChange
        return spans


@lru_cache(maxsize=16)
def _spans_of(calendar: BusinessCalendar) -> _Spans:
    return _Spans(calendar)


def _worked_before(spans: _Year, moment: int) -> int:
    """The working time of ``spans``' year before ``moment``, a moment of that year."""
    k = bisect_right(spans.opens_at, moment) - 1
    return 0 if k < 0 else spans.before[k] + min(spans.closes_at[k], moment) - spans.opens_at[k]


def _counted_in(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    spans = _spans_of(calendar)
    first = start.astimezone(spans.zone).date()
    past = first + timedelta(days=SEARCH_DAYS)  # the walk's last day is the one before
    local_end = end.astimezone(spans.zone)
    if local_end.date() >= past:
        end = local_end = min(end, datetime.combine(past, time(0), spans.zone))
    if end <= start:
        return timedelta(0)
    total = -_worked_before(spans.of(first.year), _micro(start))
    for year in range(first.year, local_end.year):
        total += spans.of(year).total
    return timedelta(microseconds=total + _worked_before(spans.of(local_end.year), _micro(end)))


def _due_in(calendar: BusinessCalendar, start: datetime, target: timedelta) -> datetime | None:
    spans = _spans_of(calendar)
    first = start.astimezone(spans.zone).date()
    past = first + timedelta(days=SEARCH_DAYS)
    year_spans = spans.of(first.year)
    at = _micro(start)
    left = target // _MICROSECOND + _worked_before(year_spans, at)  # counted from the start of the year
    k = max(bisect_left(year_spans.through, left), bisect_right(year_spans.closes_at, at))
    year = first.year
    while k >= len(year_spans.opens):
        left -= year_spans.total
        year += 1
        if year > past.year:
            return None
        year_spans = spans.of(year)
        k = bisect_left(year_spans.through, left)
    if year_spans.opens[k].date() >= past:
        return None
    if year == first.year and at > year_spans.opens_at[k]:  # inside the span it starts in, as the walk counts
        return start + target
    return year_spans.opens[k] + timedelta(microseconds=left - year_spans.before[k])


def check_calendar(working_days: Iterable[int], day_start: time, day_end: time, public_holidays: str) -> None:
    """Refuse a calendar no clock could run on."""
    if not set(working_days):
        raise Refusal(tr("A business-hours calendar needs at least one working day (for example mon-fri)."))
    if day_end <= day_start:
        raise Refusal(
            tr(
                "The working day must end after it starts ({start}–{end}); give the hours as HH:MM-HH:MM, "
                "for example 09:00-18:00.",
                start=day_start.strftime("%H:%M"),
                end=day_end.strftime("%H:%M"),
            )
        )
    if public_holidays and public_holidays not in PUBLIC_HOLIDAY_REGIONS:
        raise Refusal(
            tr(
                "{region!r} is not a holiday calendar the cockpit knows; use one of: {known}, or none.",
                region=public_holidays,
                known=", ".join(PUBLIC_HOLIDAY_REGIONS),
            )
        )


def parse_days(text: str) -> frozenset[int]:
    """``"mon-fri"``, ``"mon,tue,thu"`` or ``"mon-sat"`` as weekday numbers (0 = Monday)."""
    days: set[int] = set()
    for part in text.replace(" ", "").lower().split(","):
        if not part:
            continue
        first, _, last = part.partition("-")
        if first not in WEEKDAY_NAMES or (last and last not in WEEKDAY_NAMES):
            raise Refusal(
                tr(
                    "{days!r} is not a list of working days; write them as mon-fri or mon,tue,wed "
                    "(mon tue wed thu fri sat sun).",
                    days=text,
                )
            )
        a = WEEKDAY_NAMES.index(first)
        b = WEEKDAY_NAMES.index(last) if last else a
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


def days_text(days: Iterable[int]) -> str:
    """Weekday numbers as ``parse_days`` reads them back: runs as ``mon-fri``, others by comma."""
    ordered = sorted(set(days))
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        WEEKDAY_NAMES[run[0]] if len(run) == 1 else f"{WEEKDAY_NAMES[run[0]]}-{WEEKDAY_NAMES[run[-1]]}"
        for run in runs
    )


def parse_hours(text: str) -> tuple[time, time]:
    """``"09:00-18:00"`` (or ``"9:00-18:00"``) as the working day's start and end."""
    found = _HOURS.fullmatch(text.replace(" ", "").replace("〜", "-").replace("~", "-"))
    try:
        if found is None:
            raise ValueError(text)
        start_hour, start_minute, end_hour, end_minute = (int(part) for part in found.groups())
        return time(start_hour, start_minute), time(end_hour, end_minute)
    except ValueError:
        raise Refusal(
            tr(
                "{hours!r} is not a span of working hours; write it as HH:MM-HH:MM, for example 09:00-18:00.",
                hours=text,
            )
        ) from None


_HOURS = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")
