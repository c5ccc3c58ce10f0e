"""A row's History… and File ▸ Audit trail… (filtered by person, pane and time; exported as CSV)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.errors import CockpitError
from cockpit.services.audit_trail import Trail, people_in_trail, read_trail, write_trail_csv
from cockpit.services.diff import TABLE_PANES, section_title
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.team.trail_view import TrailTable
from cockpit.ui.team.zoned_time import follow_launch_zone
from cockpit.ui.words.launch import launch_zone
from cockpit.words.rows import row_noun


class RowHistoryDialog(QDialog):
    """Every change to one row, oldest first: who, when, field by field, old → new."""

    def __init__(
        self, session: LaunchSession, table: str, row_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rowHistory")
        self.setWindowTitle(self.tr("History of {row}").format(row=row_noun(table, row_id)))
        self.resize(900, 420)
        self.heading = QLabel()
        self.table = TrailTable(show_row=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.trail: Trail | None = None
        session.run_quietly(
            lambda lf, _actor: read_trail(lf, table=table, row_id=row_id),
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, trail: Trail) -> None:
        self.trail = trail
        name = trail.entries[-1].name if trail.entries else ""
        self.heading.setText(name or self.windowTitle())
        self.table.show_entries(trail.entries, trail.zone)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.heading.setText(str(exc))


class AuditTrailDialog(QDialog):
    """The launch's whole audit trail, filtered by person, pane and time; Export CSV… writes what is shown."""

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditTrail")
        self.session = session
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(1100, 560)
        self.person = QComboBox()
        self.person.addItem(self.tr("Everyone"), None)
        self.pane = QComboBox()
        self.pane.addItem(self.tr("Every pane"), None)
        for pane in dict.fromkeys(TABLE_PANES.values()):
            self.pane.addItem(section_title(pane), pane)
        self.use_since = QCheckBox(self.tr("Since"))
        self.since = QDateTimeEdit(QDateTime.currentDateTime().addDays(-1))
        self.since.setCalendarPopup(True)
        follow_launch_zone(self.since, launch_zone(session.data))
        self.since.setEnabled(False)
        self.use_since.toggled.connect(self.since.setEnabled)
        self.count = QLabel()
        self.table = TrailTable()
        export = QPushButton(self.tr("Export CSV…"))
        export.clicked.connect(self.export_csv)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        filters = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Changed by")),
            self.person,
            QLabel(self.tr("Pane")),
            self.pane,
            self.use_since,
            self.since,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(export)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.trail: Trail | None = None
        for signal in (self.person.currentIndexChanged, self.pane.currentIndexChanged):
            signal.connect(self.reload)
        self.use_since.toggled.connect(self.reload)
        self.since.dateTimeChanged.connect(self.reload)
        session.run_quietly(
            lambda lf, _actor: people_in_trail(lf), on_done=self._fill_people, on_error=self._failed
        )
        self.reload()

    def _fill_people(self, people: tuple[str, ...]) -> None:
        for person in people:
            self.person.addItem(person, person)

    def since_moment(self) -> datetime | None:
        if not self.use_since.isChecked():
            return None
        return datetime.fromtimestamp(self.since.dateTime().toSecsSinceEpoch(), UTC)

    def reload(self) -> None:
        person, pane, since = self.person.currentData(), self.pane.currentData(), self.since_moment()
        self.session.run_quietly(
            lambda lf, _actor: read_trail(
                lf, people=[person] if person else None, panes=[pane] if pane else None, since=since
            ),
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, trail: Trail) -> None:
        self.trail = trail
        self.count.setText(self.tr("{count} changes").format(count=len(trail.entries)))
        self.table.show_entries(trail.entries, trail.zone)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.count.setText(str(exc))

    def export_csv(self, path: Path | None = None) -> None:
        trail = self.trail
        if trail is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit trail"), "audit-trail.csv", self.tr("CSV files (*.csv)")
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            write_trail_csv(trail, path)
        except CockpitError as exc:
            self.count.setText(str(exc))
            return
        self.count.setText(
            self.tr("Exported {count} changes to {path}").format(count=len(trail.entries), path=path)
        )
