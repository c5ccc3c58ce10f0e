"""The support queue as a Qt model: tickets in work order, severity in colour and words, live SLA countdowns.

A ``RowTableModel`` whose rows follow the domain's work order (``domain/queue_order.py``: by default open
P1/P2 first, then the other open tickets, each block breached first, then least time left). Each second
``tick(now)`` moves only the countdown column (``dataChanged``); when time passing changes the work order
(a clock breaches), the rows move with ``layoutChanged``, so the selection and scroll position survive.
A changed ticket (``patch_tickets``) is removed and inserted where the domain's order puts it: the other
rows stay, and the filter proxy decides afresh whether it shows the changed one. No reset.

A launch can have thousands of tickets, and a tick runs every second: so the queue is sorted again only
once a clock has actually run out (the only way time alone changes the order), clocks are worked out
for the rows a view asks about, and the filter proxy does not re-filter on the countdowns (time never
changes what a filter lets through; changed tickets arrive as removed and inserted rows, which it filters).
Sorting a large queue works out every clock: the pane does that on its worker (``work_order.py``) and
hands the result to ``take_order``; ``set_tickets``, ``set_order`` and ``tick`` sort here, for small queues.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from cockpit.domain.queue_order import DEFAULT_ORDER, QueueOrder, queue_group, queue_key
from cockpit.domain.status import Rag
from cockpit.domain.support import (
    Severity,
    SlaClock,
    SlaPolicy,
    Ticket,
    clock_for,
    policies_by_severity,
)
from cockpit.ui.panes.support.words import sla_text
from cockpit.ui.panes.support.work_order import WorkOrder, work_order
from cockpit.ui.widgets.row_model import Column as RowColumn
from cockpit.ui.widgets.row_model import FilterProxy, Look, RowRole, RowTableModel
from cockpit.ui.widgets.theme import MUTED_INK, OVERDUE, RAG_LOOKS
from cockpit.words.labels import severity_label, ticket_kind_label, ticket_status_label
from cockpit.words.moments import short_moment_text
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
    TICKET = RowRole.ROW
    BREACHED = Qt.ItemDataRole.UserRole + 12  # an open ticket with a clock past due


def _muted(ticket: Ticket) -> Look | None:
    return None if ticket.is_open else Look(ink=MUTED_INK)


def _severity_look(ticket: Ticket) -> Look:
    look = SEVERITY_LOOKS[ticket.severity]
    return Look(fill=look.fill, ink=look.ink, bold=ticket.severity == Severity.P1)


def _escalation_text(ticket: Ticket) -> str:
    return _t("Level {level}").format(level=ticket.escalation_level) if ticket.escalation_level else ""


def _title_tooltip(ticket: Ticket) -> str:
    return f"{ticket.title}\n{ticket.description}" if ticket.description else ticket.title


class TicketQueueModel(RowTableModel[Ticket]):
    reinsert_changed_rows = True  # the filter proxy does not filter again on dataChanged: see TicketFilter

    def __init__(self, parent=None) -> None:
        self._policies: Mapping[Severity, SlaPolicy] = {}
        self._clocks: dict[
            int, SlaClock | None
        ] = {}  # by ticket id, for the rows asked about since the last tick
        self._now: datetime | None = None
        self._sorted_at: datetime | None = None
        self._order_changes_after: datetime | None = None  # the next running clock to run out
        self._open_rows = 0  # open tickets come first in the queue
        self._blocks: list[tuple[int, int]] = []  # the open blocks' rows [start, end), each breached first
        self.order = DEFAULT_ORDER
        self._zone: tzinfo | None = None

        columns = (
            RowColumn(lambda: _t("#"), lambda t: str(t.id), numeric=True, look=_muted),
            RowColumn(
                lambda: field_label("tickets", "severity"),
                lambda t: severity_label(t.severity),
                look=_severity_look,
            ),
            RowColumn(
                lambda: _t("SLA: time left"),
                lambda t: sla_text(t, self._clock_of(t)),
                tooltip=self._sla_tooltip,
                look=self._sla_look,
            ),
            RowColumn(lambda: _t("Ticket"), lambda t: t.title, tooltip=_title_tooltip, look=_muted),
            RowColumn(
                lambda: field_label("tickets", "status"), lambda t: ticket_status_label(t.status), look=_muted
            ),
            RowColumn(
                lambda: field_label("tickets", "assignee"),
                lambda t: t.assignee or _t("Unassigned"),
                look=_muted,
            ),
            RowColumn(
                lambda: field_label("tickets", "escalation_level"),
                _escalation_text,
                numeric=True,
                look=_muted,
            ),
            RowColumn(
                lambda: field_label("tickets", "kind"), lambda t: ticket_kind_label(t.kind), look=_muted
            ),
            RowColumn(
                lambda: field_label("tickets", "opened_at"), lambda t: self._when(t.opened_at), look=_muted
            ),
        )
        super().__init__(columns=columns, key=attrgetter("id"), parent=parent)

    # -- data in --------------------------------------------------------------------------------------------------

    def set_tickets(
        self,
        tickets: tuple[Ticket, ...],
        policies: tuple[SlaPolicy, ...],
        *,
        now: datetime,
        zone: tzinfo | None,
    ) -> None:
        """Every ticket may have changed (a full load): the queue is sorted again."""
        self.take_order(
            work_order(tickets, policies_by_severity(policies), now=now, order=self.order), zone=zone
        )

    def take_order(self, ordered: WorkOrder, *, zone: tzinfo | None) -> None:
        """Show the queue as ``ordered`` put it (rows move, selection stays), with the clocks it worked out."""
        self._policies, self._zone, self.order = ordered.policies, zone, ordered.order
        self._set_time(ordered.now, sorted_=False)
        self.set_rows(ordered.rows)
        self._set_time(ordered.now, sorted_=True, clocks=ordered.clocks)
        self._countdowns_changed()

    def set_order(self, order: QueueOrder) -> None:
        """Put the queue in another work order (the rows move; selection and filters stay)."""
        if order == self.order:
            return
        self.order = order
        if self._now is not None and self._rows:
            self.take_order(
                work_order(self._rows, self._policies, now=self._now, order=order), zone=self._zone
            )

    def patch_tickets(self, tickets: tuple[Ticket, ...], ticket_ids: set[int], *, now: datetime) -> None:
        """Only the tickets ``ticket_ids`` changed (added, edited or removed): each is removed and inserted
        where it now belongs, and every other row stays, without sorting or comparing thousands of tickets.

        The queue's order holds until a running clock runs out (``tick`` sorts again then), so a ticket's
        place is found by comparing the domain's ``queue_key`` with one neighbour at a time.
        """
        if self.order_stale(now):
            self.set_tickets(tickets, tuple(self._policies.values()), now=now, zone=self._zone)
            return
        self._set_time(now, sorted_=False)
        for ticket_id in ticket_ids:  # the old rows go (a changed one comes back where it now belongs)
            row = self.row_of(ticket_id)
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row], self._keys[row]
                self.endRemoveRows()
        for ticket in (t for t in tickets if t.id in ticket_ids):
            key = queue_key(ticket, self._clock_of(ticket), self.order)
            low, high = 0, len(self._rows)
            while low < high:
                middle = (low + high) // 2
                neighbour = self._rows[middle]
                if key < queue_key(neighbour, self._clock_of(neighbour), self.order):
                    high = middle
                else:
                    low = middle + 1
            self.beginInsertRows(QModelIndex(), low, low)
            self._rows.insert(low, ticket)
            self._keys.insert(low, ticket.id)
            self.endInsertRows()
        self._given = list(self._rows)
        self._set_time(now, sorted_=True)

    def tick(self, now: datetime) -> None:
        """Time passed: move the countdowns, and the rows when the work order changed."""
        if not self._rows:
            return
        if self.order_stale(now):  # rows move, not reset
            self.take_order(
                work_order(self._rows, self._policies, now=now, order=self.order), zone=self._zone
            )
        else:
            self.move_countdowns(now)

    def move_countdowns(self, now: datetime) -> None:
        """Time passed, the rows stay where they are (the caller has their new order worked out elsewhere)."""
        self._set_time(now, sorted_=False)
        self._countdowns_changed()

    def order_stale(self, now: datetime) -> bool:
        """Whether time alone has changed the work order since the rows were sorted (a clock ran out)."""
        changes_after = self._order_changes_after
        return (
            self._sorted_at is None
            or now < self._sorted_at
            or (changes_after is not None and now > changes_after)
        )

    def _countdowns_changed(self) -> None:
        # Closed tickets' clocks have stopped: only the open rows (the top of the queue) change with time.
        if self._open_rows:
            self.dataChanged.emit(self.index(0, Column.SLA), self.index(self._open_rows - 1, Column.SLA))

    def _set_time(
        self, now: datetime, *, sorted_: bool, clocks: Mapping[int, SlaClock | None] | None = None
    ) -> None:
        self._now = now
        self._clocks = dict(clocks) if clocks is not None else {}
        if not sorted_:
            return
        self._sorted_at = now
        self._open_rows = bisect_left(self._rows, True, key=lambda t: not t.is_open)  # open ones come first
        urgent_end = bisect_left(range(self._open_rows), True, key=lambda row: self._group(row) > 0)
        self._blocks = [(0, urgent_end), (urgent_end, self._open_rows)]
        # Time changes the work order only when a running clock runs out: in each block the ticket that
        # breaches next is the first one not breached yet (least time left); the order holds until the
        # earlier of their clocks is due.
        dues = []
        for start, end in self._blocks:
            first_running = self._breached_end(start, end)
            clock = self._clock_of(self._rows[first_running]) if first_running < end else None
            if clock is not None and clock.next_due is not None:
                dues.append(clock.next_due)
        self._order_changes_after = min(dues, default=None)

    def _group(self, row: int) -> int:
        return queue_group(self._rows[row], self.order)

    def _breached_end(self, start: int, end: int) -> int:
        """Where a block's breached rows (its top) end."""
        return bisect_left(range(start, end), True, key=lambda row: not self._breached(row)) + start

    def _clock_of(self, ticket: Ticket) -> SlaClock | None:
        if ticket.id not in self._clocks:
            if self._now is None:  # rows come with the time (set_tickets): no clock to show before it
                return None
            self._clocks[ticket.id] = clock_for(ticket, self._policies, now=self._now)
        return self._clocks[ticket.id]

    def _breached(self, row: int) -> bool:
        ticket = self._rows[row]
        clock = self._clock_of(ticket)
        return ticket.is_open and clock is not None and clock.breached

    def breached_count(self) -> int:
        """Open tickets past an SLA: they sit at the top of each block, so binary searches find where they end."""
        return sum(self._breached_end(start, end) - start for start, end in self._blocks)

    def clock_time(self) -> datetime | None:
        """The moment the countdowns show (None before the first tickets)."""
        return self._now

    def rows_in_order(self) -> tuple[Ticket, ...]:
        return tuple(self._rows)

    def ticket_at(self, row: int) -> Ticket:
        return self._rows[row]

    def ticket(self, ticket_id: int) -> Ticket | None:
        row = self.row_of(ticket_id)
        return self._rows[row] if row >= 0 else None

    def row_of(self, ticket_id: int) -> int:
        return self.row_of_key(ticket_id)

    def clock(self, ticket_id: int) -> SlaClock | None:
        ticket = self.ticket(ticket_id)
        return self._clock_of(ticket) if ticket is not None else None

    # -- data out -------------------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Role.BREACHED:
            return index.isValid() and 0 <= index.row() < len(self._rows) and self._breached(index.row())
        return super().data(index, role)

    def _is_breached(self, ticket: Ticket) -> bool:
        clock = self._clock_of(ticket)
        return ticket.is_open and clock is not None and clock.breached

    def _sla_look(self, ticket: Ticket) -> Look | None:
        if self._is_breached(ticket):
            return Look(fill=RAG_LOOKS[Rag.RED].fill, ink=OVERDUE, bold=True)
        return _muted(ticket)

    def _sla_tooltip(self, ticket: Ticket) -> str:
        clock = self._clock_of(ticket)
        if clock is None:
            return ""
        return _t("First response due {response} · resolution due {resolution}").format(
            response=self._when(clock.first_response_due), resolution=self._when(clock.resolution_due)
        )

    def _when(self, moment: datetime) -> str:
        return short_moment_text(moment, self._zone)


UNASSIGNED = ""  # the assignee filter's value for tickets nobody has taken


class TicketFilter(FilterProxy):
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
        source = self.sourceModel()
        if not isinstance(source, TicketQueueModel):  # made for the ticket queue only
            return False
        ticket = source.ticket_at(source_row)
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
