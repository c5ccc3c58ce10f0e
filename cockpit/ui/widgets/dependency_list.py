"""The other rows a row may wait for, each with a check box: a step's or a checklist item's dependencies."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


class DependencyList(QListWidget):
    """One checkable entry per other row; each entry keeps its row's id (``UserRole``)."""

    def add_row(self, row_id: int, text: str, *, checked: bool) -> None:
        entry = QListWidgetItem(text)
        entry.setData(Qt.ItemDataRole.UserRole, row_id)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.addItem(entry)

    def chosen(self) -> list[int]:
        """The checked rows' ids, in the list's order."""
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def check_only(self, row_ids: Iterable[int]) -> None:
        """Check these rows and uncheck the others (what the user had chosen before)."""
        chosen = set(row_ids)
        for row in range(self.count()):
            entry = self.item(row)
            checked = entry.data(Qt.ItemDataRole.UserRole) in chosen
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
