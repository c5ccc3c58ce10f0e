"""File ▸ Compare with…: what changed between another launch file (a snapshot, say) and this one, per pane."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.file_diff import RowChangeKind
from cockpit.services.diff import LaunchDiff


class DiffDialog(QDialog):
    def __init__(self, found: LaunchDiff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diffDialog")
        self.setWindowTitle(
            self.tr("Compare {old} with {new}").format(old=found.old.name, new=found.new.name)
        )
        self.resize(980, 620)
        heading = QLabel(
            self.tr("From {old} to {new}: {count} rows changed").format(
                old=found.old.name, new=found.new.name, count=found.changed_rows
            )
            if found.panes
            else self.tr("No differences: {new} holds what {old} holds.").format(
                old=found.old.name, new=found.new.name
            )
        )
        heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        bold = QFont()
        bold.setBold(True)
        for pane in found.panes:
            title = self.tr("{pane}: {added} added, {removed} removed, {changed} changed").format(
                pane=pane.title,
                added=pane.count(RowChangeKind.ADDED),
                removed=pane.count(RowChangeKind.REMOVED),
                changed=pane.count(RowChangeKind.CHANGED),
            )
            top = QTreeWidgetItem([title])
            top.setFont(0, bold)
            self.tree.addTopLevelItem(top)
            for line in pane.summary:
                item = QTreeWidgetItem([f"★ {line}"])
                item.setFont(0, bold)
                top.addChild(item)
            for row in pane.rows:
                top.addChild(QTreeWidgetItem([row.line()]))
            top.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
