"""The support pane's SLA countdown text (severity, status and kind labels: ``cockpit.words.labels``)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from cockpit.domain.support import SlaClock, Ticket
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE_SYMBOL


def _t(text: str) -> str:
    return QCoreApplication.translate("support", text)


def duration_text(delta: timedelta) -> str:
    """Seconds while under an hour, so a countdown visibly moves; coarser beyond."""
    seconds = int(abs(delta).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return _t("{days}d {hours:02d}h").format(days=days, hours=hours)
    if hours:
        return _t("{hours}h {minutes:02d}m").format(hours=hours, minutes=minutes)
    return _t("{minutes}m {seconds:02d}s").format(minutes=minutes, seconds=seconds)


def sla_text(ticket: Ticket, clock: SlaClock | None) -> str:
    if clock is None:
        return _t("No SLA for {severity}").format(severity=ticket.severity.value)
    if not ticket.is_open:
        if clock.breached:
            return _t("{symbol} Closed, SLA missed").format(symbol=NOT_OK_SYMBOL)
        return _t("{symbol} Closed within SLA").format(symbol=OK_SYMBOL)
    remaining = clock.next_remaining
    if clock.paused:  # waiting on the reporter: nothing runs out until it is resumed
        if remaining is None:
            return _t("Paused")
        if remaining < timedelta(0):  # it went on hold already late: the pause does not undo that
            return _t("{symbol} Paused · overdue {time}").format(
                symbol=OVERDUE_SYMBOL, time=duration_text(remaining)
            )
        return _t("Paused · {time} left").format(time=duration_text(remaining))
    if remaining is None:  # both clocks met, the status still open: a row written with a resolution time
        if clock.breached:
            return _t("{symbol} Resolved, SLA missed").format(symbol=NOT_OK_SYMBOL)
        return _t("{symbol} Resolved within SLA").format(symbol=OK_SYMBOL)
    if not clock.first_response_met:
        if remaining < timedelta(0):
            return _t("{symbol} Response overdue {time}").format(
                symbol=OVERDUE_SYMBOL, time=duration_text(remaining)
            )
        return _t("Response due in {time}").format(time=duration_text(remaining))
    if remaining < timedelta(0):
        return _t("{symbol} Resolution overdue {time}").format(
            symbol=OVERDUE_SYMBOL, time=duration_text(remaining)
        )
    if clock.first_response_breached:
        return _t("{symbol} Resolve in {time} · response late").format(
            symbol=OVERDUE_SYMBOL, time=duration_text(remaining)
        )
    return _t("Resolve in {time}").format(time=duration_text(remaining))
