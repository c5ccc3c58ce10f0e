"""The support pane's dialogs: a new ticket, and triage (severity, assignee, status) of one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cockpit.domain.support import Severity, Ticket, TicketKind, TicketStatus
from cockpit.ui.widgets.theme import OVERDUE
from cockpit.words.labels import severity_label, ticket_kind_label, ticket_status_label
from cockpit.words.rows import field_label


def _severity_combo(current: Severity) -> QComboBox:
    combo = QComboBox()
    for severity in Severity:
        combo.addItem(severity_label(severity), severity.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def _assignee_combo(people: list[str], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(sorted(set(people)))
    combo.setCurrentText(current)
    return combo


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class TicketDialog(QDialog):
    """A new ticket; its SLA clocks start when it is written."""

    def __init__(self, *, people: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add ticket"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("What the user sees, in one line"))
        self.severity = _severity_combo(Severity.P3)
        self.kind = QComboBox()
        for kind in TicketKind:
            self.kind.addItem(ticket_kind_label(kind), kind.value)
        self.assignee = _assignee_combo(people, "")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("Steps, screen, order number, since when"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {OVERDUE};")
        form = QFormLayout(self)
        form.addRow(field_label("tickets", "title"), self.title)
        form.addRow(field_label("tickets", "severity"), self.severity)
        form.addRow(field_label("tickets", "kind"), self.kind)
        form.addRow(field_label("tickets", "assignee"), self.assignee)
        form.addRow(field_label("tickets", "description"), self.description)
        form.addRow(self.error)
        form.addRow(_buttons(self))
        self.resize(560, 380)

    def values(self) -> dict:
        return {
            "title": self.title.text().strip(),
            "severity": self.severity.currentData(),
            "kind": self.kind.currentData(),
            "assignee": self.assignee.currentText().strip(),
            "description": self.description.toPlainText().strip(),
        }

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the ticket a title."))
            self.title.setFocus()
            return
        super().accept()


class TriageDialog(QDialog):
    """Severity, assignee and status of one ticket; ``changes()`` holds only what the user changed."""

    def __init__(self, *, ticket: Ticket, people: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ticket = ticket
        self.setWindowTitle(self.tr("Triage #{id}").format(id=ticket.id))
        heading = QLabel(ticket.title)
        heading.setWordWrap(True)
        self.severity = _severity_combo(ticket.severity)
        self.assignee = _assignee_combo(people, ticket.assignee)
        self.status = QComboBox()
        for status in TicketStatus:
            self.status.addItem(ticket_status_label(status), status.value)
        self.status.setCurrentIndex(self.status.findData(ticket.status.value))
        note = QLabel(self.tr("Any status after New stops the first-response clock; Resolved stops both."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(field_label("tickets", "severity"), self.severity)
        form.addRow(field_label("tickets", "assignee"), self.assignee)
        form.addRow(field_label("tickets", "status"), self.status)
        form.addRow(note)
        form.addRow(_buttons(self))
        self.resize(480, 240)

    def fill(self, wanted: dict) -> None:
        """Put ``update_ticket`` arguments over the ticket's own values (what the user had chosen)."""
        for name in ("severity", "status"):
            if wanted.get(name) is not None:
                combo = getattr(self, name)
                combo.setCurrentIndex(max(0, combo.findData(wanted[name])))
        if wanted.get("assignee") is not None:
            self.assignee.setCurrentText(wanted["assignee"])

    def changes(self) -> dict:
        chosen = {
            "severity": self.severity.currentData(),
            "assignee": self.assignee.currentText().strip(),
            "status": self.status.currentData(),
        }
        old = {
            "severity": self.ticket.severity.value,
            "assignee": self.ticket.assignee,
            "status": self.ticket.status.value,
        }
        return {name: value for name, value in chosen.items() if value != old[name]}
