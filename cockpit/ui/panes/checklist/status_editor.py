"""The status cell's editor: a combo box of the statuses; choosing one asks the pane for it at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget

from cockpit.domain.checklist import ItemStatus
from cockpit.ui.widgets.delegates import RoomyDelegate
from cockpit.words.labels import item_status_label


class StatusDelegate(RoomyDelegate):
    """A combo box in the status cell; choosing a status commits at once."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for status in ItemStatus:
            combo.addItem(item_status_label(status), status.value)

        def commit_and_close() -> None:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo)

        combo.activated.connect(commit_and_close)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):  # always: createEditor made it
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
