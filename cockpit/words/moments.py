"""A moment as the launch team reads it: in the launch's zone, with the zone's abbreviation.

The team works to the go-live clock wherever a laptop is, and a time without its zone next to one with it
invites mistakes; the window, the CLI's messages and the services all say times this one way.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def moment_text(moment: datetime | str | None, zone: tzinfo | None, *, seconds: bool = False) -> str:
    """``2026-12-02 19:06 JST`` ('' for no moment; a stored text that is no time is returned as it is).

    A moment without a zone is UTC, as the launch file stores times; ``zone`` None means UTC too.
    """
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        text = moment
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone or UTC)
    label = local.tzname() or local.strftime("UTC%z")
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M") + f" {label}"
