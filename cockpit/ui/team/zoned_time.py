"""Time editors that read and show the launch's zone, as every time listed beside them does."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QTimeZone
from PySide6.QtWidgets import QDateTimeEdit


def follow_launch_zone(edit: QDateTimeEdit, zone: tzinfo) -> None:
    """Show ``edit`` in ``zone`` (an IANA zone), keeping the moment it holds; the machine's own zone otherwise."""
    key = getattr(zone, "key", None)
    if not key:
        return
    wanted = QTimeZone(key.encode())
    if not wanted.isValid() or edit.timeZone() == wanted:
        return
    moment = edit.dateTime()
    edit.setTimeZone(wanted)
    edit.setDateTime(moment.toTimeZone(wanted))
