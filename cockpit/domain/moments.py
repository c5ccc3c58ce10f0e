"""The launch's time zone: one way from the stored IANA name to a zone, with one fallback.

Writing a moment in that zone is a matter of words: ``cockpit.words.moments.moment_text``.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

FALLBACK_ZONE = ZoneInfo("UTC")


def zone_of(name: str | None) -> ZoneInfo:
    """The zone an IANA name stands for; UTC when the name is empty or no zone this machine knows.

    A launch file made where the zone database is newer may name a zone this machine lacks; its times are
    stored in UTC, so UTC shows them truthfully rather than refusing to show them at all.
    """
    if not name:
        return FALLBACK_ZONE
    try:
        return ZoneInfo(name)
    except (
        ZoneInfoNotFoundError,
        ValueError,
        OSError,
    ):  # OSError: a name that is a folder of tzdata ("Asia")
        return FALLBACK_ZONE
