"""Item delegates shared by the panes' tables and trees."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

ROW_PADDING = 6  # pixels above and below the text together


class RoomyDelegate(QStyledItemDelegate):
    """Rows a little taller than their text, so dense lists, wrapped cells and Japanese lines never touch."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + ROW_PADDING)
        return size
