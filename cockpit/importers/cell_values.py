"""Cell values as people and tools write them: dates, counts with separators, 1–5 ratings, flags.

Each parser takes what a CSV (str) or a workbook (str, int, float, bool, datetime, None) holds and
returns the value or raises ``CellError`` with a reason the user can act on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from cockpit.i18n import in_every_language, tr

FORMULA_GUARD_CHARS = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell the importer cannot read; ``str()`` is the reason shown with the row's line."""


def cell_text(value: object) -> str:
    """The cell as trimmed text; undoes the quote our own export puts before a formula-like cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    text = str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_GUARD_CHARS:
        return text[1:]
    return text


@functools.lru_cache(maxsize=4096)  # vocabulary cells repeat on every row of a long export
def folded(text: str) -> str:
    """Letters and digits only, width- and case-folded: how vocabulary words are compared."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


_NUMBER_SUFFIXES = re.compile(r"(件|行|rows?|records?|個|回)$", re.IGNORECASE)


def parse_number(value: object) -> float:
    """Any finite number: ``99.95``, ``99,95`` (a decimal comma), ``99.95 %``, ``1,234.5``, ``1,234``, ``８００``.

    A lone comma is a decimal comma unless three digits follow it (``1,234``: thousands, as Japan writes them)."""
    if isinstance(value, bool):
        raise CellError(tr("{value!r} is not a number", value=value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("%").strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text and not re.fullmatch(r"[-+]?\d{1,3},\d{3}", text):
            text = text.replace(",", ".")  # 99,95: a decimal comma
        text = text.replace(",", "")
        try:
            number = float(text)
        except ValueError:
            raise CellError(tr("{value!r} is not a number", value=value)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError(tr("{value!r} is not a number", value=value))
    return number


def parse_count(value: object) -> int:
    """A whole number ≥ 0: ``1,234``, ``1 234``, ``１，２３４件``, ``1234.0`` from a workbook."""
    if isinstance(value, bool):
        raise CellError(tr("{value!r} is not a number", value=value))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError(tr("{value} is not a whole number", value=value))
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", cell_text(value))
        text = _NUMBER_SUFFIXES.sub("", text).strip()
        compact = re.sub(r"[,\s'_\u00a0]", "", text)
        if compact.endswith(".0"):
            compact = compact[:-2]
        if not re.fullmatch(r"[+-]?\d+", compact):
            raise CellError(tr("{value!r} is not a whole number", value=cell_text(value)))
        number = int(compact)
    if number < 0:
        raise CellError(tr("{value} is negative", value=number))
    return number


_SCALE_WORDS = {
    **dict.fromkeys(("verylow", "rare", "極低", "極小", "非常に低い", "ごく低い", "最低"), 1),
    **dict.fromkeys(("low", "unlikely", "minor", "低", "低い", "小"), 2),
    **dict.fromkeys(("medium", "moderate", "possible", "中", "中程度", "普通"), 3),
    **dict.fromkeys(("high", "likely", "major", "高", "高い", "大"), 4),
    **dict.fromkeys(
        ("veryhigh", "almostcertain", "critical", "severe", "極高", "極大", "非常に高い", "最高"), 5
    ),
}
_LEADING_DIGIT = re.compile(r"^\s*(\d+)(?:\s*[-–—:.)）]\s*\S.*|\s*)$", re.DOTALL)


def parse_scale(value: object) -> int:
    """A 1–5 rating: ``3``, ``3 - Medium``, ``High``, ``高``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = unicodedata.normalize("NFKC", cell_text(value))
        digit = _LEADING_DIGIT.match(text)
        if digit:
            number = int(digit[1])
        else:
            word = _SCALE_WORDS.get(folded(text))
            if word is None:
                raise CellError(tr("{value!r} is not a rating from 1 to 5", value=cell_text(value)))
            number = word
    if not 1 <= number <= 5:
        raise CellError(tr("{value} is out of the 1–5 range", value=number))
    return number


_TRUE = frozenset(
    {"true", "yes", "y", "1", "x", "○", "〇", "◯", "✓", "✔", "はい", "有", "あり", "対象", "必須"}
)
_FALSE = frozenset({"false", "no", "n", "0", "-", "×", "いいえ", "無", "なし", "対象外", "任意", ""})


def _said_in_any_language(word: str) -> set[str]:
    return {unicodedata.normalize("NFKC", text).casefold() for text in in_every_language(word)}


def parse_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = unicodedata.normalize("NFKC", cell_text(value)).casefold()
    # An export says yes and no in its viewer's language (export_columns._yes), whichever that was.
    if text in _TRUE or text in _said_in_any_language("yes"):
        return True
    if text in _FALSE or text in _said_in_any_language("no"):
        return False
    raise CellError(tr("{value!r} is neither yes nor no", value=cell_text(value)))


_DURATION = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hours?|時間))?\s*(?:(?P<m>\d+(?:\.\d+)?)\s*(?:m|min|mins|minutes?|分)?)?$"
)


def parse_minutes(value: object) -> int:
    """A duration in whole minutes: ``90``, ``90分``, ``1:30``, ``1h30m``, ``1.5h``, ``1時間30分``."""
    if isinstance(value, timedelta):
        return round(value.total_seconds() / 60)
    if isinstance(value, time):  # a workbook cell formatted [h]:mm under a day
        return value.hour * 60 + value.minute
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise CellError(tr("{value} is negative", value=value))
        return round(value)
    text = unicodedata.normalize("NFKC", cell_text(value)).casefold().replace(" ", "")
    clock = re.fullmatch(r"(\d+):(\d{2})(?::00)?", text)
    if clock:
        return int(clock[1]) * 60 + int(clock[2])
    found = _DURATION.fullmatch(text)
    if not text or not found or not (found["h"] or found["m"]):
        raise CellError(tr("{value!r} is not a duration in minutes", value=cell_text(value)))
    return round(float(found["h"] or 0) * 60 + float(found["m"] or 0))


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ZONE = re.compile(r"\s*(?P<zone>Z|UTC|GMT|JST|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
_MERIDIEM = re.compile(r"\s*(?P<m>(?<![a-z])(?:AM|PM|A\.M\.|P\.M\.)(?![a-z])|午前|午後)\s*", re.IGNORECASE)
_WEEKDAY = re.compile(
    r"[(（][月火水木金土日][)）]|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b,?", re.IGNORECASE
)
_TIME = re.compile(r"(?:[T\s]+)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?$")
_YMD = re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})$")
_NUMERIC_DMY = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})$")
_NAMED_MONTH = re.compile(
    r"^(?P<d>\d{1,2})[-/ ](?P<mon>[a-z]{3,9})\.?[-/ ,]+(?P<y>\d{2}|\d{4})$", re.IGNORECASE
)
_MONTH_FIRST = re.compile(r"^(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})$", re.IGNORECASE)


def prefers_day_first(values: Iterable[object]) -> bool:
    """Whether a column's numeric dates read day/month/year: a day above 12 or dots decide; else month first."""
    for value in values:
        decided = day_first_hint(value)
        if decided is not None:
            return decided
    return False


def day_first_hint(value: object) -> bool | None:
    """What one cell says of its column's order: True day first, False month first, None nothing."""
    if not isinstance(value, str):
        return None
    head = unicodedata.normalize("NFKC", value).strip().split(" ")[0]
    found = _NUMERIC_DMY.match(head)
    if not found:
        return None
    if found["sep"] == "." or int(found["a"]) > 12:
        return True
    if int(found["b"]) > 12:
        return False
    return None


def parse_datetime(
    value: object, *, tz: tzinfo, day_first: bool = False, end_of_day: bool = False
) -> datetime:
    """An aware datetime. A time without a zone is in ``tz`` (the launch's zone); a date without a time
    is the start of that day, or its last minute with ``end_of_day`` (a due date means "by the end of")."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return _day(value, tz=tz, end_of_day=end_of_day)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        # A workbook date cell whose format was lost: Excel's serial day number.
        from openpyxl.utils.datetime import from_excel

        return parse_datetime(from_excel(value), tz=tz, end_of_day=end_of_day)
    text = cell_text(value)
    found = _parse_text(text, tz=tz, day_first=day_first, end_of_day=end_of_day)
    if found is None:
        raise CellError(tr("{value!r} is not a date and time this importer can read", value=text))
    return found


def _day(day: date, *, tz: tzinfo, end_of_day: bool) -> datetime:
    clock = time(23, 59) if end_of_day else time(0, 0)
    return datetime.combine(day, clock, tzinfo=tz)


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str, *, tz: tzinfo, day_first: bool, end_of_day: bool) -> datetime | None:
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        found = None
    if found is not None:
        if len(text) <= 10:  # a bare date
            return _day(found.date(), tz=tz, end_of_day=end_of_day)
        return found if found.tzinfo is not None else found.replace(tzinfo=tz)
    text = _WEEKDAY.sub(" ", text)
    if not text.isascii():
        text = _japanese_to_plain(text)
    text = text.strip()
    zone = tz
    zone_match = _ZONE.search(text)
    if zone_match:
        zone = _zone(zone_match["zone"])
        text = text[: zone_match.start()].strip()
    meridiem = ""
    meridiem_match = _MERIDIEM.search(text)
    if meridiem_match:
        meridiem = meridiem_match["m"].upper().replace(".", "")
        text = (text[: meridiem_match.start()] + " " + text[meridiem_match.end() :]).strip()
    clock: time | None = None
    time_match = _TIME.search(text)
    if time_match:
        hour = int(time_match["h"])
        if meridiem in ("PM", "午後") and hour < 12:
            hour += 12
        elif meridiem in ("AM", "午前") and hour == 12:
            hour = 0
        if hour > 23 or int(time_match["mi"]) > 59:
            return None
        clock = time(hour, int(time_match["mi"]), int(time_match["s"] or 0))
        text = text[: time_match.start()].strip()
    day = _parse_day(text, day_first=day_first)
    if day is None:
        return None
    if clock is None:
        return _day(day, tz=zone, end_of_day=end_of_day)
    return datetime.combine(day, clock, tzinfo=zone)


def _japanese_to_plain(text: str) -> str:
    # 2026年12月1日 9時30分 → 2026-12-1 9:30; Jira in Japanese writes 01/12月/26 for 1 Dec 2026.
    text = re.sub(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日", r"\1-\2-\3", text)
    text = re.sub(r"(\d{1,2})/(\d{1,2})月/(\d{2,4})", r"\1.\2.\3", text)
    text = re.sub(r"(\d{1,2})時\s*(\d{1,2})分?", lambda m: f" {m[1]}:{int(m[2]):02d}", text)
    text = re.sub(r"(\d{1,2})時", r" \1:00", text)
    return text


def _zone(name: str) -> tzinfo:
    upper = name.upper()
    if upper in ("Z", "UTC", "GMT"):
        return ZoneInfo("UTC")
    if upper == "JST":
        return ZoneInfo("Asia/Tokyo")
    sign = 1 if name[0] == "+" else -1
    digits = name[1:].replace(":", "")
    from datetime import timezone

    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _parse_day(text: str, *, day_first: bool) -> date | None:
    try:
        if found := _YMD.match(text):
            return date(int(found["y"]), int(found["m"]), int(found["d"]))
        if found := _NAMED_MONTH.match(text):
            month = _MONTHS.get(found["mon"].casefold())
            return date(_year(found["y"]), month, int(found["d"])) if month else None
        if found := _MONTH_FIRST.match(text):
            month = _MONTHS.get(found["mon"].casefold())
            return date(int(found["y"]), month, int(found["d"])) if month else None
        if found := _NUMERIC_DMY.match(text):
            first, second = int(found["a"]), int(found["b"])
            if found["sep"] == "." or day_first or first > 12:
                return date(_year(found["y"]), second, first)
            return date(_year(found["y"]), first, second)
    except ValueError:  # 2026/02/30 and the like
        return None
    return None


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)
