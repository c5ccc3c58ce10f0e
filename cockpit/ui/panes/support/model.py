"""The support queue as a Qt model: tickets in work order, severity in colour and words, live SLA countdowns.

Rows follow ``sort_queue`` (breached first, then least time left). Each second ``tick(now)`` moves only
the countdown column (``dataChanged``); when time passing changes the work order (a clock breaches),
the rows move with ``layoutChanged``, so the selection and scroll position survive. No reset.

A launch can have thousands of tickets, and a tick runs every second: so the queue is sorted again only
once a clock has actually run out (the only way time alone changes the order), clocks are worked out
for the rows a view asks about, and the filter proxy does not re-filter on the countdowns (time never
changes what a filter lets through; changed tickets arrive as a layout change, which it does re-filter).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from cockpit.domain.status import Rag
from cockpit.domain.support import (
    Severity,
    SlaClock,
    SlaPolicy,
    Ticket,
    clock_for,
    policies_by_severity,
    sort_queue,
)
from cockpit.ui.panes.support.words import sla_text
from cockpit.ui.widgets.theme import MUTED_INK, OVERDUE, RAG_LOOKS
from cockpit.words.labels import severity_label, ticket_kind_label, ticket_status_label
from cockpit.words.rows import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class SeverityLook:
    fill: str
    ink: str


# The same Okabe-Ito colours as the support chart; the label ("P1 Critical") carries the meaning too.
SEVERITY_LOOKS = {
    Severity.P1: SeverityLook(fill="#D55E00", ink="#ffffff"),
    Severity.P2: SeverityLook(fill="#E69F00", ink="#222222"),
    Severity.P3: SeverityLook(fill="#56B4E9", ink="#222222"),
    Severity.P4: SeverityLook(fill="#D9D9D9", ink="#222222"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("support", text)


class Column(IntEnum):
    ID = 0
    SEVERITY = 1
    SLA = 2
    TITLE = 3
    STATUS = 4
    ASSIGNEE = 5
    ESCALATION = 6
    KIND = 7
    OPENED = 8


class Role(IntEnum):
    TICKET = Qt.ItemDataRole.UserRole + 1
    BREACHED = Qt.ItemDataRole.UserRole + 2  # an open ticket with a clock past due


class TicketQueueModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._tickets: list[Ticket] = []
        self._policies: dict[Severity, SlaPolicy] = {}
        self._clocks: dict[int, SlaClock | None] = {}  # by row, for the rows asked about since the last tick
        self._now: datetime | None = None
        self._sorted_at: datetime | None = None
        self._order_changes_after: datetime | None = None  # the next running clock to run out
        self._open_rows = 0  # open tickets come first in the queue
        self._zone: tzinfo | None = None

    # -- data in --------------------------------------------------------------------------------------------------

    def set_tickets(
        self,
        tickets: tuple[Ticket, ...],
        policies: tuple[SlaPolicy, ...],
        *,
        now: datetime,
        zone: tzinfo | None,
    ) -> None:
        queue = sort_queue(tickets, policies, now=now)
        self._policies, self._zone = policies_by_severity(policies), zone
        if [t.id for t in queue] == [t.id for t in self._tickets] and self._tickets:
            if queue == self._tickets:  # nothing changed but the time
                self._set_time(now, sorted_=True)
                self._countdowns_changed()
                return
            # Same rows in the same places, some with new values: a layout change makes the proxy filter
            # again (a resolved ticket leaves "open only") while the selection stays.
            self.layoutAboutToBeChanged.emit()
            self._tickets = queue
            self._set_time(now, sorted_=True)
            self.layoutChanged.emit()
            return
        self.beginResetModel()
        self._tickets = queue
        self._set_time(now, sorted_=True)
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """Time passed: move the countdowns, and the rows when the work order changed."""
        if not self._tickets:
            return
        changes_after = self._order_changes_after
        if (
            self._sorted_at is None
            or now < self._sorted_at
            or (changes_after is not None and now > changes_after)
        ):
            order = sort_queue(self._tickets, tuple(self._policies.values()), now=now)
            if [t.id for t in order] != [t.id for t in self._tickets]:
                self._reorder(order, now)
            else:
                self._set_time(now, sorted_=True)
        else:
            self._set_time(now, sorted_=False)
        self._countdowns_changed()

    def _countdowns_changed(self) -> None:
        # Closed tickets' clocks have stopped: only the open rows (the top of the queue) change with time.
        if self._open_rows:
            self.dataChanged.emit(self.index(0, Column.SLA), self.index(self._open_rows - 1, Column.SLA))

    def _reorder(self, order: list[Ticket], now: datetime) -> None:
        self.layoutAboutToBeChanged.emit()
        new_row = {t.id: row for row, t in enumerate(order)}
        old_ids = [t.id for t in self._tickets]
        persistent = self.persistentIndexList()
        moved = [self.index(new_row[old_ids[i.row()]], i.column()) for i in persistent]
        self._tickets = order
        self._set_time(now, sorted_=True)
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _set_time(self, now: datetime, *, sorted_: bool) -> None:
        self._now = now
        self._clocks = {}
        if not sorted_:
            return
        self._sorted_at = now
        self._open_rows = sum(1 for t in self._tickets if t.is_open)
        # Time changes the work order only when a running clock runs out: the ticket that breaches next is
        # the first open one not breached yet (least time left), so the order holds until its clock is due.
        first_running = self.breached_count()
        clock = self._clock(first_running) if first_running < self._open_rows else None
        self._order_changes_after = clock.next_due if clock is not None else None

    def _clock(self, row: int) -> SlaClock | None:
        if row not in self._clocks:
            self._clocks[row] = clock_for(self._tickets[row], self._policies, now=self._now)
        return self._clocks[row]

    def _breached(self, row: int) -> bool:
        clock = self._clock(row)
        return self._tickets[row].is_open and clock is not None and clock.breached

    def breached_count(self) -> int:
        """Open tickets past an SLA: they sit at the top of the queue, so a binary search finds where they end."""
        return bisect_left(range(self._open_rows), True, key=lambda row: not self._breached(row))

    def rows_in_order(self) -> tuple[Ticket, ...]:
        return tuple(self._tickets)

    def ticket_at(self, row: int) -> Ticket:
        return self._tickets[row]

    def ticket(self, ticket_id: int) -> Ticket | None:
        return next((t for t in self._tickets if t.id == ticket_id), None)

    def row_of(self, ticket_id: int) -> int:
        return next((row for row, t in enumerate(self._tickets) if t.id == ticket_id), -1)

    def clock(self, ticket_id: int) -> SlaClock | None:
        row = self.row_of(ticket_id)
        return self._clock(row) if row >= 0 else None

    # -- structure and data out -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._tickets)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            _t("#"),
            field_label("tickets", "severity"),
            _t("SLA: time left"),
            _t("Ticket"),
            field_label("tickets", "status"),
            field_label("tickets", "assignee"),
            field_label("tickets", "escalation_level"),
            field_label("tickets", "kind"),
            field_label("tickets", "opened_at"),
        )
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tickets):
            return None
        ticket, column = self._tickets[index.row()], index.column()
        if role == Role.TICKET:
            return ticket
        clock = self._clock(index.row())
        breached = ticket.is_open and clock is not None and clock.breached
        if role == Role.BREACHED:
            return breached
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(ticket, clock, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == Column.SEVERITY:
                return QColor(SEVERITY_LOOKS[ticket.severity].fill)
            if column == Column.SLA and breached:
                return QColor(RAG_LOOKS[Rag.RED].fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.SEVERITY:
                return QColor(SEVERITY_LOOKS[ticket.severity].ink)
            if column == Column.SLA and breached:
                return QColor(OVERDUE)
            if not ticket.is_open:
                return QColor(MUTED_INK)
        if role == Qt.ItemDataRole.FontRole and (
            (column == Column.SLA and breached)
            or (column == Column.SEVERITY and ticket.severity == Severity.P1)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ticket, clock, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.ID, Column.ESCALATION):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _when(self, moment: datetime) -> str:
        return moment.astimezone(self._zone).strftime("%m-%d %H:%M")

    def _text(self, ticket: Ticket, clock: SlaClock | None, column: int) -> str:
        if column == Column.ID:
            return str(ticket.id)
        if column == Column.SEVERITY:
            return severity_label(ticket.severity)
        if column == Column.SLA:
            return sla_text(ticket, clock)
        if column == Column.TITLE:
            return ticket.title
        if column == Column.STATUS:
            return ticket_status_label(ticket.status)
        if column == Column.ASSIGNEE:
            return ticket.assignee or _t("Unassigned")
        if column == Column.ESCALATION:
            return (
                _t("Level {level}").format(level=ticket.escalation_level) if ticket.escalation_level else ""
            )
        if column == Column.KIND:
            return ticket_kind_label(ticket.kind)
        return self._when(ticket.opened_at)

    def _tooltip(self, ticket: Ticket, clock: SlaClock | None, column: int) -> str | None:
        if column == Column.SLA and clock is not None:
            return _t("First response due {response} · resolution due {resolution}").format(
                response=self._when(clock.first_response_due), resolution=self._when(clock.resolution_due)
            )
        if column == Column.TITLE:
            return f"{ticket.title}\n{ticket.description}" if ticket.description else ticket.title
        return None


UNASSIGNED = ""  # the assignee filter's value for tickets nobody has taken


class TicketFilter(QSortFilterProxyModel):
    """Open only, a severity, an assignee (or unassigned), and free text; the queue order stays."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Filters depend on the tickets, never on the time: the per-second countdowns must not re-filter
        # thousands of rows. New ticket values come as a layout change or a reset, which do re-filter.
        self.setDynamicSortFilter(False)
        self.open_only = True
        self.severity: Severity | None = None
        self.assignee: str | None = None  # None: anyone
        self.text = ""

    def set_filters(self, **filters: Any) -> None:
        self.beginFilterChange()
        for name, value in filters.items():
            if name not in ("open_only", "severity", "assignee", "text"):
                raise TypeError(name)
            setattr(self, name, value.strip().casefold() if name == "text" else value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        ticket = self.sourceModel().ticket_at(source_row)
        if self.open_only and not ticket.is_open:
            return False
        if self.severity is not None and ticket.severity != self.severity:
            return False
        if self.assignee is not None and ticket.assignee != self.assignee:
            return False
        if self.text:
            haystack = " ".join(
                (f"#{ticket.id}", ticket.title, ticket.description, ticket.reporter, ticket.assignee)
            )
            return self.text in haystack.casefold()
        return True
