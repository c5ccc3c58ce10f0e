"""The import dialog: which result files, which test level, and (optionally) the run's name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.tests import TestLevel
from cockpit.words.labels import level_label

RESULT_FILTER = "Test results (*.xml *.trx);;All files (*)"


class ImportDialog(QDialog):
    def __init__(
        self, *, paths: Sequence[Path] = (), level: TestLevel | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import test results"))
        self.files = QListWidget()
        self.files.setMinimumWidth(460)
        self.files.setMaximumHeight(140)
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self.choose_files)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_selected)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(add)
        file_buttons.addWidget(remove)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)

        self.level = QComboBox()
        for each in TestLevel:
            self.level.addItem(level_label(each), each.value)
        if level is not None:
            self.level.setCurrentIndex(self.level.findData(level.value))
        self.run_name = QLineEdit()
        self.run_name.setPlaceholderText(self.tr("Taken from the files when left empty"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Files"), file_row)
        form.addRow(self.tr("Test level"), self.level)
        form.addRow(self.tr("Run name"), self.run_name)
        form.addRow(self.buttons)
        self.add_paths(paths)

    def add_paths(self, paths: Sequence[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if Path(path) not in known:
                self.files.addItem(str(path))
                known.add(Path(path))
        self.ok_button.setEnabled(self.files.count() > 0)

    def choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose test result files"), "", self.tr(RESULT_FILTER)
        )
        self.add_paths([Path(p) for p in chosen])

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self.ok_button.setEnabled(self.files.count() > 0)

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def chosen_level(self) -> TestLevel:
        return TestLevel(self.level.currentData())

    def chosen_run_name(self) -> str:
        return self.run_name.text().strip()

    def accept(self) -> None:
        if not self.paths():
            return
        super().accept()
