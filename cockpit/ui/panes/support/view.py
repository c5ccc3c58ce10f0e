"""The support pane: the queue in SLA order with live countdowns, triage actions, and open tickets over time."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.charts.support_marks import open_tickets_marks
from cockpit.domain.launch import LaunchData
from cockpit.domain.queue_order import QueueOrder
from cockpit.domain.status import Pane
from cockpit.domain.support import Severity, SlaPolicy, Ticket, TicketStatus
from cockpit.services.edits import add_ticket, update_ticket
from cockpit.ui import settings as keys
from cockpit.ui.care.row_links import RowLinks
from cockpit.ui.care.support_buttons import SupportCareButtons
from cockpit.ui.charts.support_chart import OpenTicketsChart
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.support.dialogs import TicketDialog, TriageDialog
from cockpit.ui.panes.support.model import (
    UNASSIGNED,
    Column,
    Role,
    TicketFilter,
    TicketQueueModel,
)
from cockpit.ui.panes.support.order import order_choice
from cockpit.ui.panes.support.ordering import QueueOrdering
from cockpit.ui.panes.support.work_order import WorkOrder
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.choices import refill_choices
from cockpit.ui.widgets.theme import OVERDUE, OVERDUE_SYMBOL
from cockpit.words.labels import pane_title, severity_label, ticket_status_label

CHART_REFRESH_MINUTES = 5  # the chart's time axis ends at "now": move it on now and then, not every second


def _picked(tickets: tuple[Ticket, ...], ticket_ids: set[int]) -> dict[int, Ticket]:
    return {t.id: t for t in tickets if t.id in ticket_ids}


def _drawn(tickets: dict[int, Ticket]) -> dict[int, tuple]:
    """What the open-tickets chart reads of these tickets: when each opened and closed, and its severity."""
    return {
        t.id: (t.severity, t.opened_at, t.is_open, t.resolved_at, None if t.is_open else t.updated_at)
        for t in tickets.values()
    }


class SupportPane(BasePane):
    pane_id = "support"
    # The team's holidays change what the calendars count; a ticket's links show on its Link… button.
    tables = frozenset({"tickets", "sla_policies", "team_holidays", "ticket_links"})

    @classmethod
    def title(cls) -> str:
        return pane_title(Pane.SUPPORT)

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self.ticket_dialog: TicketDialog | None = None
        self.triage_dialog: TriageDialog | None = None
        self.ordering = QueueOrdering(session, self._take_order, self)  # large queues sorted on a worker

        self.model = TicketQueueModel(self)
        self.proxy = TicketFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter: title, description, reporter, #id…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._set_filters(text=text))
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda on: self._set_filters(open_only=on))
        self.severity_filter = QComboBox()
        self.severity_filter.addItem(self.tr("Any severity"), None)
        for severity in Severity:
            self.severity_filter.addItem(severity_label(severity), severity.value)
        self.severity_filter.currentIndexChanged.connect(self._severity_chosen)
        self.assignee_filter = QComboBox()
        self.assignee_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.assignee_filter.currentIndexChanged.connect(self._assignee_chosen)
        self.order = order_choice()
        self.order.currentIndexChanged.connect(self._order_chosen)
        self.add_button = QPushButton(self.tr("Add ticket…"))
        self.add_button.clicked.connect(self.add_ticket)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.open_only, self.severity_filter, self.assignee_filter, self.order):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.add_button)

        self.acknowledge_button = QPushButton(self.tr("Acknowledge"))
        self.acknowledge_button.setToolTip(
            self.tr("Confirm the ticket was seen: stops the first-response clock")
        )
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.triage_button = QPushButton(self.tr("Triage…"))
        self.triage_button.clicked.connect(self.triage_selected)
        self.escalate_button = QPushButton(self.tr("Escalate"))
        self.escalate_button.clicked.connect(self.escalate_selected)
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.resolve_button.setToolTip(self.tr("Mark the ticket resolved: stops both SLA clocks"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        self.care = SupportCareButtons(session, self)  # respond, hold/resume, link (ui/care)
        for button in (
            self.acknowledge_button,
            self.care.respond_button,
            self.care.hold_button,
            self.triage_button,
            self.escalate_button,
            self.resolve_button,
            self.care.link_button,
        ):
            actions.addWidget(button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.triage_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            Column.TITLE, QHeaderView.ResizeMode.Stretch
        )  # long titles take the room left
        self.table.setWordWrap(False)  # one line per row: a long title is elided, its tooltip has it whole
        for column, width in (
            (Column.ID, 44),
            (Column.SEVERITY, 100),
            (Column.SLA, 250),
            (Column.STATUS, 110),
            (Column.ASSIGNEE, 130),
            (Column.ESCALATION, 80),
            (Column.KIND, 80),
            (Column.OPENED, 100),
        ):
            # Never narrower than the header's own words (Japanese "エスカレーション" is wider than 80).
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

        self.chart = OpenTicketsChart()
        self.chart.setMinimumHeight(220)
        queue = QWidget()
        queue_layout = QVBoxLayout(queue)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addLayout(filters)
        queue_layout.addLayout(actions)
        queue_layout.addWidget(self.table, 1)
        self.about = RowLinks("ticketAbout")  # what the ticket is about, each a link to its row
        self.about.open_row.connect(self.open_row)
        self.about.open_pane.connect(self.open_pane)
        queue_layout.addWidget(self.about)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(queue)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.splitter)
        self._update_actions()

    # -- data -----------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        previous, self._data = self._data, data
        selected = self.selected_ticket()
        moved = self.moved_rows(changes, "tickets")
        if (
            moved is None
            or previous is None
            or self.touched(changes, "sla_policies", "team_holidays")
            or (moved and self._sorts_on_worker(data.tickets) and not self._patchable(now))
        ):
            self._put_in_order(data.tickets, data.sla_policies, now)
            redraw = names = True
        else:
            before, after = _picked(previous.tickets, moved), _picked(data.tickets, moved)
            if moved:
                self.model.patch_tickets(data.tickets, moved, now=now)
            redraw = _drawn(before) != _drawn(after)
            names = {t.assignee for t in before.values()} != {t.assignee for t in after.values()}
        if names or self.touched(changes, "people"):
            self._refresh_assignees(data)
        self._show_summary(data)
        if redraw:  # the chart is worked out from every ticket: only when it would change
            self._draw_chart(data, now)
        current = self.selected_ticket()
        if selected is not None and (current is None or current.id != selected.id):
            self.select_ticket(selected.id)
        self._update_actions()

    def tick(self, now: datetime) -> None:
        if self._data is None:
            return
        if not self._sorts_on_worker(self._data.tickets):
            self.model.tick(now)
        elif self.model.order_stale(now) and self.queue_current():  # a clock ran out: the rows move
            self._put_in_order(self._data.tickets, self._data.sla_policies, now)
        else:  # the countdowns move; the rows when the worker's order arrives
            self.model.move_countdowns(now)
        if now.second == 0:
            self._show_summary(self._data)
            if now.minute % CHART_REFRESH_MINUTES == 0:
                self._draw_chart(self._data, now)

    # -- the work order -------------------------------------------------------------------------------------------

    def _sorts_on_worker(self, tickets: tuple[Ticket, ...]) -> bool:
        return self.ordering.on_worker(tickets)

    def _patchable(self, now: datetime) -> bool:
        """Whether changed tickets can move into the rows shown: not while the worker puts the queue in order
        (it does so again, with them), nor once a clock ran out (the whole queue is sorted again)."""
        return self.queue_current() and not self.model.order_stale(now)

    def queue_current(self) -> bool:
        """Whether the table shows the latest work order asked for (none is being worked out)."""
        return self.ordering.current

    def _order_chosen(self) -> None:
        if self._data is None:
            return
        if self._sorts_on_worker(self._data.tickets):
            self._put_in_order(self._data.tickets, self._data.sla_policies, self.session.now())
        else:
            self.model.set_order(QueueOrder(self.order.currentData()))

    def _put_in_order(
        self, tickets: tuple[Ticket, ...], policies: tuple[SlaPolicy, ...], now: datetime
    ) -> None:
        """Every ticket may have changed (a full load, a clock ran out, another order chosen): sort them all."""
        self.ordering.ask(tickets, policies, now=now, order=QueueOrder(self.order.currentData()))

    def _take_order(self, ordered: WorkOrder) -> None:
        if self._data is None:
            return
        selected = self.selected_ticket()
        self.model.take_order(ordered, zone=self._data.launch.zone)
        self._show_summary(self._data)
        current = self.selected_ticket()
        if selected is not None and (current is None or current.id != selected.id):
            self.select_ticket(selected.id)
        self._update_actions()

    def _draw_chart(self, data: LaunchData, now: datetime) -> None:
        self.chart.show_marks(open_tickets_marks(data.tickets, now=now, tz=data.launch.timezone))

    def _show_summary(self, data: LaunchData) -> None:
        if not self.queue_current():
            return  # the breached count comes from the queue on its way: it shows with it (_take_order)
        # The model's queue already knows the clocks: counting open tickets per severity needs none, and the
        # breached ones sit at its top; a domain summary would work out thousands of clocks once a minute.
        open_per_severity = Counter(t.severity for t in data.tickets if t.is_open)
        per_severity = " · ".join(f"{severity.value} {open_per_severity[severity]}" for severity in Severity)
        text = self.tr("{open} open ({per_severity})").format(
            open=sum(open_per_severity.values()), per_severity=per_severity
        )
        breached = self.model.breached_count()
        if breached:
            text += " · " + self.tr("{symbol} {count} past their SLA").format(
                symbol=OVERDUE_SYMBOL, count=breached
            )
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {OVERDUE}; font-weight: 600;" if breached else "")

    def _refresh_assignees(self, data: LaunchData) -> None:
        names = sorted({t.assignee for t in data.tickets if t.assignee} | {p.name for p in data.people})
        fixed = [(self.tr("Any assignee"), None), (self.tr("Unassigned"), UNASSIGNED)]
        refill_choices(self.assignee_filter, fixed, names)

    # -- filters --------------------------------------------------------------------------------------------------

    def _severity_chosen(self) -> None:
        value = self.severity_filter.currentData()
        self._set_filters(severity=Severity(value) if value else None)

    def _assignee_chosen(self) -> None:
        self._set_filters(assignee=self.assignee_filter.currentData())

    def _set_filters(self, **filters) -> None:
        self.proxy.set_filters(**filters)
        self._update_actions()

    def set_filters(self, **filters) -> None:
        """Drive the filter bar as a user would: ``text``, ``open_only``, ``severity`` ("P1"…), ``assignee``."""
        if "text" in filters:
            self.search.setText(filters["text"])
        if "open_only" in filters:
            self.open_only.setChecked(filters["open_only"])
        if "severity" in filters:
            self.severity_filter.setCurrentIndex(max(0, self.severity_filter.findData(filters["severity"])))
        if "assignee" in filters:
            self.assignee_filter.setCurrentIndex(max(0, self.assignee_filter.findData(filters["assignee"])))

    def visible_ticket_ids(self) -> list[int]:
        return [self.proxy.index(row, 0).data(Role.TICKET).id for row in range(self.proxy.rowCount())]

    def focus_find(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # -- actions --------------------------------------------------------------------------------------------------

    def selected_ticket(self) -> Ticket | None:
        return self.table.currentIndex().data(Role.TICKET)

    def select_ticket(self, ticket_id: int) -> None:
        row = self.model.row_of(ticket_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _update_actions(self) -> None:
        ticket = self.selected_ticket()
        writable = not self.session.read_only
        self.add_button.setEnabled(writable)
        chosen = ticket if writable else None
        self.triage_button.setEnabled(chosen is not None)
        self.acknowledge_button.setEnabled(chosen is not None and chosen.status == TicketStatus.NEW)
        self.escalate_button.setEnabled(chosen is not None and chosen.is_open)
        self.resolve_button.setEnabled(chosen is not None and chosen.is_open)
        self.care.update(chosen, self._data)
        self.about.show_about(ticket, self._data)

    def _people(self) -> list[str]:
        data = self._data
        return (
            [t.assignee for t in data.tickets if t.assignee] + [p.name for p in data.people] if data else []
        )

    def add_ticket(self) -> None:
        if self._data is None or self.session.read_only:
            return
        dialog = TicketDialog(people=self._people(), parent=self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(
            lambda: self.session.edit(
                add_ticket,
                text=self.tr("Add ticket “{title}”").format(title=dialog.values()["title"]),
                undo_add=True,
                **dialog.values(),
            )
        )
        self.ticket_dialog = dialog
        dialog.open()

    def _set_status(self, ticket: Ticket, status: TicketStatus) -> None:
        self.session.edit(
            update_ticket,
            text=self.tr("Set #{id} to {status}").format(id=ticket.id, status=ticket_status_label(status)),
            undo_values={"status": ticket.status.value},
            ticket_id=ticket.id,
            status=status.value,
            expect_version=ticket.version,
        )

    def acknowledge_selected(self) -> None:
        ticket = self.selected_ticket()
        if ticket is not None and ticket.status == TicketStatus.NEW:
            self._set_status(ticket, TicketStatus.ACKNOWLEDGED)

    def resolve_selected(self) -> None:
        ticket = self.selected_ticket()
        if ticket is not None and ticket.is_open:
            self._set_status(ticket, TicketStatus.RESOLVED)

    def escalate_selected(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or not ticket.is_open:
            return
        self.session.edit(
            update_ticket,
            text=self.tr("Escalate #{id} to level {level}").format(
                id=ticket.id, level=ticket.escalation_level + 1
            ),
            undo_values={"escalate": False, "de_escalate": True},
            ticket_id=ticket.id,
            escalate=True,
            expect_version=ticket.version,
        )

    def triage_selected(self) -> None:
        self._open_triage(self.selected_ticket(), {})

    def _open_triage(self, ticket: Ticket | None, wanted: dict) -> None:
        """The triage dialog on ``ticket``, filled with ``wanted`` (what the user had chosen) when given."""
        if ticket is None or self.session.read_only:
            return
        dialog = TriageDialog(ticket=ticket, people=self._people(), parent=self)
        dialog.fill(wanted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(lambda: self.submit_triage(ticket, dialog.changes()))
        self.triage_dialog = dialog
        dialog.open()

    def triage_again(self, ticket_id: int, wanted: dict) -> None:
        """After keeping a teammate's version: triage the ticket as it now is, with what I had chosen."""
        ticket = next((t for t in self._data.tickets if t.id == ticket_id), None) if self._data else None
        self._open_triage(ticket, wanted)

    def submit_triage(self, ticket: Ticket, changes: dict) -> None:
        if not changes:
            return
        old = {"severity": ticket.severity.value, "assignee": ticket.assignee, "status": ticket.status.value}
        self.session.edit(
            update_ticket,
            text=self.tr("Triage #{id}").format(id=ticket.id),
            undo_values={name: old[name] for name in changes},
            reopen=lambda wanted: self.triage_again(ticket.id, wanted),
            ticket_id=ticket.id,
            expect_version=ticket.version,
            **changes,
        )

    # -- state ----------------------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        keys.write(settings, keys.pane_state(self.pane_id, "splitter"), self.splitter.saveState())
        keys.write(
            settings, keys.pane_state(self.pane_id, "header"), self.table.horizontalHeader().saveState()
        )

    def restore_state(self, settings: QSettings) -> None:
        splitter = keys.read(settings, keys.pane_state(self.pane_id, "splitter"))
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = keys.read(settings, keys.pane_state(self.pane_id, "header"))
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
