"""A dialog whose write goes through the session and may be refused (a teammate changed the row meanwhile,
the file is locked): it stays open until the write is done, so a refusal is said under the fields, which keep
what the user typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget


class WriteDialog(QDialog):
    """The problem line and the OK/Cancel buttons; each dialog lays them out under its fields.

    On OK a dialog checks what it can, then ``wait_for_write()`` and emits what to write; the caller answers
    with ``written()`` (the dialog closes) or ``show_problem()`` (it stays, OK usable again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setStyleSheet("color: #B34700;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def wait_for_write(self) -> None:
        """OK stays disabled while the write is on its way: one click, one write."""
        self.problem.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def show_problem(self, message: str) -> None:
        """Say why nothing was written; the fields keep what the user typed."""
        self.problem.setText(message)
        self.problem.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def written(self) -> None:
        super().accept()
