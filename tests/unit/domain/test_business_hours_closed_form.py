"""A calendar's clocks are counted from its working spans year by year (issue 15: `cockpit status` counts
thousands of them): the same time counted and the same due moment, to the microsecond and in the same zone,
as walking ``working_spans`` day by day, across weekends, public and team holidays, a new year, moments on
an opening or a closing, zero targets and the search's end; and a daylight-saving change inside working
hours, where the walk itself is kept."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.business_hours import SEARCH_DAYS, BusinessCalendar, counted, due_after

CALENDARS = {
    "Tokyo office, JP holidays": BusinessCalendar(zone="Asia/Tokyo"),
    "Berlin, Mon–Sat, no public holidays": BusinessCalendar(
        zone="Europe/Berlin",
        working_days=frozenset(range(6)),
        day_start=time(8, 30),
        day_end=time(17, 15),
        public_holidays="",
    ),
    "UTC with team days over the new year": BusinessCalendar(
        zone="UTC", team_holidays=frozenset({date(2026, 12, 31), date(2027, 1, 4)})
    ),
    "New York, Wednesdays only, whole days": BusinessCalendar(
        zone="America/New_York",
        working_days=frozenset({2}),
        day_start=time(0, 0),
        day_end=time(23, 59),
        public_holidays="",
    ),
    # Every day from midnight: the daylight-saving changes of 1 Nov 2026 and 14 Mar 2027 fall in working hours.
    "New York, every day, with the clock changes": BusinessCalendar(
        zone="America/New_York",
        working_days=frozenset(range(7)),
        day_start=time(0, 0),
        day_end=time(23, 59),
        public_holidays="",
    ),
}


def walked_count(start: datetime, end: datetime, calendar: BusinessCalendar) -> timedelta:
    total = timedelta(0)
    if end <= start:
        return total
    for a, b in calendar.working_spans(start):
        if a >= end:
            break
        total += min(b, end) - a
    return total


def walked_due(start: datetime, target: timedelta, calendar: BusinessCalendar) -> datetime | None:
    left = target
    for a, b in calendar.working_spans(start):
        if b - a >= left:
            return a + left
        left -= b - a
    return None


def moments(calendar: BusinessCalendar, seed: int) -> list[tuple[datetime, datetime, timedelta]]:
    pick = random.Random(seed)
    zone = ZoneInfo(calendar.zone)
    found = []
    for _ in range(400):
        start = datetime(2026, 10, 20, tzinfo=UTC) + timedelta(minutes=pick.randrange(60 * 24 * 170))
        if pick.random() < 0.25:  # on an opening or a closing
            day = start.astimezone(zone).date()
            start = datetime.combine(day, pick.choice([calendar.day_start, calendar.day_end]), zone)
        end = start + timedelta(
            minutes=pick.randrange(-120, 60 * 24 * 90), microseconds=pick.randrange(10**6)
        )
        target = timedelta(minutes=pick.choice([0, 1, 30, 240, 540, 555, 960, 2_000, 9_000, 60_000]))
        found.append((start, end, target))
    return found


@pytest.mark.parametrize("name", CALENDARS)
def test_the_count_and_the_due_moment_are_the_walks(name: str) -> None:
    calendar = CALENDARS[name]
    for start, end, target in moments(calendar, seed=len(name)):
        assert counted(start, end, calendar) == walked_count(start, end, calendar), (start, end)
        due, walked = due_after(start, target, calendar), walked_due(start, target, calendar)
        assert due == walked, (start, target)
        assert due is None or walked is None or due.isoformat() == walked.isoformat(), (start, target)


def test_past_the_search_no_due_moment_and_no_more_time_counted() -> None:
    calendar = BusinessCalendar(zone="UTC", working_days=frozenset({0}), public_holidays="")
    start = datetime(2026, 11, 30, 9, tzinfo=UTC)  # a Monday
    mondays = SEARCH_DAYS // 7 + 1
    assert due_after(start, timedelta(hours=9 * mondays + 1), calendar) is None
    far = start + timedelta(days=SEARCH_DAYS + 400)
    assert counted(start, far, calendar) == walked_count(start, far, calendar) == timedelta(hours=9 * mondays)
