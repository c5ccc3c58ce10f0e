"""Launch ▸ Stage, for a move back or one that skips a stage: it asks why (the reason is recorded with the move).

Like the settings dialog it stays open until the write is done, so a refusal is shown under the reason,
which stays as the user typed it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cockpit.domain.launch import Stage
from cockpit.domain.refusal import Refusal
from cockpit.domain.stage import STAGE_ORDER, stage_move
from cockpit.ui.widgets.write_dialog import WriteDialog
from cockpit.words.labels import stage_label


class StageReasonDialog(WriteDialog):
    submitted = Signal(str)  # the reason

    def __init__(self, current: Stage, target: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current, self.target = current, target
        self.setWindowTitle(self.tr("Move the launch to {stage}").format(stage=stage_label(target)))
        if STAGE_ORDER.index(target) < STAGE_ORDER.index(current):
            question = self.tr("Move the launch back from {current} to {target}? Say why.")
        else:
            question = self.tr("Move the launch from {current} straight to {target}? Say why.")
        self.question = QLabel(question.format(current=stage_label(current), target=stage_label(target)))
        self.question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. Rolled back: the order import failed verification"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Move"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            reason = stage_move(self.current, self.target, self.reason.text())
        except Refusal as refusal:
            self.show_problem(str(refusal))
            return
        self.wait_for_write()
        self.submitted.emit(reason)
