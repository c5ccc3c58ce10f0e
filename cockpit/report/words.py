"""The report's marks, its lights' looks, and how it writes times, durations and shares (Qt-free: ``tr()``).

The domain's values in words come from ``cockpit.words.labels``, as the window's and the CLI's do.
Every mark is in the bundled IPAexGothic or in DejaVu Sans (matplotlib's own), so none prints as a box.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from cockpit.domain.status import Rag
from cockpit.i18n import tr
from cockpit.words.labels import rag_label
from cockpit.words.moments import short_moment_text, table_moment_text

OK_MARK = "✔"
NOT_OK_MARK = "✖"
OVERDUE_MARK = "⚠"
BLOCKED_MARK = "⊘"
GATE_MARK = "◆"

# (symbol, strong colour, pale fill): the overview tiles' looks. Printed in black and white the fill
# turns light grey and the symbol and word carry the meaning.
RAG_LOOKS = {
    Rag.GREEN: ("✔", "#009E73", "#D4EFE6"),
    Rag.AMBER: ("▲", "#E69F00", "#FBEBC7"),
    Rag.RED: ("✖", "#D55E00", "#F7D9C4"),
}
# Text in the strong colour must stay readable on white and in grey: darker shades of the same hues.
RAG_INK = {Rag.GREEN: "#00664A", Rag.AMBER: "#8A5A00", Rag.RED: "#A33F00"}


def rag_text(rag: Rag) -> str:
    """The light as symbol and word, e.g. '✖ Off track'."""
    return f"{RAG_LOOKS[rag][0]} {rag_label(rag)}"


def met_text(ok: bool) -> str:
    return f"{OK_MARK} {tr('met')}" if ok else f"{NOT_OK_MARK} {tr('not met')}"


def local_time(moment: datetime | None, zone: tzinfo, *, seconds: bool = False) -> str:
    """A time as the launch team reads it, in the launch's zone: numbers only, the same in every language."""
    if moment is None:
        return "—"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def table_time(moment: datetime | None, zone: tzinfo, *, now: datetime) -> str:
    """A time in a table cell: without the year when it is the report's year, so the column stays narrow."""
    if moment is None:
        return "—"
    local = moment.astimezone(zone)
    if local.year == now.astimezone(zone).year:
        return short_moment_text(local, zone)
    return table_moment_text(local, zone)


def duration(delta: timedelta) -> str:
    """'2d 03h', '3h 05m' or '12m': a length of time, rounded down to the minute."""
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return tr("{days}d {hours:02d}h", days=days, hours=hours)
    if hours:
        return tr("{hours}h {minutes:02d}m", hours=hours, minutes=minutes)
    return tr("{minutes}m", minutes=minutes)


def countdown(go_live: datetime, now: datetime) -> str:
    """'T−3d 04:05' before go-live, 'T+0d 01:00' after it (the overview's countdown, to the minute)."""
    delta = go_live - now
    sign = "−" if delta >= timedelta(0) else "+"
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    return f"T{sign}{days}d {rest // 60:02d}:{rest % 60:02d}"


def percent(ratio: float | None, *, digits: int = 1) -> str:
    return "—" if ratio is None else f"{ratio * 100:.{digits}f}%"
