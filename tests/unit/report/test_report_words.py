"""The report's narrow time cells: month and day in the language's own short form, the year when it differs."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from cockpit import i18n
from cockpit.report.words import table_time

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("lang", "said"), [("en", "12-01 09:00"), ("ja", "12/01 09:00")])
def test_a_time_this_year_leaves_the_year_out(lang: str, said: str, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "_language", lang)
    assert table_time(NOW, TOKYO, now=NOW) == said


def test_a_time_in_another_year_says_it() -> None:
    assert table_time(datetime(2025, 12, 1, 0, 0, tzinfo=UTC), TOKYO, now=NOW) == "2025-12-01 09:00"
