"""RowTableModel sorts its own rows for the table (the proxy only filters); selection follows the rows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cockpit.ui.widgets.row_model import Column, RowRole, RowTableModel, make_table, sorted_proxy


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    size: int | None


def items_model(parent) -> RowTableModel[Item]:
    return RowTableModel(
        key=lambda r: r.id,
        parent=parent,
        columns=[
            Column(lambda: "Name", lambda r: r.name),
            Column(lambda: "Size", lambda r: "" if r.size is None else str(r.size), sort=lambda r: r.size),
        ],
    )


ITEMS = [Item(1, "pear", 3), Item(2, "apple", None), Item(3, "fig", 3), Item(4, "kiwi", 1)]


def names(table) -> list[str]:
    proxy = table.model()
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def test_header_sorting_orders_rows_by_the_sort_value_and_keeps_the_selection(qtbot, qtmodeltester):
    owner = QWidget()  # owns the models, so they outlive the table that shows them
    qtbot.addWidget(owner)
    model = items_model(owner)
    proxy = sorted_proxy(model, owner)
    table = make_table(proxy, stretch_column=0)
    table.setParent(owner)
    model.set_rows(ITEMS)
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    # No size first; equal sizes keep the order they were given in (pear before fig).
    assert names(table) == ["apple", "kiwi", "pear", "fig"]
    table.setCurrentIndex(proxy.index(3, 0))
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert names(table) == ["pear", "fig", "kiwi", "apple"]
    assert table.currentIndex().data(RowRole.ROW).name == "fig"
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert names(table) == ["apple", "fig", "kiwi", "pear"]
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_refreshed_rows_arrive_in_the_chosen_order_and_still_filter(qtbot):
    owner = QWidget()  # owns the models, so they outlive the table that shows them
    qtbot.addWidget(owner)
    model = items_model(owner)
    proxy = sorted_proxy(model, owner)
    table = make_table(proxy, stretch_column=0)
    table.setParent(owner)
    model.set_rows(ITEMS)
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    changed = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    model.set_rows([*ITEMS[:3], Item(4, "kiwi", 9)])  # same rows, one new value
    assert names(table) == ["pear", "kiwi", "fig", "apple"] and len(changed) == 1
    model.set_rows([*ITEMS[:3], Item(4, "kiwi", 9)])  # nothing new: nothing to repaint
    assert len(changed) == 1
    model.set_rows([Item(5, "banana", 2), *ITEMS])
    assert names(table) == ["pear", "kiwi", "fig", "banana", "apple"]
    proxy.setFilterFixedString("AN")
    assert names(table) == ["banana"]
