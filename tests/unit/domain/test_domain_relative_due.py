"""Due times relative to go-live: the forms a planner writes, what they come to, and the ones refused."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cockpit.domain.refusal import Refusal
from cockpit.domain.relative_due import (
    RelativeDue,
    due_from,
    looks_relative,
    offset_from_go_live,
    parse_relative_due,
)

TOKYO = ZoneInfo("Asia/Tokyo")
GO_LIVE = datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("T-30d", RelativeDue(days=-30)),
        ("t+7D", RelativeDue(days=7)),
        ("T-2h", RelativeDue(hours=-2)),
        ("T+36H", RelativeDue(hours=36)),
        ("T", RelativeDue()),
        ("T-0d", RelativeDue()),
        (" T - 3 d ", RelativeDue(days=-3)),
        ("T\u221230d", RelativeDue(days=-30)),  # the minus sign, as typeset plans write it
        ("T−30日", RelativeDue(days=-30)),
        ("Ｔ－３０日", RelativeDue(days=-30)),  # full width, as a Japanese input method types it
        ("T-2時間", RelativeDue(hours=-2)),
        ("T-1d 18:00", RelativeDue(days=-1, at=time(18, 0))),
        ("T+1d@8:30", RelativeDue(days=1, at=time(8, 30))),
        ("T 18:00", RelativeDue(at=time(18, 0))),
    ],
)
def test_accepted_forms(text: str, offset: RelativeDue) -> None:
    assert parse_relative_due(text) == offset
    assert looks_relative(text)
    assert parse_relative_due(offset.text()) == offset  # the canonical spelling reads back


@pytest.mark.parametrize(
    "text",
    ["T-1m", "T-1.5d", "T30d", "T-d", "T-2h 09:00", "T-1d 24:00", "T-1d 9:75", "T-1w", "X-3d", "", "T-3d-2h"],
)
def test_anything_else_is_refused_naming_the_forms(text: str) -> None:
    with pytest.raises(Refusal) as refused:
        parse_relative_due(text)
    message = str(refused.value)
    assert "T-30d" in message and "T-2h" in message and "ISO 8601" in message


def test_an_offset_beyond_ten_years_is_refused() -> None:
    with pytest.raises(Refusal, match="3650 days"):
        parse_relative_due("T-4000d")
    with pytest.raises(Refusal, match="3650 days"):
        parse_relative_due("T+100000h")


def test_iso_times_are_not_taken_for_offsets() -> None:
    assert not looks_relative("2026-11-01T09:00+09:00")


def test_a_day_offset_keeps_go_lives_time_of_day_in_the_launchs_zone() -> None:
    assert due_from("T-30d", GO_LIVE) == datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO)
    assert due_from("T+7d", GO_LIVE) == datetime(2026, 12, 8, 9, 0, tzinfo=TOKYO)
    assert due_from("T-1d 18:00", GO_LIVE) == datetime(2026, 11, 30, 18, 0, tzinfo=TOKYO)
    # Go-live stored in UTC (as the file keeps it) is counted on the launch's own calendar.
    stored = GO_LIVE.astimezone(UTC)
    due = due_from("T-1d", stored, zone=TOKYO)
    assert due == datetime(2026, 11, 30, 9, 0, tzinfo=TOKYO) and due.tzinfo == TOKYO


def test_days_are_calendar_days_across_daylight_saving_hours_are_elapsed() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    go_live = datetime(2026, 3, 30, 9, 0, tzinfo=berlin)  # the clocks went forward on 29 March
    assert due_from("T-2d", go_live).isoformat() == "2026-03-28T09:00:00+01:00"
    assert due_from("T-48h", go_live).isoformat() == "2026-03-28T08:00:00+01:00"


def test_an_hour_offset_is_elapsed_time() -> None:
    assert due_from("T-2h", GO_LIVE) == datetime(2026, 12, 1, 7, 0, tzinfo=TOKYO)
    assert due_from(RelativeDue(hours=30), GO_LIVE) == datetime(2026, 12, 2, 15, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("due", "text"),
    [
        (datetime(2026, 11, 1, 9, 0, tzinfo=TOKYO), "T−30d"),
        (datetime(2026, 12, 1, 9, 0, tzinfo=TOKYO), "T"),
        (datetime(2026, 12, 1, 7, 0, tzinfo=TOKYO), "T−2h"),
        (datetime(2026, 12, 2, 9, 0, tzinfo=TOKYO), "T+1d"),
        (datetime(2026, 11, 20, 18, 0, tzinfo=TOKYO), "T−11d 18:00"),
        (datetime(2026, 12, 1, 10, 30, tzinfo=TOKYO), "T 10:30"),
    ],
)
def test_the_offset_of_a_due_time_as_a_planner_says_it(due: datetime, text: str) -> None:
    offset = offset_from_go_live(due, GO_LIVE, zone=TOKYO)
    assert offset.text(minus="−") == text
    assert due_from(offset, GO_LIVE, zone=TOKYO) == due
