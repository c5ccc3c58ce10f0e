"""Times as the team reads them: the launch's zone and its abbreviation, in each language's own form."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cockpit import i18n
from cockpit.words.moments import WEEKDAYS, moment_text, short_moment_text, table_moment_text

TOKYO = ZoneInfo("Asia/Tokyo")
DEC_1_9AM_TOKYO = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def japanese() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("ja")
    yield
    i18n.set_language(before)


def test_a_stored_utc_time_is_said_in_the_launch_zone_with_its_abbreviation() -> None:
    assert moment_text("2026-12-02T10:06:00.123+00:00", TOKYO, lang="en") == "Wed 2 Dec 2026 19:06 JST"
    assert moment_text(datetime(2026, 12, 2, 10, 6, 5, tzinfo=UTC), TOKYO, seconds=True, lang="en") == (
        "Wed 2 Dec 2026 19:06:05 JST"
    )


def test_japanese_says_year_month_day_and_the_weekday_in_brackets() -> None:
    assert moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="ja") == "2026年12月1日(火) 09:00 JST"
    assert moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="en") == "Tue 1 Dec 2026 09:00 JST"


def test_the_form_follows_the_users_language(japanese: None) -> None:
    assert moment_text(DEC_1_9AM_TOKYO, TOKYO) == "2026年12月1日(火) 09:00 JST"
    assert short_moment_text(DEC_1_9AM_TOKYO, TOKYO) == "12/01 09:00"


def test_every_weekday_has_its_own_name_in_every_language() -> None:
    monday = datetime(2026, 11, 30, 12, tzinfo=UTC)
    for lang, names in WEEKDAYS.items():
        said = [moment_text(monday + timedelta(days=n), UTC, lang=lang) for n in range(7)]
        assert [name in text for name, text in zip(names, said, strict=True)] == [True] * 7
        assert len(set(names)) == 7


def test_the_short_form_fits_a_narrow_column() -> None:
    assert short_moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="ja") == "12/01 09:00"
    assert short_moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="en") == "12-01 09:00"
    assert short_moment_text(None, TOKYO) == ""


def test_a_table_column_says_the_whole_date_in_each_languages_own_way() -> None:
    assert table_moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="ja") == "2026/12/01 09:00"
    assert table_moment_text(DEC_1_9AM_TOKYO, TOKYO, lang="en") == "2026-12-01 09:00"
    assert table_moment_text(None, TOKYO) == ""


def test_a_naive_time_is_utc_and_no_zone_means_utc() -> None:
    assert moment_text(datetime(2026, 12, 2, 10, 6), TOKYO, lang="en") == "Wed 2 Dec 2026 19:06 JST"
    assert moment_text("2026-12-02T10:06:00+00:00", None, lang="en") == "Wed 2 Dec 2026 10:06 UTC"


def test_a_zone_without_a_name_shows_its_offset() -> None:
    assert moment_text("2026-12-02T10:06:00+00:00", timezone(timedelta(hours=5, minutes=30)), lang="en") == (
        "Wed 2 Dec 2026 15:36 UTC+05:30"
    )


def test_nothing_or_a_text_that_is_no_time() -> None:
    assert moment_text(None, TOKYO) == ""
    assert moment_text("", TOKYO) == ""
    assert moment_text("yesterday", TOKYO) == "yesterday"
