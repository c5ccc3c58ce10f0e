"""The Overview's line of overdue improvement actions: tracked until done, and in sight until then."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from cockpit.domain.launch import LaunchData
from cockpit.domain.reviews import overdue_actions
from cockpit.ui.widgets.theme import OVERDUE_SYMBOL
from cockpit.words.moments import short_moment_text

SHOWN = 3  # named on the line; the rest counted


class OverdueActionsLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overdueActions")
        self.setWordWrap(True)
        self.setStyleSheet("color: #A33F00;")
        self.hide()

    def show_actions(self, data: LaunchData, now: datetime) -> None:
        late = overdue_actions(data.actions, now=now)
        if not late:
            self.clear()
            self.hide()
            return
        zone = data.launch.zone
        named = ", ".join(
            self.tr("#{id} {title} ({owner}, due {due})").format(
                id=a.id,
                title=a.title,
                owner=a.owner or self.tr("no owner"),
                due=short_moment_text(a.due, zone) if a.due else "",
            )
            for a in late[:SHOWN]
        )
        more = len(late) - SHOWN
        text = self.tr("{symbol} Improvement actions overdue ({count}): {actions}").format(
            symbol=OVERDUE_SYMBOL, count=len(late), actions=named
        )
        if more > 0:
            text += " " + self.tr("and {count} more").format(count=more)
        self.setText(text)
        self.show()
