"""A flat table model over domain rows, described column by column: the Tests and Migration panes' tables.

Each column says how a row reads (display), how it sorts (one type per column), and optionally its
tooltip, alignment and look. ``set_rows`` patches the table with the rows that moved, matched by key:
``dataChanged`` over each changed row only, ``rowsInserted``/``rowsRemoved`` for rows that came or went,
and a layout change (persistent indexes follow their rows) only when a changed row sorts elsewhere. So a
refresh keeps selection, scroll and any filter, and costs what moved, not the table's size. A row that
did not change is usually the very same object (the session patches only the rows it re-read), so
identity answers first and equality only for a row that is a new object.

The model sorts its own rows (``sort``), and the proxy only filters: a proxy sorting a Python model asks
``data()`` (and ``rowCount``/``columnCount`` per index) across the language boundary for every comparison,
which took ~0.1 s for a 500-row table; Python's ``sorted`` needs one key per row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class RowRole(IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1  # the domain row behind the table row
    SORT = Qt.ItemDataRole.UserRole + 2  # the column's sort value
    KEY = Qt.ItemDataRole.UserRole + 3  # the row's stable key (an id)


@dataclass(frozen=True, slots=True)
class Look:
    """How a cell stands out; never the only signal: the cell's text carries a symbol and a word too."""

    fill: str | None = None
    ink: str | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Column(Generic[Row]):
    header: Callable[[], str]  # translated when asked, so a language switch needs no new model
    display: Callable[[Row], str]
    sort: Callable[[Row], Any] | None = None  # defaults to the display text
    tooltip: Callable[[Row], str] | None = None
    look: Callable[[Row], Look | None] | None = None
    numeric: bool = False  # right-aligned
    header_tooltip: Callable[[], str | None] | None = None


class RowTableModel(QAbstractTableModel, Generic[Row]):
    # A model behind a proxy that does not filter again on dataChanged (a table whose cells change every
    # second) shows a changed row as removed and inserted, so the proxy decides afresh whether it shows it.
    reinsert_changed_rows = False

    def __init__(
        self, *, columns: Sequence[Column[Row]], key: Callable[[Row], Hashable], parent=None
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._key = key
        self._given: list[Row] = []  # in the caller's order: rows that sort alike keep it
        self._rows: list[Row] = []  # in the table's order
        self._keys: list[Hashable] = []  # each row's key, in the same order
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(self._rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Show ``rows`` (in the caller's order, which sorting keeps among equals), patching what moved."""
        self._given = list(rows)
        new_rows = self._ordered(self._given)
        if not self._rows or not new_rows:
            self.beginResetModel()  # the first fill or an emptied table: nothing to keep
            self._rows, self._keys = new_rows, list(map(self._key, new_rows))
            self.endResetModel()
            return
        new_keys = list(map(self._key, new_rows))
        old_keys = self._keys
        renewed: set[Hashable] = set()
        if self.reinsert_changed_rows:
            now_by_key = dict(zip(new_keys, new_rows, strict=True))
            for old_key, old in zip(old_keys, self._rows, strict=True):
                new = now_by_key.get(old_key, old)
                if new is not old and new != old:
                    renewed.add(old_key)
        if new_keys != old_keys or renewed:
            self._move_to(new_rows, new_keys, renewed)
        changed = [
            i
            for i, (old, new) in enumerate(zip(self._rows, new_rows, strict=True))
            if old is not new and old != new
        ]
        self._rows, self._keys = new_rows, new_keys
        for first, last in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def _move_to(self, new_rows: list[Row], new_keys: list[Hashable], renewed: set[Hashable]) -> None:
        """Remove the rows that went (and the ``renewed`` ones), re-order the kept ones if they sort
        differently, insert the new (and ``renewed``) ones.

        Kept rows keep their old objects here: the caller compares them with ``new_rows`` afterwards.
        """
        kept = set(new_keys) - renewed
        gone = [i for i, k in enumerate(self._keys) if k not in kept]
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            del self._keys[first : last + 1]
            self.endRemoveRows()
        was = dict(zip(self._keys, self._rows, strict=True))
        kept_order = [k for k in new_keys if k in was]
        if kept_order != self._keys:
            self.layoutAboutToBeChanged.emit()
            new_row = {k: i for i, k in enumerate(kept_order)}
            persistent = self.persistentIndexList()
            moved = [self.index(new_row[self._keys[i.row()]], i.column()) for i in persistent]
            self._rows, self._keys = [was[k] for k in kept_order], kept_order
            self.changePersistentIndexList(persistent, moved)
            self.layoutChanged.emit()
        added = [i for i, k in enumerate(new_keys) if k not in was]
        for first, last in _runs(added):  # ascending: each run lands where new_rows has it
            self.beginInsertRows(QModelIndex(), first, last)
            self._rows[first:first] = new_rows[first : last + 1]
            self._keys[first:first] = new_keys[first : last + 1]
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s sort value; the selection and every other persistent index follow their rows."""
        self._sort_column, self._sort_order = column, order
        rows = self._ordered(self._given)
        keys = list(map(self._key, rows))
        if keys == self._keys:
            self._rows = rows
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {k: i for i, k in enumerate(keys)}
        persistent = self.persistentIndexList()
        moved = [self.index(new_row[self._keys[i.row()]], i.column()) for i in persistent]
        self._rows, self._keys = rows, keys
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _ordered(self, rows: list[Row]) -> list[Row]:
        if not 0 <= self._sort_column < len(self.columns):
            return list(rows)
        column = self.columns[self._sort_column]
        value = column.sort or column.display

        def key(row: Row) -> tuple[bool, Any]:
            found = value(row)
            return (found is not None, found)  # no value sorts first, as Qt sorts an empty cell

        return sorted(rows, key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def texts(self, column: int) -> list[str]:
        """What every row shows in ``column``: views measure these to size their columns."""
        display = self.columns[column].display
        return [display(row) for row in self._rows]

    def row_of_key(self, key: Hashable) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    # -- Qt's model interface -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header()
            if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and column.header_tooltip is not None:
                return column.header_tooltip()
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == RowRole.ROW:
            return row
        if role == RowRole.KEY:
            return self._key(row)
        if role == RowRole.SORT:
            return column.sort(row) if column.sort is not None else column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            return self._look(column, row, role)
        return None

    def _look(self, column: Column[Row], row: Row, role: int) -> Any:
        look = column.look(row) if column.look is not None else None
        if look is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole and look.fill:
            return QBrush(QColor(look.fill))
        if role == Qt.ItemDataRole.ForegroundRole and look.ink:
            return QBrush(QColor(look.ink))
        if role == Qt.ItemDataRole.FontRole and look.bold:
            font = QFont()
            font.setBold(True)
            return font
        return None


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Ascending positions as (first, last) runs of neighbours: one signal per run, not per row."""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs


class FilterProxy(QSortFilterProxyModel):
    """Filters; sorting (a header click, ``sortByColumn``) is handed to the source model, which is faster at it."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def sorted_proxy(model: RowTableModel, parent=None) -> QSortFilterProxyModel:
    """A proxy over a model that sorts itself by each column's sort value; it filters case-insensitively on every column."""
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(RowRole.SORT)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy


def make_table(model, *, stretch_column: int) -> QTableView:
    """A read-only, sortable, row-selecting table: how the panes show these models."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return table
