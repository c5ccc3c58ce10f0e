"""Which pane shows a row, and how to find or select it there: the panes' own select_…/selected_… methods."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import QAbstractItemView

from cockpit.ui.panes.base import BasePane


@dataclass(frozen=True, slots=True)
class RowPlace:
    pane: str
    view: str  # the pane's attribute holding the table or tree of these rows
    selected: str  # the pane's method returning the selected row (with an ``id``), or None
    select: str  # the pane's method selecting a row by id


ROW_PLACES = {
    "checklist_items": RowPlace("checklist", "tree", "selected_item", "select_item"),
    "runbook_steps": RowPlace("migration", "steps_table", "selected_step", "select_step"),
    "migration_objects": RowPlace("migration", "ledger_table", "selected_object", "select_object"),
    "risks": RowPlace("risks", "table", "selected_risk", "select_risk"),
    "tickets": RowPlace("support", "table", "selected_ticket", "select_ticket"),
}


def pane_of(panes: Iterable[BasePane], pane_id: str) -> BasePane | None:
    return next((pane for pane in panes if pane.pane_id == pane_id), None)


def select_row(pane: BasePane, table: str, row_id: int) -> None:
    place = ROW_PLACES.get(table)
    if place is not None and hasattr(pane, place.select):
        getattr(pane, place.select)(row_id)


def selected_row_id(pane: BasePane, table: str) -> int | None:
    place = ROW_PLACES.get(table)
    if place is None or not hasattr(pane, place.selected):
        return None
    row = getattr(pane, place.selected)()
    return getattr(row, "id", None)


def row_view(pane: BasePane, table: str) -> QAbstractItemView | None:
    place = ROW_PLACES.get(table)
    view = getattr(pane, place.view, None) if place is not None else None
    return view if isinstance(view, QAbstractItemView) else None
