"""The audit trail as a table: one line per changed field (a row added or removed: one line)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from cockpit.services.audit_trail import TrailEntry
from cockpit.words.moments import table_moment_text

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class TrailTable(QTableWidget):
    def __init__(self, *, show_row: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self._show_row = show_row
        self.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Changed by"),
                self.tr("Row"),
                self.tr("Field or change"),
                self.tr("Old value"),
                self.tr("New value"),
            ]
        )
        self.setColumnHidden(2, not show_row)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def show_entries(self, entries: tuple[TrailEntry, ...], zone: ZoneInfo) -> None:
        lines: list[tuple[TrailEntry, list[str]]] = []
        for entry in entries:
            when = table_moment_text(entry.at, zone)
            if entry.fields:
                for f in entry.fields:
                    lines.append((entry, [when, entry.actor, entry.name, f.label, f.old, f.new]))
            else:
                lines.append((entry, [when, entry.actor, entry.name, entry.what, "", ""]))
        self.setRowCount(len(lines))
        for row, (entry, texts) in enumerate(lines):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ENTRY_ROLE, entry)
                if entry.summary:
                    item.setToolTip(entry.summary)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for column in range(5):
            self.setColumnWidth(column, min(self.columnWidth(column), 320))

    def entry_at(self, row: int) -> TrailEntry | None:
        item = self.item(row, 0)
        return item.data(ENTRY_ROLE) if item is not None else None
