"""The Support pane's buttons for the clocks as service desks count them: record a response to the
reporter, put a ticket on hold (waiting on its reporter: its clocks pause) or resume it, and say what the
ticket is about (Link…). The pane places them; what they write goes through the session here."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QWidget

from cockpit.domain.launch import LaunchData
from cockpit.domain.reviews import links_of
from cockpit.domain.support import Ticket, TicketStatus
from cockpit.services.edits import update_ticket
from cockpit.services.reviews import link_ticket
from cockpit.services.support_clocks import record_response
from cockpit.ui.care.dialogs import LinkDialog
from cockpit.ui.care.writing import write_from
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.words.reviews import link_kind_label


class SupportCareButtons(QObject):
    def __init__(self, session: LaunchSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._parent = parent
        self._ticket: Ticket | None = None
        self.link_dialog: LinkDialog | None = None
        self.respond_button = QPushButton(self.tr("Respond"))
        self.respond_button.setToolTip(
            self.tr(
                "Record an answer to the reporter: the first stops the first-response clock, each later one restarts the update clock"
            )
        )
        self.respond_button.clicked.connect(self.respond)
        self.hold_button = QPushButton(self.tr("Hold"))
        self.hold_button.clicked.connect(self.toggle_hold)
        self.link_button = QPushButton(self.tr("Link…"))
        self.link_button.clicked.connect(self.open_link)
        self.update(None)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.respond_button, self.hold_button, self.link_button)

    def update(self, ticket: Ticket | None, data: LaunchData | None = None) -> None:
        """Follow the selected ticket (None: none, or the file is read-only) in the pane's ``data``."""
        self._ticket = ticket
        open_ticket = ticket is not None and ticket.is_open
        waiting = ticket is not None and ticket.status is TicketStatus.WAITING
        self.respond_button.setEnabled(open_ticket)
        self.hold_button.setEnabled(open_ticket)
        self.hold_button.setText(self.tr("Resume") if waiting else self.tr("Hold"))
        self.hold_button.setToolTip(
            self.tr("Take the ticket off hold: its SLA clocks run again")
            if waiting
            else self.tr("Waiting on the reporter: the ticket's SLA clocks pause until it is resumed")
        )
        self.link_button.setEnabled(ticket is not None)
        self.link_button.setToolTip(self._links_text(ticket, data))

    def _links_text(self, ticket: Ticket | None, data: LaunchData | None) -> str:
        """The button's tooltip: what the ticket is about already, so the pane shows the links it has."""
        about = links_of(ticket.id, data.ticket_links) if ticket is not None and data is not None else []
        if not about:
            return self.tr("Say what the ticket is about: a runbook step, a risk or a failing test")
        named = ", ".join(f"{link_kind_label(link.kind)} {link.target}" for link in about)
        return self.tr("About: {links}").format(links=named)

    def respond(self) -> None:
        ticket = self._ticket
        if ticket is None or not ticket.is_open:
            return
        self._session.edit(
            record_response,
            text=self.tr("Respond on #{id}").format(id=ticket.id),
            ticket_id=ticket.id,
            expect_version=ticket.version,
        )

    def toggle_hold(self) -> None:
        ticket = self._ticket
        if ticket is None or not ticket.is_open:
            return
        waiting = ticket.status is TicketStatus.WAITING
        status = TicketStatus.IN_PROGRESS if waiting else TicketStatus.WAITING
        text = self.tr("Resume #{id}") if waiting else self.tr("Hold #{id}")
        self._session.edit(
            update_ticket,
            text=text.format(id=ticket.id),
            undo_values={"status": ticket.status.value},
            ticket_id=ticket.id,
            status=status.value,
            expect_version=ticket.version,
        )

    def open_link(self) -> None:
        ticket, data = self._ticket, self._session.data
        if ticket is None or not isinstance(data, LaunchData) or self._session.read_only:
            return
        dialog = LinkDialog(data, ticket.id, self._parent)
        dialog.submitted.connect(
            lambda values: write_from(self._session, dialog, link_ticket, {"ticket_id": ticket.id, **values})
        )
        dialog.finished.connect(dialog.deleteLater)
        self.link_dialog = dialog
        dialog.open()
