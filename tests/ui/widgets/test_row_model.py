"""RowTableModel sorts its own rows for the table (the proxy only filters); selection follows the rows."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cockpit.ui.widgets.row_model import Column, RowRole, RowTableModel, make_table, sorted_proxy
from tests.ui.model_spy import ModelSpy


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


def sorted_by_name(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    model = items_model(owner)
    proxy = sorted_proxy(model, owner)
    table = make_table(proxy, stretch_column=0)
    table.setParent(owner)
    model.set_rows(ITEMS)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # apple, fig, kiwi, pear
    table.owner = owner  # keeps the models alive as long as the test holds the table
    return model, proxy, table


def test_a_changed_row_repaints_only_that_row_and_keeps_the_selection(qtbot, qtmodeltester):
    model, proxy, table = sorted_by_name(qtbot)
    table.setCurrentIndex(proxy.index(2, 0))  # kiwi
    spy = ModelSpy(model)
    model.set_rows([*ITEMS[:3], Item(4, "kiwi", 7)])  # the other rows are the same objects
    assert spy.events == [("changed", 2, 2, None)]
    assert table.currentIndex().data(RowRole.ROW) == Item(4, "kiwi", 7)
    qtmodeltester.check(model)


def test_equal_new_objects_are_no_change(qtbot):
    model, _, _ = sorted_by_name(qtbot)
    spy = ModelSpy(model)
    model.set_rows([Item(r.id, r.name, r.size) for r in ITEMS])
    assert spy.events == []


def test_added_and_removed_rows_are_inserted_and_removed_where_they_sort(qtbot, qtmodeltester):
    model, proxy, table = sorted_by_name(qtbot)
    table.setCurrentIndex(proxy.index(3, 0))  # pear
    spy = ModelSpy(model)
    model.set_rows([*ITEMS, Item(5, "banana", 2)])
    assert spy.events == [("inserted", 1, 1, None)]
    assert names(table) == ["apple", "banana", "fig", "kiwi", "pear"]
    spy.events.clear()
    model.set_rows([r for r in ITEMS if r.name != "fig"] + [Item(5, "banana", 2)])
    assert spy.events == [("removed", 2, 2, None)]
    assert names(table) == ["apple", "banana", "kiwi", "pear"]
    assert table.currentIndex().data(RowRole.ROW).name == "pear"
    qtmodeltester.check(model)


def test_a_row_whose_change_moves_it_in_the_sort_order_takes_the_selection_along(qtbot, qtmodeltester):
    model, proxy, table = sorted_by_name(qtbot)
    table.setCurrentIndex(proxy.index(0, 0))  # apple
    spy = ModelSpy(model)
    model.set_rows([ITEMS[0], Item(2, "zucchini", None), *ITEMS[2:]])
    assert ("reset",) not in spy.events
    assert names(table) == ["fig", "kiwi", "pear", "zucchini"]
    assert table.currentIndex().data(RowRole.ROW).name == "zucchini"
    assert spy.events[-1] == ("changed", 3, 3, None)
    qtmodeltester.check(model)
