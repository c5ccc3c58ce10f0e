"""View ▸ Review notes: the lead's notes on rows and on the launch; a note on the launch is added here,
one on a row from the row's context menu. On a snapshot they go to its notes file (see services)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.review_notes import ReviewNote
from cockpit.errors import CockpitError
from cockpit.services.review_notes import NoteAdded, add_note, list_notes, note_subject
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.words.moments import table_moment_text


class NotesDialog(QDialog):
    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewNotes")
        self.session = session
        self.setWindowTitle(self.tr("Review notes"))
        self.resize(860, 460)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Written by"), self.tr("On"), self.tr("Note")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("A note on the launch as a whole"))
        add = QPushButton(self.tr("Add note"))
        add.clicked.connect(self.add_launch_note)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #B34700;")
        self.problem.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.notes: tuple[ReviewNote, ...] = ()
        self.reload()

    def reload(self) -> None:
        self.session.run_quietly(lambda lf, _actor: list_notes(lf), on_done=self._show, on_error=self._failed)

    def _show(self, notes: tuple[ReviewNote, ...]) -> None:
        self.notes = notes
        zone = self.session.data.launch.zone if self.session.data is not None else None
        self.table.setRowCount(len(notes))
        for row, note in enumerate(notes):
            texts = [table_moment_text(note.written_at, zone), note.author, note_subject(note), note.text]
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def add_launch_note(self) -> None:
        text, now = self.text.text(), self.session.now()
        self.session.run(
            lambda lf, actor: add_note(lf, actor=actor, text=text, now=now),
            on_done=self._added,
            on_error=self._failed,
        )

    def _added(self, added: NoteAdded) -> None:
        self.text.clear()
        self.problem.setText(
            self.tr("This is a snapshot: the note went into {file}; send it to the team to import.").format(
                file=added.notes_file
            )
            if added.notes_file is not None
            else ""
        )
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self.problem.setText(str(exc))
