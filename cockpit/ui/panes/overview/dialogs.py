"""The sign-off dialog: my decision and my comment (required for a conditional go or a no-go)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from cockpit.domain.gate import Decision, SignOff
from cockpit.words.labels import decision_label
from cockpit.words.rows import field_label

NEEDS_COMMENT = frozenset({Decision.CONDITIONAL_GO, Decision.NO_GO})


class SignOffDialog(QDialog):
    """``meeting``: the title of the go/no-go meeting in session, where the sign-off becomes a verdict."""

    def __init__(self, signoff: SignOff, parent: QWidget | None = None, *, meeting: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Sign off as {person} ({role})").format(person=signoff.person, role=signoff.role)
        )
        self.decision = QComboBox()
        for decision in (Decision.GO, Decision.CONDITIONAL_GO, Decision.NO_GO, Decision.PENDING):
            self.decision.addItem(decision_label(decision), decision.value)
        current = self.decision.findData(signoff.decision.value)
        self.decision.setCurrentIndex(max(0, current) if signoff.decision is not Decision.PENDING else 0)
        self.comment = QPlainTextEdit(signoff.comment)
        self.comment.setPlaceholderText(self.tr("Conditions and their owners, or the reason for a no-go"))
        self.comment.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #B34700;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign off"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        self.meeting_note = QLabel()
        self.meeting_note.setWordWrap(True)
        if meeting:
            # A verdict is the meeting's record: it goes into the minutes, so it is not on Edit ▸ Undo.
            self.meeting_note.setText(
                self.tr(
                    "{meeting} is in session: your decision is recorded as your verdict in it and goes into "
                    "its minutes, so Edit ▸ Undo cannot take it back. Sign off again to change it while the "
                    "meeting is open."
                ).format(meeting=meeting)
            )
            form.addRow(self.meeting_note)
        form.addRow(field_label("signoffs", "decision"), self.decision)
        form.addRow(field_label("signoffs", "comment"), self.comment)
        form.addRow(self.error)
        form.addRow(buttons)

    def chosen_decision(self) -> Decision:
        return Decision(self.decision.currentData())

    def comment_text(self) -> str:
        return self.comment.toPlainText().strip()

    def accept(self) -> None:
        if self.chosen_decision() in NEEDS_COMMENT and not self.comment_text():
            self.error.setText(
                self.tr("A conditional go or a no-go needs a comment: the conditions, or the reason.")
            )
            self.comment.setFocus()
            return
        super().accept()
