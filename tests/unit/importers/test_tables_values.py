"""Cell values as tools write them: dates, severities, statuses, counts, ratings, durations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from cockpit.importers import vocabulary as words
from cockpit.importers.cell_values import (
    CellError,
    cell_text,
    parse_count,
    parse_datetime,
    parse_flag,
    parse_minutes,
    parse_scale,
    prefers_day_first,
)

TOKYO = ZoneInfo("Asia/Tokyo")
JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01T09:00:00+09:00", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),
        ("2026-12-01 09:00", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),
        ("2026-12-01T00:00:00Z", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),
        ("2026/12/01 9:00", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),
        ("2026/12/1", datetime(2026, 12, 1, 0, 0, tzinfo=JST)),
        ("2026年12月1日 9時30分", datetime(2026, 12, 1, 9, 30, tzinfo=JST)),
        ("2026/12/01(火) 午後 3:00", datetime(2026, 12, 1, 15, 0, tzinfo=JST)),
        ("01/Dec/26 9:00 AM", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),  # Jira
        ("01/Dec/26 12:30 PM", datetime(2026, 12, 1, 12, 30, tzinfo=JST)),
        ("01/Dec/26 12:05 AM", datetime(2026, 12, 1, 0, 5, tzinfo=JST)),
        ("01/12月/26 9:00 午後", datetime(2026, 12, 1, 21, 0, tzinfo=JST)),  # Jira in Japanese
        ("Dec 1, 2026", datetime(2026, 12, 1, 0, 0, tzinfo=JST)),
        ("12/01/2026 09:00:00", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),  # month first by default
        ("13/01/2026", datetime(2026, 1, 13, 0, 0, tzinfo=JST)),  # a day above 12 decides
        ("01.12.2026 10:00", datetime(2026, 12, 1, 10, 0, tzinfo=JST)),  # dots: day first
        ("Tue, 01 Dec 2026 00:00:00 GMT", datetime(2026, 12, 1, 9, 0, tzinfo=JST)),
        ("２０２６/１２/０１", datetime(2026, 12, 1, 0, 0, tzinfo=JST)),
    ],
)
def test_dates_become_aware_in_the_launch_zone(text: str, expected: datetime) -> None:
    found = parse_datetime(text, tz=TOKYO)
    assert found.tzinfo is not None
    assert found == expected


def test_workbook_values_and_end_of_day_for_due_dates() -> None:
    assert parse_datetime(datetime(2026, 12, 1, 9), tz=TOKYO) == datetime(2026, 12, 1, 9, tzinfo=JST)
    assert parse_datetime("2026/12/01", tz=TOKYO, end_of_day=True) == datetime(
        2026, 12, 1, 23, 59, tzinfo=JST
    )
    assert parse_datetime(46357.375, tz=TOKYO) == datetime(2026, 12, 1, 9, tzinfo=JST)  # an Excel serial


@pytest.mark.parametrize("text", ["tomorrow", "2026/02/30", "32/13/2026", "25:00", "2026-12-01 25:00"])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_datetime(text, tz=TOKYO)


def test_a_column_decides_day_or_month_first() -> None:
    assert prefers_day_first(["01/02/2026", "25/12/2026"]) is True
    assert prefers_day_first(["01/02/2026", "12/25/2026"]) is False
    assert parse_datetime("01/02/2026", tz=TOKYO, day_first=True).month == 2


@pytest.mark.parametrize(
    ("text", "severity"),
    [("1 - Critical", "P1"), ("2 - High", "P2"), ("3 - Moderate", "P3"), ("4 - Low", "P4"),
     ("5 - Planning", "P4"), ("Highest", "P1"), ("High", "P2"), ("Medium", "P3"), ("Low", "P4"),
     ("Lowest", "P4"), ("緊急", "P1"), ("高", "P2"), ("中", "P3"), ("低", "P4"), ("p2", "P2"), ("Ｐ３", "P3"),
     ("Sev1", "P1"), (1, "P1")],
)  # fmt: skip
def test_severities(text: object, severity: str) -> None:
    assert words.parse_severity(text).value == severity


def test_unknown_severity_says_what_would_do() -> None:
    with pytest.raises(CellError, match="P1–P4"):
        words.parse_severity("whenever")


@pytest.mark.parametrize(
    ("vocabulary", "text", "status"),
    [
        (words.TICKET_STATUS, "New", "new"), (words.TICKET_STATUS, "In Progress", "in_progress"),
        (words.TICKET_STATUS, "On Hold", "waiting"), (words.TICKET_STATUS, "Resolved", "resolved"),
        (words.TICKET_STATUS, "Closed", "closed"), (words.TICKET_STATUS, "Done", "resolved"),
        (words.TICKET_STATUS, "To Do", "new"), (words.TICKET_STATUS, "Waiting for customer", "waiting"),
        (words.TICKET_STATUS, "Canceled", "closed"), (words.TICKET_STATUS, "対応中", "in_progress"),
        (words.TICKET_STATUS, "未着手", "new"), (words.TICKET_STATUS, "完了", "resolved"),
        (words.CHECKLIST_STATUS, "未着手", "not_started"), (words.CHECKLIST_STATUS, "対応中", "in_progress"),
        (words.CHECKLIST_STATUS, "完了", "done"), (words.CHECKLIST_STATUS, "Done", "done"),
        (words.CHECKLIST_STATUS, "N/A", "n_a"), (words.CHECKLIST_STATUS, "not_started", "not_started"),
        (words.RISK_STATUS, "顕在化", "occurred"), (words.STEP_STATUS, "実施中", "running"),
        (words.CATEGORY, "教育・トレーニング", "training"), (words.CATEGORY, "Data migration", "data_migration"),
        (words.STAGE, "サービスイン当日", "go_live"), (words.STEP_KIND, "切り戻しポイント", "rollback_point"),
    ],
)  # fmt: skip
def test_vocabularies(vocabulary: dict, text: str, status: str) -> None:
    assert words.parse_word(text, vocabulary).value == status


def test_unknown_word_lists_the_allowed_values() -> None:
    with pytest.raises(CellError, match="open, mitigated, closed, occurred"):
        words.parse_word("検討中", words.RISK_STATUS)


@pytest.mark.parametrize(
    ("value", "count"),
    [("1,234", 1234), ("1 234", 1234), ("１，２３４件", 1234), (1234, 1234), (1234.0, 1234), ("0", 0),
     ("12,345,678 rows", 12345678)],
)  # fmt: skip
def test_counts(value: object, count: int) -> None:
    assert parse_count(value) == count


@pytest.mark.parametrize("value", ["-5", "1.5", "many", 2.5, True])
def test_bad_counts(value: object) -> None:
    with pytest.raises(CellError):
        parse_count(value)


def test_ratings_durations_flags_and_text() -> None:
    assert [parse_scale(v) for v in ("3", 4, 5.0, "3 - Medium", "高", "Very high", "低")] == [
        3,
        4,
        5,
        3,
        4,
        5,
        2,
    ]
    for bad in ("0", "7", "huge", 6):
        with pytest.raises(CellError):
            parse_scale(bad)
    assert [parse_minutes(v) for v in ("90", "90分", "1:30", "1h30m", "1.5h", "1時間30分", 45, "45 min")] == [
        90, 90, 90, 90, 90, 90, 45, 45,
    ]  # fmt: skip
    assert [parse_flag(v) for v in ("○", "yes", "はい", "", "no", "×", True)] == [
        True, True, True, False, False, False, True,
    ]  # fmt: skip
    assert cell_text("'=SUM(A1:A3)") == "=SUM(A1:A3)"  # our own export's guard comes off
    assert cell_text("'quoted") == "'quoted"
