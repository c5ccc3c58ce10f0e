"""A wall-clock time to the minute, between a ``datetime`` and the ``QDateTime`` a ``QDateTimeEdit`` shows.

Built field by field: ``QDateTime(date, time)`` and ``QDateTime.toPython()`` convert too, but PySide6's stubs
know neither (the constructor takes only ``QDate``/``QTime``, ``toPython`` is typed ``-> object``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime


def to_qt(wall_clock: datetime) -> QDateTime:
    """``wall_clock``'s date and time (its zone ignored), to the minute."""
    return QDateTime(
        QDate(wall_clock.year, wall_clock.month, wall_clock.day), QTime(wall_clock.hour, wall_clock.minute)
    )


def from_qt(value: QDateTime) -> datetime:
    """The date and time ``value`` shows, to the minute, without a zone."""
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
