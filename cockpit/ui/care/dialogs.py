"""The dialogs of the reviews after go-live: a review meeting, an improvement action, a lesson learned, and
what a ticket is about. Each stays open until its write is done (``WriteDialog``): a refusal is said under
the fields, which keep what the user typed."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import LaunchData, Stage
from cockpit.domain.reviews import LessonKind, LinkKind
from cockpit.ui.widgets.date_time import from_qt, to_qt
from cockpit.ui.widgets.write_dialog import WriteDialog
from cockpit.words.labels import stage_label
from cockpit.words.reviews import lesson_kind_label, link_kind_label


def _laid_out(dialog: WriteDialog, form: QFormLayout, note: str = "") -> None:
    dialog.setMinimumWidth(480)
    layout = QVBoxLayout(dialog)
    if note:
        said = QLabel(note)
        said.setWordWrap(True)
        said.setProperty("role", "muted")
        layout.addWidget(said)
    layout.addLayout(form)
    layout.addWidget(dialog.problem)
    layout.addWidget(dialog.buttons)


class ReviewDialog(WriteDialog):
    """A review meeting held now: who came and what they found; the period's figures are frozen on save."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a review meeting"))
        self.attendees = QLineEdit()
        self.attendees.setPlaceholderText(self.tr("e.g. Sato (PMO), Ito (service desk), vendor"))
        self.findings = QPlainTextEdit()
        self.findings.setPlaceholderText(self.tr("What the figures showed, and what the team decided"))
        form = QFormLayout()
        form.addRow(self.tr("Attendees"), self.attendees)
        form.addRow(self.tr("Findings"), self.findings)
        note = self.tr(
            "The period's figures (tickets by kind and severity, SLA attainment) are worked out and kept as they "
            "are when you save: from the last meeting, else go-live, to now."
        )
        _laid_out(self, form, note)

    def accept(self) -> None:
        self.wait_for_write()
        self.submitted.emit({"attendees": self.attendees.text(), "findings": self.findings.toPlainText()})


class ActionDialog(WriteDialog):
    """An improvement action: what, who, by when, and the meeting it came from."""

    submitted = Signal(dict)

    def __init__(self, data: LaunchData, zone_now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an improvement action"))
        self.title = QLineEdit()
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(["", *(p.name for p in data.people)])
        self.has_due = QCheckBox(self.tr("Due"))
        self.has_due.setChecked(True)
        # A week is the usual span between a hypercare review and the one that checks the action.
        self.due = QDateTimeEdit(to_qt((zone_now + timedelta(days=7)).replace(hour=18, minute=0)))
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due.setCalendarPopup(True)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.review = QComboBox()
        self.review.addItem(self.tr("No meeting"), None)
        for review in reversed(data.reviews):
            when = review.held_at.astimezone(data.launch.zone).strftime("%Y-%m-%d %H:%M")
            self.review.addItem(self.tr("Review #{id}, {when}").format(id=review.id, when=when), review.id)
        form = QFormLayout()
        form.addRow(self.tr("Improvement action"), self.title)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.has_due, self.due)
        form.addRow(self.tr("From the review"), self.review)
        _laid_out(self, form)

    def accept(self) -> None:
        if not self.title.text().strip():
            self.show_problem(self.tr("Say what the action is."))
            return
        self.wait_for_write()
        due = from_qt(self.due.dateTime()).isoformat(timespec="minutes") if self.has_due.isChecked() else None
        self.submitted.emit(
            {
                "title": self.title.text(),
                "owner": self.owner.currentText(),
                "due": due,
                "review_id": self.review.currentData(),
            }
        )


class LessonDialog(WriteDialog):
    submitted = Signal(dict)

    def __init__(self, current: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a lesson learned"))
        self.phase = QComboBox()
        for stage in Stage:
            self.phase.addItem(stage_label(stage), stage.value)
        self.phase.setCurrentIndex(list(Stage).index(current))
        self.kind = QComboBox()
        for kind in LessonKind:
            self.kind.addItem(lesson_kind_label(kind), kind.value)
        self.text = QPlainTextEdit()
        form = QFormLayout()
        form.addRow(self.tr("Phase"), self.phase)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Lesson"), self.text)
        _laid_out(self, form)

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.show_problem(self.tr("Write the lesson."))
            return
        self.wait_for_write()
        self.submitted.emit(
            {
                "phase": self.phase.currentData(),
                "kind": self.kind.currentData(),
                "text": self.text.toPlainText(),
            }
        )


class LinkDialog(WriteDialog):
    """What a ticket is about: a runbook step, a risk, or a failing test by name."""

    submitted = Signal(dict)

    def __init__(self, data: LaunchData, ticket_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link ticket #{id}").format(id=ticket_id))
        self.kind = QComboBox()
        for kind in LinkKind:
            self.kind.addItem(link_kind_label(kind), kind.value)
        self.step = QComboBox()
        for step in data.steps:
            self.step.addItem(f"{step.seq}. {step.title}", step.id)
        self.risk = QComboBox()
        for risk in data.risks:
            self.risk.addItem(f"#{risk.id} {risk.title}", risk.id)
        self.test = QLineEdit()
        self.test.setPlaceholderText(self.tr("classname.name, as the results show it"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("About"), self.kind)
        self.form.addRow(link_kind_label(LinkKind.STEP), self.step)
        self.form.addRow(link_kind_label(LinkKind.RISK), self.risk)
        self.form.addRow(link_kind_label(LinkKind.TEST), self.test)
        self.kind.currentIndexChanged.connect(self._show_target)
        _laid_out(self, self.form)
        self._show_target()

    def _show_target(self) -> None:
        chosen = self.kind.currentData()
        for kind, widget in (
            (LinkKind.STEP, self.step),
            (LinkKind.RISK, self.risk),
            (LinkKind.TEST, self.test),
        ):
            self.form.setRowVisible(widget, kind.value == chosen)

    def accept(self) -> None:
        chosen = LinkKind(self.kind.currentData())
        values: dict[str, object] = {}
        if chosen is LinkKind.STEP:
            values["step"] = self.step.currentData()
        elif chosen is LinkKind.RISK:
            values["risk"] = self.risk.currentData()
        else:
            values["test"] = self.test.text()
        if values.get(chosen.value) in (None, ""):
            self.show_problem(self.tr("Choose what the ticket is about."))
            return
        self.wait_for_write()
        self.submitted.emit(values)
