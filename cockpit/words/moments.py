"""A moment as the launch team reads it: in the launch's zone, with the zone's abbreviation.

The team works to the go-live clock wherever a laptop is, and a time without its zone next to one with it
invites mistakes; the window, the CLI's messages and the services all say times this one way.

Each language writes a date its own way (``Tue 1 Dec 2026 09:00 JST`` / ``2026年12月1日(火) 09:00 JST``).
Weekday and month names come from the tables here, never from ``strftime("%a")``, which follows the
process's C locale rather than the language the viewer chose.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from cockpit.i18n import language

# Monday first, as datetime.weekday() counts.
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "ja": ("月", "火", "水", "木", "金", "土", "日"),
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def moment_text(
    moment: datetime | str | None, zone: tzinfo | None, *, seconds: bool = False, lang: str | None = None
) -> str:
    """``Wed 2 Dec 2026 19:06 JST`` in English, ``2026年12月2日(水) 19:06 JST`` in Japanese ('' for no
    moment; a stored text that is no time is returned as it is). ``lang`` None is the user's language.

    A moment without a zone is UTC, as the launch file stores times; ``zone`` None means UTC too.
    """
    local = _local(moment, zone)
    if not isinstance(local, datetime):
        return local
    lang = lang or language()
    clock = _clock(local, seconds=seconds)
    weekday = WEEKDAYS.get(lang, WEEKDAYS["en"])[local.weekday()]
    if lang == "ja":
        day = f"{local.year}年{local.month}月{local.day}日({weekday})"
    else:
        day = f"{weekday} {local.day} {MONTHS_EN[local.month - 1]} {local.year}"
    return f"{day} {clock} {_zone_label(local)}"


def table_moment_text(moment: datetime | str | None, zone: tzinfo | None, *, lang: str | None = None) -> str:
    """Date and time for a table column whose header or window says the zone: ``2026/12/02 19:06`` in
    Japanese, ``2026-12-02 19:06`` in English, so a column of them lines up and sorts by eye."""
    local = _local(moment, zone)
    if not isinstance(local, datetime):
        return local
    separator = "/" if (lang or language()) == "ja" else "-"
    day = separator.join((f"{local.year}", f"{local.month:02d}", f"{local.day:02d}"))
    return f"{day} {_clock(local, seconds=False)}"


def short_moment_text(moment: datetime | str | None, zone: tzinfo | None, *, lang: str | None = None) -> str:
    """Month, day and time for a narrow table column: ``12/02 19:06`` in Japanese, ``12-02 19:06`` in
    English. The column's header or the window says the zone and the year."""
    local = _local(moment, zone)
    if not isinstance(local, datetime):
        return local
    separator = "/" if (lang or language()) == "ja" else "-"
    return f"{local.month:02d}{separator}{local.day:02d} {_clock(local, seconds=False)}"


def _local(moment: datetime | str | None, zone: tzinfo | None) -> datetime | str:
    """The moment in ``zone``, or the text to show as it is ('' for none, a stored text that is no time)."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone or UTC)


def _clock(local: datetime, *, seconds: bool) -> str:
    return f"{local.hour:02d}:{local.minute:02d}" + (f":{local.second:02d}" if seconds else "")


def _zone_label(local: datetime) -> str:
    return local.tzname() or local.strftime("UTC%z")
