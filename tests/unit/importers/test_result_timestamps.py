"""Durations and time stamps in the shapes tools write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from cockpit.importers.timestamps import combine_date_time, parse_seconds, parse_timestamp

JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0.5", 0.5),
        ("1,234.5", 1234.5),
        ("1,234", 1234.0),
        ("0,5", 0.5),
        ("12,5", 12.5),
        ("1.234,5", 1234.5),
        ("12ms", 0.012),
        ("3s", 3.0),
        ("", 0.0),
        (None, 0.0),
        ("-1", 0.0),
        ("NaN", 0.0),
        ("inf", 0.0),
        ("soon", 0.0),
    ],
)
def test_seconds(text: str | None, seconds: float) -> None:
    assert parse_seconds(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2024-05-01T10:15:30", datetime(2024, 5, 1, 10, 15, 30, tzinfo=JST)),
        ("2024-05-01T10:15:30Z", datetime(2024, 5, 1, 10, 15, 30, tzinfo=UTC)),
        ("2024-05-01 10:15:30+09:00", datetime(2024, 5, 1, 10, 15, 30, tzinfo=JST)),
        ("2024-05-01 10:15:30 +0900", datetime(2024, 5, 1, 10, 15, 30, tzinfo=JST)),
        ("2024-05-01T10:15:30.1234567+09:00", datetime(2024, 5, 1, 10, 15, 30, 123456, tzinfo=JST)),
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=JST)),
        ("Wed, 01 May 2024 01:15:30 GMT", datetime(2024, 5, 1, 1, 15, 30, tzinfo=UTC)),
        ("2024-05-01T01:15:30 UTC", datetime(2024, 5, 1, 1, 15, 30, tzinfo=UTC)),
        ("2024-05-01T10:15:30 CEST", datetime(2024, 5, 1, 10, 15, 30, tzinfo=JST)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_timestamps_are_aware(text: str, moment: datetime | None) -> None:
    found = parse_timestamp(text, naive_tz=JST)
    assert found == moment
    if found is not None:
        assert found.tzinfo is not None


def test_a_date_and_a_time_in_two_attributes() -> None:
    assert combine_date_time("2024-05-01", "10:15:30", naive_tz=JST) == datetime(
        2024, 5, 1, 10, 15, 30, tzinfo=JST
    )
    assert combine_date_time("2024-05-01", "not a time", naive_tz=JST) == datetime(2024, 5, 1, tzinfo=JST)
    assert combine_date_time(None, "10:15:30", naive_tz=JST) is None
