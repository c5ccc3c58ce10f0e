"""What the Launch menu's People…, Sign-off roster… and Go/no-go criteria… dialogs share: a table of the
launch's rows of one kind that follows the file, Add / Edit / Remove, and the problems of their edits.

Every write goes through ``session.edit`` (the one route to the file): the panes refresh from the same
change, the edit lands on Edit ▸ Undo where it can, and a conflict goes to the window's conflict dialog.
A refused edit is shown here as well as in the window's message bar, since this dialog covers the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.ui.session.launch_session import LaunchSession, Problem
from cockpit.ui.widgets.column_fit import fit_columns
from cockpit.ui.widgets.row_model import Column, RowRole, RowTableModel, make_table
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OVERDUE


class ManageDialog(QDialog):
    """A table of one kind of row with Add / Edit / Remove; subclasses say which rows and what each button does."""

    def __init__(
        self,
        *,
        session: LaunchSession,
        columns: Sequence[Column[Any]],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.form: QDialog | None = None  # the add or edit form open over this dialog, for tests
        self.intro = QLabel()  # what the list is for, set by the subclass with its title
        self.intro.setWordWrap(True)
        self.model: RowTableModel[Any] = RowTableModel(columns=columns, key=lambda row: row.id, parent=self)
        self.view = make_table(self.model, stretch_column=stretch_column)
        self._stretch_column = stretch_column
        # In the file's order, as the Overview lists them: a short list the team reads top to bottom.
        self.view.setSortingEnabled(False)
        self.model.sort(-1)
        self.view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.error = QLabel()
        self.error.setObjectName("manageError")
        self.error.setStyleSheet(f"color: {OVERDUE};")
        self.error.setWordWrap(True)
        self.error.hide()

        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(760, 400)

        session.data_loaded.connect(self._on_data)
        session.problem.connect(self._on_problem)
        session.edit_done.connect(self._on_edit_done)  # bound methods: Qt disconnects them with the dialog
        if session.data is not None:
            self._fill(session.data)
        self._update_buttons()

    # -- what subclasses say ------------------------------------------------------------------------------------------

    def rows_of(self, data: LaunchData) -> Sequence[Any]:
        raise NotImplementedError

    def add(self) -> QDialog | None:
        raise NotImplementedError

    def edit(self, row: Any) -> QDialog | None:
        raise NotImplementedError

    def remove(self, row: Any) -> None:
        raise NotImplementedError

    def removal_question(self, row: Any) -> str:
        raise NotImplementedError

    def can_edit(self, row: Any) -> bool:
        return True

    # -- the table ------------------------------------------------------------------------------------------------

    def _on_data(self, data: LaunchData, _changes: Changes | None) -> None:
        # A handful of rows: set_rows patches only those that moved, so every refresh may refill.
        self._fill(data)

    def _fill(self, data: LaunchData) -> None:
        self.model.set_rows(self.rows_of(data))
        self._fit_columns()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Every column but the stretching one as wide as its words (a criterion's kind was cut off)."""
        model = self.model
        texts = {
            column: [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
            for column in range(model.columnCount())
            if column != self._stretch_column
        }
        fit_columns(self.view, self.view.horizontalHeader(), texts)

    def selected(self) -> Any | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RowRole.ROW) if rows else None

    def select_row(self, row_id: int) -> None:
        position = self.model.row_of_key(row_id)
        if position >= 0:
            self.view.selectRow(position)

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        row = self.selected()
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and row is not None and self.can_edit(row))
        self.remove_button.setEnabled(writable and row is not None)

    def _on_edit_done(self, _edit: object) -> None:
        self.error.hide()

    def _on_problem(self, problem: Problem) -> None:
        if self.isVisible():
            self.error.setText(f"{NOT_OK_SYMBOL} {problem.message}")
            self.error.show()

    # -- the buttons ------------------------------------------------------------------------------------------------

    def edit_selected(self) -> QDialog | None:
        row = self.selected()
        if row is None or self.session.read_only or not self.can_edit(row):
            return None
        return self.edit(row)

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None or self.session.read_only:
            return
        answer = QMessageBox.question(self, self.windowTitle(), self.removal_question(row))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(row)

    def show_form(self, form: QDialog) -> QDialog:
        self.error.hide()
        form.finished.connect(form.deleteLater)
        self.form = form
        form.open()
        return form

    def show_add_form(
        self,
        form: QDialog,
        values: Callable[[], dict[str, Any]],
        add: Callable[..., Any],
        text: Callable[[], str],
    ) -> QDialog:
        """``form`` open; its OK adds the row it holds (``add(**values())``), which Edit ▸ Undo removes."""
        form.accepted.connect(lambda: self.session.edit(add, text=text(), undo_add=True, **values()))
        return self.show_form(form)
