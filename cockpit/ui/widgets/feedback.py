"""How the window talks back: a message bar that keeps a failed edit for a retry, and the conflict dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import Person
from cockpit.errors import Conflict
from cockpit.store.history import Revision, row_before
from cockpit.ui.session.launch_session import Problem
from cockpit.ui.session.undo import PendingEdit
from cockpit.ui.words.launch import moment_text, person_text
from cockpit.words.rows import field_label, field_order, row_name, value_text

_HIDDEN_FIELDS = frozenset({"version", "updated_by", "updated_at", "expect_version"})
CLASH_SYMBOL = "⚠"  # a field both of us changed: the one choice that loses someone's value


class MessageBar(QFrame):
    """A strip above the panes; it stays until dismissed, so a message cannot be missed on a busy day."""

    retry_requested = Signal(object)  # PendingEdit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._pending: PendingEdit | None = None
        self.icon = QLabel("⚠")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Retry"))
        self.retry_button.clicked.connect(self._retry)
        self._action: Callable[[], None] | None = None
        self.action_button = QPushButton()
        self.action_button.clicked.connect(self._run_action)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    @property
    def pending(self) -> PendingEdit | None:
        return self._pending

    def show_problem(self, problem: Problem) -> None:
        self._pending = problem.pending
        message = problem.message
        if problem.pending is not None:
            message += " " + self.tr("Your change “{what}” is kept: press Retry to try again.").format(
                what=problem.pending.text
            )
        self.text.setText(message)
        self.retry_button.setVisible(problem.pending is not None)
        self._action = problem.action
        self.action_button.setText(problem.action_text)
        self.action_button.setVisible(problem.action is not None)
        self.show()

    def dismiss(self) -> None:
        self._pending = None
        self._action = None
        self.hide()

    def _run_action(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def _retry(self) -> None:
        pending, self._pending = self._pending, None
        self.hide()
        if pending is not None:
            self.retry_requested.emit(pending)


@dataclass(frozen=True, slots=True)
class FieldLine:
    """One field of a conflict in words: as I started from it, theirs now (by whom), and mine."""

    column: str
    label: str
    before: str
    theirs: str  # '' when they left it as it was
    by: str  # who changed it and when, '' when nobody did
    yours: str  # '' when I left it as it was
    clash: bool  # both of us changed it


def conflict_lines(
    pending: PendingEdit, conflict: Conflict, *, zone: tzinfo, people: tuple[Person, ...]
) -> list[FieldLine]:
    """Every field they changed since my edit's version (from the audit trail) and every field I wanted."""
    table, theirs, history = conflict.table, conflict.theirs, conflict.history
    base = row_before(theirs, history) if history else {}
    changed_by: dict[str, list[Revision]] = {}
    for revision in history:
        for column in revision.fields():
            changed_by.setdefault(column, []).append(revision)
    yours = {k: v for k, v in conflict.yours.items() if k not in _HIDDEN_FIELDS}
    wanted = pending.wanted()
    if table == "checklist_items" and wanted.get("depends_on") is not None:
        yours["depends_on"] = sorted(wanted["depends_on"])

    def now_of(column: str):
        revisions = changed_by.get(column)
        return revisions[-1].new.get(column) if revisions and column not in theirs else theirs.get(column)

    def before_of(column: str):
        revisions = changed_by.get(column)
        if revisions and column not in theirs:
            return revisions[0].old.get(column)
        return base.get(column, theirs.get(column))

    lines = []
    for column in field_order(table, [*changed_by, *yours]):
        if column in _HIDDEN_FIELDS:
            continue
        revisions = changed_by.get(column, [])
        mine_given = column in yours
        if mine_given and not revisions and yours[column] == before_of(column):
            continue  # asked for what was already there, and nobody changed it: nothing to decide
        text = lambda value, c=column: value_text(table, c, value, zone)  # noqa: E731
        by = ""
        if revisions:
            names = list(dict.fromkeys(person_text(r.actor, people) for r in revisions))
            by = "{names}, {when}".format(names=", ".join(names), when=moment_text(revisions[-1].at, zone))
        lines.append(
            FieldLine(
                column=column,
                label=field_label(table, column),
                before=text(before_of(column)),
                theirs=text(now_of(column)) if revisions else "",
                by=by,
                yours=text(yours[column]) if mine_given else "",
                clash=bool(revisions) and mine_given and yours[column] != now_of(column),
            )
        )
    return lines


class ConflictDialog(QDialog):
    """What they changed and what I wanted, side by side, in the panes' words; the user decides.

    Accepted means "apply mine on top of theirs" (or, for an undo that would remove a row, "remove it
    anyway"); rejected keeps theirs, and the window then offers a way back to what I had typed.
    """

    def __init__(
        self,
        pending: PendingEdit,
        conflict: Conflict,
        parent: QWidget | None = None,
        *,
        zone: tzinfo = UTC,
        people: tuple[Person, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.pending, self.conflict = pending, conflict
        self.zone, self.people = zone, people
        self.removing = conflict.action == "delete"
        self.setWindowTitle(self.tr("Someone changed this while you were editing"))
        self.lines = conflict_lines(pending, conflict, zone=zone, people=people)

        self.intro = QLabel(self._intro_text())
        self.intro.setWordWrap(True)
        self.intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        started = self.tr("When you added it") if self.removing else self.tr("When you started")
        headers = [self.tr("Field"), started, self.tr("Theirs (in the file)")]
        headers.append(self.tr("Changed by"))
        if not self.removing:
            headers.append(self.tr("Yours"))
        self.table = QTableWidget(len(self.lines), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        unchanged = self.tr("(unchanged)")
        for row, line in enumerate(self.lines):
            label = f"{CLASH_SYMBOL} {line.label}" if line.clash else line.label
            cells = [label, line.before, line.theirs or unchanged, line.by]
            if not self.removing:
                cells.append(line.yours or self.tr("(not changed by you)"))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(value)
                if column in (2, 4) and value in (unchanged, self.tr("(not changed by you)")):
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the choice is the buttons'; nothing here to edit
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.note = QLabel(self._note_text())
        self.note.setWordWrap(True)
        self.note.setProperty("role", "muted")

        buttons = QDialogButtonBox()
        keep, apply = (
            (self.tr("Keep it"), self.tr("Remove it anyway"))
            if self.removing
            else (self.tr("Keep theirs"), self.tr("Apply mine on top"))
        )
        self.keep_button = buttons.addButton(keep, QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button = buttons.addButton(apply, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Enter takes the choice that loses nothing: where both changed a field, that is keeping theirs.
        clash = any(line.clash for line in self.lines)
        (self.keep_button if clash else self.apply_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(860, 300)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_table()

    def _fit_table(self) -> None:
        """Rows as tall as their wrapped text, and the table no taller than its rows (up to a screenful)."""
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        height = self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth() + 2
        self.table.setFixedHeight(min(height, 420))

    # -- words ----------------------------------------------------------------------------------------------------

    def what(self) -> str:
        """The user's edit as Edit ▸ Undo names it; an undo says so."""
        text = self.pending.text
        if self.pending.command is not None:
            return self.tr("your undo of “{what}”").format(what=text)
        return self.tr("your change “{what}”").format(what=text)

    def who(self) -> str:
        history = self.conflict.history
        actors = [r.actor for r in history] or [self.conflict.theirs.get("updated_by") or ""]
        names = list(dict.fromkeys(person_text(actor, self.people) for actor in actors))
        return self.tr(" and ").join(names)

    def when(self) -> str:
        history = self.conflict.history
        moment = history[-1].at if history else self.conflict.theirs.get("updated_at")
        return moment_text(moment, self.zone) or "?"

    def _intro_text(self) -> str:
        row = row_name(self.conflict.table, self.conflict.theirs)
        values = {"what": self.what(), "row": row, "who": self.who(), "when": self.when()}
        if self.removing:
            return self.tr(
                "Undo would remove {row}, which you added, but {who} changed it since (last at {when}). "
                "Keep it with their changes, or remove it anyway."
            ).format(**values)
        return self.tr(
            "Nothing was written of {what}: {who} changed {row} at {when}, after the version your edit "
            "started from. Keep their version, or apply yours on top of it."
        ).format(**values)

    def _note_text(self) -> str:
        if self.removing:
            return self.tr(
                "Removing it takes their changes out of the file with it (the audit trail keeps them)."
            )
        mine = [line.label for line in self.lines if line.yours]
        clashes = [line.label for line in self.lines if line.clash]
        text = self.tr(
            "“Apply mine on top” writes only the fields you changed ({fields}); their other changes stay."
        )
        text = text.format(fields=", ".join(mine) or self.tr("none"))
        if clashes:
            text += " " + self.tr("{symbol} You both changed {fields}: yours would replace theirs.").format(
                symbol=CLASH_SYMBOL, fields=", ".join(clashes)
            )
        return text

    def kept_theirs(self, *, apply_again: Callable[[], None]) -> Problem:
        """The message after "Keep theirs": nothing of mine was written, and how to get it back."""
        row = row_name(self.conflict.table, self.conflict.theirs)
        if self.removing:
            message = self.tr("{row} stays, with the changes {who} made.").format(row=row, who=self.who())
            return Problem(message=message, action_text=self.tr("Remove it after all"), action=apply_again)
        message = self.tr("Kept {row} as {who} left it; nothing was written of {what}.").format(
            row=row, who=self.who(), what=self.what()
        )
        reopen = self.pending.reopen
        if reopen is not None and self.pending.command is None:
            wanted = self.pending.wanted()
            message += " " + self.tr(
                "What you had typed is not lost: “Edit mine again…” opens it on their version."
            )
            return Problem(
                message=message, action_text=self.tr("Edit mine again…"), action=lambda: reopen(wanted)
            )
        return Problem(message=message, action_text=self.tr("Apply mine after all"), action=apply_again)
