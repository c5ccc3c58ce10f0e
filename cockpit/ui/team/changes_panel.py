"""View ▸ Changes: teammates' changes since this window last had focus, or since a chosen time, in the
panes' words; clicking one shows its row in its pane."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.errors import CockpitError
from cockpit.services.audit_trail import Trail, TrailEntry, read_trail
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.team.presence import person_name
from cockpit.ui.team.zoned_time import follow_launch_zone
from cockpit.ui.words.launch import launch_zone
from cockpit.words.moments import table_moment_text

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SINCE_FOCUS, SINCE_CHOSEN = "focus", "chosen"


class ChangesPanel(QDockWidget):
    """A dock listing the changes; ``go_to_row(table, row_id)`` is emitted when one is clicked."""

    go_to_row = Signal(str, int)

    def __init__(
        self, *, current_session: Callable[[], LaunchSession | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changesPanel")
        self.setWindowTitle(self.tr("Changes by teammates"))
        self._current = current_session
        self.looked_at: datetime | None = None  # when this window last lost focus: "since you looked"
        self.mode = QComboBox()
        self.mode.addItem(self.tr("since you last looked"), SINCE_FOCUS)
        self.mode.addItem(self.tr("since a chosen time"), SINCE_CHOSEN)
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addSecs(-3600))
        self.since.setCalendarPopup(True)
        self.since.hide()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("changesList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.mode, 1)
        top.addWidget(self.since)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.since.dateTimeChanged.connect(self.reload)
        self.entries: tuple[TrailEntry, ...] = ()

    def attach(self, session: LaunchSession) -> None:
        self.looked_at = session.now()
        session.data_loaded.connect(lambda _data, _changes: self.reload())

    def window_left(self, now: datetime) -> None:
        """The window lost focus: what teammates write from now on is news when the user comes back."""
        self.looked_at = now

    def since_moment(self) -> datetime | None:
        if self.mode.currentData() == SINCE_CHOSEN:
            return datetime.fromtimestamp(self.since.dateTime().toSecsSinceEpoch(), UTC)
        return self.looked_at

    def _mode_changed(self) -> None:
        self.since.setVisible(self.mode.currentData() == SINCE_CHOSEN)
        self.reload()

    def reload(self) -> None:
        session = self._current()
        if session is None or not session.is_open or not self.isVisible():
            return
        follow_launch_zone(self.since, launch_zone(session.data))
        since, me = self.since_moment(), session.actor
        session.run_quietly(
            lambda lf, _actor: read_trail(lf, since=since, not_by=me),
            on_done=self._show,
            on_error=self._failed,
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def _show(self, trail: Trail) -> None:
        self.entries = tuple(reversed(trail.entries))  # newest first
        self.list.clear()
        for entry in self.entries:
            who = person_name(self._current(), entry.actor)
            text = f"{table_moment_text(entry.at, trail.zone)}  {who}\n{entry.line()}"
            item = QListWidgetItem(text)
            item.setData(ENTRY_ROLE, entry)
            self.list.addItem(item)
        if self.entries:
            self.heading.setText(self.tr("{count} changes by teammates").format(count=len(self.entries)))
        else:
            self.heading.setText(self.tr("No changes by teammates since then."))

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.heading.setText(str(exc))

    def _activated(self, item: QListWidgetItem) -> None:
        entry: TrailEntry | None = item.data(ENTRY_ROLE)
        if entry is not None and entry.row_id is not None and entry.action != "delete":
            self.go_to_row.emit(entry.table, entry.row_id)
