"""Which checklist rows to show: owner, status, overdue, blocked and free text; groups stay when a child does."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from cockpit.domain.checklist import ChecklistItem, ItemStatus
from cockpit.ui.panes.checklist.model import Role


class ChecklistFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)  # a stage or category shows while any item under it matches
        self._owner = ""
        self._status: ItemStatus | None = None
        self._overdue_only = False
        self._blocked_only = False
        self._text = ""

    def set_filters(
        self,
        *,
        owner: str = "",
        status: ItemStatus | None = None,
        overdue_only: bool = False,
        blocked_only: bool = False,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self._owner = owner
        self._status = status
        self._overdue_only = overdue_only
        self._blocked_only = blocked_only
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def active(self) -> bool:
        return bool(self._owner or self._status or self._overdue_only or self._blocked_only or self._text)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.active:  # every row shows: none is read (the first layout of a large tree asks for all)
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        item: ChecklistItem | None = index.data(Role.ITEM)
        if item is None:
            return not self.active  # a group row is shown through its matching children
        if self._owner and item.owner != self._owner:
            return False
        if self._status is not None and item.status != self._status:
            return False
        if self._blocked_only and item.status != ItemStatus.BLOCKED:
            return False
        if self._overdue_only and not index.data(Role.OVERDUE):
            return False
        if self._text:
            haystack = " ".join((f"#{item.id}", item.title, item.owner, item.evidence, item.blocked_reason))
            return self._text in haystack.casefold()
        return True
