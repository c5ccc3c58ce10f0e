"""Durations and timestamps in the many shapes test tools write them.

Neither is worth refusing a result file over: a value we cannot read becomes 0 seconds or "no time".
"""

from __future__ import annotations

import re
from datetime import datetime, time, tzinfo

_GROUPED_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
# Zones some tools print by name (TestNG, older Ant); anything else named is read as local time.
_NAMED_ZONES = {"Z": "+00:00", "UTC": "+00:00", "GMT": "+00:00", "UT": "+00:00"}
_TRAILING_ZONE = re.compile(r"^(?P<stamp>.*\d)\s*(?P<zone>[A-Za-z]{1,5})$")
_NUMERIC_ZONE = re.compile(r"^(?P<stamp>.*\d)\s+(?P<zone>[+-]\d{2}:?\d{2})$")


def parse_seconds(text: str | None) -> float:
    """Seconds from a duration attribute: ``0.5``, ``1,234.5`` (Surefire on long runs), ``0,5`` (a
    comma-decimal locale), ``12ms`` or ``3s``. Negative, unreadable or missing values count as 0."""
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        value = _parse_unusual_seconds(text.strip())
    # NaN fails every comparison, so it lands on 0 too.
    return value if 0.0 <= value < float("inf") else 0.0


def _parse_unusual_seconds(text: str) -> float:
    scale = 1.0
    if text.endswith("ms"):
        text, scale = text[:-2].strip(), 0.001
    elif text.endswith("s"):
        text = text[:-1].strip()
    if "," in text:
        if "." in text:
            # Both separators: the last one is the decimal point, the other groups thousands.
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif _GROUPED_THOUSANDS.fullmatch(text) and not text.startswith("0,"):
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    text = text.replace("\u00a0", "").replace(" ", "").replace("_", "")
    try:
        return float(text) * scale
    except ValueError:
        return 0.0


def parse_timestamp(text: str | None, *, naive_tz: tzinfo) -> datetime | None:
    """An aware datetime from ISO 8601 (with or without zone, ``T`` or a space, fractions of any length),
    a bare date, RFC 1123 (``Mon, 23 Nov 2020 10:00:00 GMT``) or a trailing zone name. A stamp without a
    zone is read in ``naive_tz``; an unreadable one gives ``None``."""
    if not text:
        return None
    text = text.strip()
    found = _from_iso(text)
    if found is None:
        found = _from_rfc1123(text)
    if found is None:
        return None
    return found if found.tzinfo is not None else found.replace(tzinfo=naive_tz)


def _from_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    candidate = text
    numeric = _NUMERIC_ZONE.match(candidate)
    if numeric:  # "2024-05-01 10:00:00 +0900" (git and some CI servers)
        candidate = numeric["stamp"] + numeric["zone"]
    else:
        named = _TRAILING_ZONE.match(candidate)
        if named:  # "2019-04-15T10:00:00 UTC", "…Z"; an unknown zone name is dropped
            candidate = named["stamp"] + _NAMED_ZONES.get(named["zone"].upper(), "")
    if candidate == text:
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _from_rfc1123(text: str) -> datetime | None:
    from email.utils import parsedate_to_datetime  # the email package (and socket) only for this rare form

    try:
        found = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    # email.utils marks "-0000" (zone unknown) as naive; GMT/UTC come back aware.
    return found


def combine_date_time(date_text: str | None, time_text: str | None, *, naive_tz: tzinfo) -> datetime | None:
    """NUnit 2 and xUnit.net write the date and the time of day in two attributes."""
    day = parse_timestamp(date_text, naive_tz=naive_tz)
    if day is None:
        return None
    if not time_text:
        return day
    try:
        clock = time.fromisoformat(time_text.strip())
    except ValueError:
        return day
    zone = clock.tzinfo or day.tzinfo or naive_tz
    return datetime.combine(day.date(), clock.replace(tzinfo=None), tzinfo=zone)
