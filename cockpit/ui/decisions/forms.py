"""The forms of the Decisions dialog: open a round, give a verdict, record the decision, mark a condition met.

Each is a plain form; its OK hands its values to the Decisions dialog, which writes them through the session
(a refusal is said in the dialog and the window's message bar, and the form can be filled again).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import Person
from cockpit.domain.rounds import Condition
from cockpit.services.rounds import ConditionInput
from cockpit.ui.widgets.date_time import from_qt, to_qt
from cockpit.words.rounds import round_decision_label, verdict_label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _comment_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(70)
    return box


class OpenRoundForm(QDialog):
    """Chair, attendees and when: opening freezes the evidence of this moment."""

    def __init__(
        self, people: Sequence[Person], *, number: int, now: datetime, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open go/no-go meeting {number}").format(number=number))
        self.title = QLineEdit()
        self.title.setObjectName("roundTitle")
        self.title.setPlaceholderText(self.tr("Go/no-go meeting {number}").format(number=number))
        self.chair = QComboBox()
        self.chair.setObjectName("roundChair")
        self.attendees = QListWidget()
        self.attendees.setObjectName("roundAttendees")
        for person in people:
            key = person.login or person.name
            self.chair.addItem(f"{person.name} ({person.role})" if person.role else person.name, key)
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        self.held_at = QDateTimeEdit(to_qt(now))
        self.held_at.setCalendarPopup(True)
        self.held_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Chair"), self.chair)
        form.addRow(self.tr("Attendees"), self.attendees)
        form.addRow(self.tr("Held at"), self.held_at)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.buttons = _buttons(self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(people))
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        attendees = [
            self.attendees.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            "chair": self.chair.currentData() or "",
            "attendees": attendees,
            "held_at": from_qt(self.held_at.dateTime()),
            "title": self.title.text().strip(),
        }


class SignForm(QDialog):
    """A verdict with its comment; a conditional go lists its conditions (what, who, due)."""

    VERDICTS = ("go", "conditional", "no_go")

    def __init__(self, *, person: str, now: datetime, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Verdict of {person}").format(person=person))
        self.verdict = QComboBox()
        self.verdict.setObjectName("verdict")
        for value, stored in zip(self.VERDICTS, ("go", "conditional_go", "no_go"), strict=True):
            self.verdict.addItem(verdict_label(stored), value)
        self.comment = _comment_box()
        self.conditions = QTableWidget(0, 3)
        self.conditions.setObjectName("conditions")
        self.conditions.setHorizontalHeaderLabels([self.tr("Condition"), self.tr("Owner"), self.tr("Due")])
        self.conditions.horizontalHeader().setStretchLastSection(True)
        self._now = now
        self.add_condition_button = QPushButton(self.tr("Add a condition"))
        self.add_condition_button.clicked.connect(lambda: self.add_condition())
        form = QFormLayout()
        form.addRow(self.tr("Verdict"), self.verdict)
        form.addRow(self.tr("Comment"), self.comment)
        form.addRow(self.tr("Conditions"), self.conditions)
        form.addRow("", self.add_condition_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))
        self.resize(640, 380)

    def add_condition(self, text: str = "", owner: str = "", due: datetime | None = None) -> None:
        row = self.conditions.rowCount()
        self.conditions.insertRow(row)
        self.conditions.setItem(row, 0, QTableWidgetItem(text))
        self.conditions.setItem(row, 1, QTableWidgetItem(owner))
        due_edit = QDateTimeEdit(to_qt(due or self._now))
        due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        due_edit.setCalendarPopup(True)
        self.conditions.setCellWidget(row, 2, due_edit)

    def values(self) -> dict[str, Any]:
        conditions = []
        for row in range(self.conditions.rowCount()):
            text_item, owner_item = self.conditions.item(row, 0), self.conditions.item(row, 1)
            due_edit = self.conditions.cellWidget(row, 2)
            text = text_item.text().strip() if text_item else ""
            if text:
                due = from_qt(due_edit.dateTime()) if isinstance(due_edit, QDateTimeEdit) else None
                conditions.append(
                    ConditionInput(text, owner=owner_item.text() if owner_item else "", due=due)
                )
        return {
            "verdict": self.verdict.currentData(),
            "comment": self.comment.toPlainText().strip(),
            "conditions": conditions,
        }


class DecideForm(QDialog):
    """The round's decision, which closes it for good."""

    DECISIONS = ("go", "conditional", "no_go", "postponed")

    def __init__(self, *, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decision of {title}").format(title=title))
        self.decision = QComboBox()
        self.decision.setObjectName("decision")
        for value, stored in zip(self.DECISIONS, ("go", "conditional_go", "no_go", "postponed"), strict=True):
            self.decision.addItem(round_decision_label(stored), value)
        self.comment = _comment_box()
        form = QFormLayout()
        form.addRow(self.tr("Decision"), self.decision)
        form.addRow(self.tr("Comment"), self.comment)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            _note(
                self.tr(
                    "The decision closes the round: it cannot be changed afterwards, only followed by a new one."
                )
            )
        )
        layout.addWidget(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {"decision": self.decision.currentData(), "comment": self.comment.toPlainText().strip()}


class ConditionMetForm(QDialog):
    def __init__(self, condition: Condition, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Condition met: {text}").format(text=condition.text))
        self.evidence = _comment_box()
        self.evidence.setObjectName("conditionEvidence")
        form = QFormLayout()
        form.addRow(self.tr("Evidence"), self.evidence)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {"evidence": self.evidence.toPlainText().strip()}


def _note(text: str) -> QWidget:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
