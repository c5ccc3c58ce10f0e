"""Times as the team reads them: the launch's zone and its abbreviation, wherever they are said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from cockpit.words.moments import moment_text

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_stored_utc_time_is_said_in_the_launch_zone_with_its_abbreviation() -> None:
    assert moment_text("2026-12-02T10:06:00.123+00:00", TOKYO) == "2026-12-02 19:06 JST"
    assert moment_text(datetime(2026, 12, 2, 10, 6, 5, tzinfo=UTC), TOKYO, seconds=True) == (
        "2026-12-02 19:06:05 JST"
    )


def test_a_naive_time_is_utc_and_no_zone_means_utc() -> None:
    assert moment_text(datetime(2026, 12, 2, 10, 6), TOKYO) == "2026-12-02 19:06 JST"
    assert moment_text("2026-12-02T10:06:00+00:00", None) == "2026-12-02 10:06 UTC"


def test_a_zone_without_a_name_shows_its_offset() -> None:
    assert moment_text("2026-12-02T10:06:00+00:00", timezone(timedelta(hours=5, minutes=30))) == (
        "2026-12-02 15:36 UTC+05:30"
    )


def test_nothing_or_a_text_that_is_no_time() -> None:
    assert moment_text(None, TOKYO) == ""
    assert moment_text("", TOKYO) == ""
    assert moment_text("yesterday", TOKYO) == "yesterday"
