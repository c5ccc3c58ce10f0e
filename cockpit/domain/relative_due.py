"""Due times relative to go-live: "T-30d", "T+7d", "T-2h", "T-1d 09:00", and "T" for go-live itself.

A team plans backwards from go-live ("a month before", "the day after"), and a template's items keep their
place when go-live moves. A day offset keeps go-live's time of day in the launch's zone (T-1d of 09:00 JST is
09:00 JST the day before, even across a daylight-saving change); an hour offset is elapsed time. The CLI,
the launch templates and the window all read these forms here.

Accepted, case-insensitive, spaces allowed between the parts: ``T``, a sign (``-``, ``+``, the minus sign
``−`` or their full-width forms), a whole number, a unit (``d`` or ``日`` for days, ``h`` or ``時間`` for
hours), and after a day offset (or ``T`` alone) an optional local time of day, ``HH:MM`` or ``@HH:MM``.
Nothing else: "T-1m" could be a minute or a month, "T-1.5d" is a guess, so they are refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr

# Ten years either way: far enough for any plan, near enough that the arithmetic never overflows.
MAX_DAYS = 3650
MAX_HOURS = MAX_DAYS * 24

EXAMPLES = "T-30d, T+7d, T-2h, T-1d 09:00"

_DAY_UNITS = ("d", "日")
_HOUR_UNITS = ("h", "時間")
_FORM = re.compile(
    r"""
    t
    (?:\s*(?P<sign>[-+])\s*(?P<number>\d+)\s*(?P<unit>d|日|h|時間))?
    (?:\s*@?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class RelativeDue:
    """An offset from go-live: whole days (keeping go-live's time of day, or ``at``) or whole hours."""

    days: int = 0
    hours: int = 0
    at: time | None = None  # the local time of day on the day ``days`` from go-live

    def text(self, *, minus: str = "-") -> str:
        """The canonical spelling (what ``parse_relative_due`` reads back); ``minus="−"`` for display."""
        if self.hours:
            offset = f"{_signed(self.hours, minus)}h"
        elif self.days:
            offset = f"{_signed(self.days, minus)}d"
        else:
            offset = ""
        at = f" {self.at:%H:%M}" if self.at is not None else ""
        return f"T{offset}{at}"


def _signed(number: int, minus: str) -> str:
    return f"+{number}" if number > 0 else f"{minus}{-number}"


def _normalized(text: str) -> str:
    # NFKC folds the full-width forms (Ｔ, －, ＋, ３０); the minus sign U+2212 has no compatibility form.
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip().casefold()


def looks_relative(text: str) -> bool:
    """Whether ``text`` is meant as an offset from go-live (it starts with T), not as an ISO 8601 time."""
    return _normalized(text).startswith("t")


def not_a_due_time(text: str) -> Refusal:
    """The refusal of text that is no due time, naming both ways to write one."""
    return Refusal(
        tr(
            "{text!r} is not a due time: give one relative to go-live (T, a sign, a whole number and d for days "
            "or h for hours, for example {examples}) or an ISO 8601 time such as 2026-12-01T09:00+09:00.",
            text=text,
            examples=EXAMPLES,
        )
    )


def parse_relative_due(text: str) -> RelativeDue:
    """Read "T-30d" and its kin (the module's docstring lists them); refuse anything else, naming the forms."""
    found = _FORM.fullmatch(_normalized(text))
    if found is None:
        raise not_a_due_time(text)
    number = int(found["number"]) if found["number"] is not None else 0
    if found["sign"] == "-":
        number = -number
    at = None
    if found["hour"] is not None:
        hour, minute = int(found["hour"]), int(found["minute"])
        if found["unit"] in _HOUR_UNITS or hour > 23 or minute > 59:
            # A time of day after an hour offset would contradict it; 24:00 and 9:75 are no times.
            raise not_a_due_time(text)
        at = time(hour, minute)
    if found["unit"] in _HOUR_UNITS:
        if abs(number) > MAX_HOURS:
            raise _too_far(text)
        return RelativeDue(hours=number)
    if abs(number) > MAX_DAYS:
        raise _too_far(text)
    return RelativeDue(days=number, at=at)


def _too_far(text: str) -> Refusal:
    return Refusal(
        tr(
            "{text!r} is more than {days} days from go-live; give a nearer offset, or an ISO 8601 time.",
            text=text,
            days=MAX_DAYS,
        )
    )


def due_from(value: str | RelativeDue, go_live: datetime, *, zone: tzinfo | None = None) -> datetime:
    """The moment ``value`` (text like "T-30d", or a parsed offset) names, for a launch going live at ``go_live``.

    ``zone`` is the launch's zone (default: ``go_live``'s own): days are counted on its calendar and keep
    go-live's local time of day there, unless the offset names another time of day. The result is in ``zone``.
    """
    offset = parse_relative_due(value) if isinstance(value, str) else value
    zone = zone or go_live.tzinfo or UTC
    local = go_live.astimezone(zone)
    if offset.hours:
        return (go_live.astimezone(UTC) + timedelta(hours=offset.hours)).astimezone(zone)
    day = local.date() + timedelta(days=offset.days)
    wall = offset.at if offset.at is not None else local.time().replace(tzinfo=None)
    # Through UTC and back: a wall time that a daylight-saving jump skips lands on a real instant.
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC).astimezone(zone)


def offset_from_go_live(due: datetime, go_live: datetime, *, zone: tzinfo) -> RelativeDue:
    """The offset that names ``due`` (to the minute), the way a planner would say it.

    Go-live's own time of day some days away: "T-30d". Within two days, in whole hours: "T-2h". Otherwise the
    day and its local time: "T-1d 18:00".
    """
    local_due, local_live = due.astimezone(zone), go_live.astimezone(zone)
    days = (local_due.date() - local_live.date()).days
    wall_due = local_due.time().replace(tzinfo=None, second=0, microsecond=0)
    wall_live = local_live.time().replace(tzinfo=None, second=0, microsecond=0)
    if wall_due == wall_live and abs(days) <= MAX_DAYS:
        return RelativeDue(days=days)
    elapsed = due - go_live
    hours, rest = divmod(elapsed, timedelta(hours=1))
    if not rest and 0 < abs(hours) < 48:
        return RelativeDue(hours=hours)
    return RelativeDue(days=days, at=wall_due)
