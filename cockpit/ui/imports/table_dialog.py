"""File ▸ Import ▸ Table…: the mapping, a preview and the bad rows, then an import the user accepted.

The file is read and checked on a worker (``preview_table``, again after every mapping change, a
stale answer dropped), then compared with the launch through the session (``compare_with_launch``, one
short read): each row shows whether it is new, updates a row of the launch (which fields), leaves one
unchanged, or was changed in the launch since the export in the cells it changes (a conflict, listed
with the problems). The rows are written on the session's writer in one transaction. Nothing is written
until the user presses the import button, and with bad or conflicting rows only once they ticked
"leave out".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.sources import TableKind
from cockpit.domain.status import Rag
from cockpit.errors import CockpitError
from cockpit.importers.cell_values import cell_text
from cockpit.importers.columns import ColumnMapping, field_label
from cockpit.services.import_table import (
    AlreadyImported,
    ChangedSinceExport,
    ImportTableOutcome,
    TablePreview,
    compare_with_launch,
    import_table,
    preview_table,
)
from cockpit.ui.imports.mapping import MappingTable
from cockpit.ui.imports.plan_words import Look, leave_out_text, result_text, row_check, summary_text
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import Tasks
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE, RAG_LOOKS, WAITING_SYMBOL
from cockpit.words.labels import table_kind_label

PREVIEW_ROWS = 50
BAD_ROWS_SHOWN = 1000  # the count says how many more; a table of 50,000 problems helps no one
RECHECK_DELAY_MS = 150  # several quick combo changes cost one re-read of the file
_RED = f"color: {OVERDUE};"
_GREEN = f"color: {RAG_LOOKS[Rag.GREEN].colour}; font-weight: 600;"


class TableImportDialog(QDialog):
    """Modal over the window; ``outcome`` is set once the rows are in the file."""

    def __init__(
        self,
        *,
        session: LaunchSession,
        path: str | Path,
        tasks: Tasks,
        kind: TableKind = TableKind.CHECKLIST,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.path = Path(path)
        self._tasks = tasks
        self._zone = session.data.launch.timezone if session.data is not None else "UTC"
        self.preview: TablePreview | None = None
        self.outcome: ImportTableOutcome | None = None
        self._generation = 0  # answers of older checks are dropped
        self._checking = False
        self._importing = False
        self._pending_mapping: ColumnMapping | None = None
        self.setWindowTitle(self.tr("Import {name}").format(name=self.path.name))

        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        for each in TableKind:
            self.kind.addItem(table_kind_label(each), each)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.file_facts = QLabel(str(self.path))
        self.file_facts.setProperty("role", "muted")
        self.file_facts.setWordWrap(True)

        self.mapping_table = MappingTable()
        self.mapping_table.mapping_changed.connect(self._mapping_changed)
        self.missing = QLabel()
        self.missing.setObjectName("missingRequired")
        self.missing.setStyleSheet(_RED)
        self.missing.setWordWrap(True)
        self.missing.hide()
        mapping_box = QWidget()
        mapping_layout = QVBoxLayout(mapping_box)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_heading = _heading(self.tr("Columns: change what a column imports as with its list"))
        mapping_layout.addWidget(mapping_heading)
        mapping_layout.addWidget(self.mapping_table, 1)
        mapping_layout.addWidget(self.missing)

        self.rows_table = _read_only_table()
        self.rows_table.setObjectName("previewRows")
        self.bad_table = _read_only_table()
        self.bad_table.setObjectName("badRows")
        self.rows_heading = _heading(self.tr("First rows of the file, under the field each column fills"))
        self.bad_heading = _heading(self.tr("Rows with problems"))
        self.bad_heading.setObjectName("badRowsHeading")
        rows_box, bad_box = QWidget(), QWidget()
        for box, heading, table in (
            (rows_box, self.rows_heading, self.rows_table),
            (bad_box, self.bad_heading, self.bad_table),
        ):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(heading)
            box_layout.addWidget(table, 1)
        # Both in view at once: a user judging the bad rows wants to see the good ones beside them.
        checks = QSplitter(Qt.Orientation.Vertical)
        checks.addWidget(rows_box)
        checks.addWidget(bad_box)
        checks.setStretchFactor(0, 3)
        checks.setStretchFactor(1, 2)
        checks.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(mapping_box)
        splitter.addWidget(checks)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.leave_out = QCheckBox()
        self.leave_out.setObjectName("leaveOutBadRows")
        self.leave_out.toggled.connect(self._update_buttons)
        self.leave_out.hide()
        # Shown once the file was refused as imported before: the user's way to import it anyway.
        self.again = QCheckBox(
            self.tr("Import this file again anyway: its rows that match no row of the launch are added again")
        )
        self.again.setObjectName("importAgain")
        self.again.toggled.connect(self._update_buttons)
        self.again.hide()
        self.result_label = QLabel()
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("File"), self.file_facts)
        form.addRow(self.tr("Import as"), kind_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.again)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(1180, 680)

        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(lambda: self._check(self._pending_mapping))
        self._check(None)

    # -- checking the file ----------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._checking or self._importing or self._recheck_timer.isActive()

    def selected_kind(self) -> TableKind:
        return TableKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        self._recheck_timer.stop()
        self._check(None)  # another kind has other fields: start from its suggestions

    def _mapping_changed(self, mapping: ColumnMapping) -> None:
        self._pending_mapping = mapping
        self._checking = True
        self._update_buttons()
        self._recheck_timer.start()

    def _check(self, mapping: ColumnMapping | None) -> None:
        self._generation += 1
        generation = self._generation
        self._checking = True
        self.summary.setText(WAITING_SYMBOL + " " + self.tr("Reading and checking the rows…"))
        self._update_buttons()
        path, kind, zone = self.path, self.selected_kind(), self._zone
        launch_ids = self._launch_ids(kind)

        def job() -> TablePreview:
            return preview_table(path, kind=kind, tz=zone, mapping=mapping, launch_ids=launch_ids)

        self._tasks.submit(
            job,
            on_done=lambda preview: self._compare(generation, preview),
            on_error=lambda exc: self._check_failed(generation, exc),
        )

    def _launch_ids(self, kind: TableKind) -> list[int]:
        """The rows our export's "Depends on" may name without holding them: the ones the window shows."""
        data = self.session.data
        if data is None:
            return []
        if kind is TableKind.CHECKLIST:
            return [item.id for item in data.checklist]
        return [step.id for step in data.steps] if kind is TableKind.STEPS else []

    def _compare(self, generation: int, preview: TablePreview) -> None:
        """The file's own check done, the launch's rows next: through the session, which holds the file."""
        if generation != self._generation or self.outcome is not None:
            return
        self.session.run(
            lambda launch_file, _actor: compare_with_launch(launch_file, preview),
            on_done=lambda compared: self._checked(generation, compared),
            on_error=lambda exc: self._check_failed(generation, exc),
        )

    def _checked(self, generation: int, preview: TablePreview) -> None:
        if generation != self._generation or self.outcome is not None:
            return
        self._checking = False
        rebuild = self.preview is None or self.preview.kind is not preview.kind
        self.preview = preview
        if rebuild:
            self.mapping_table.show_table(preview.table, preview.mapping)
            self.file_facts.setText(self._file_facts(preview))
        self._show_missing(preview)
        self._show_rows(preview)
        self._show_bad_rows(preview)
        self._show_summary(preview)
        self._update_buttons()

    def _check_failed(self, generation: int, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        if generation != self._generation:
            return
        self._checking = False
        self.preview = None
        self.summary.clear()
        self._show_result(str(exc), ok=False)
        self._update_buttons()

    # -- showing the check ----------------------------------------------------------------------------------------

    def _file_facts(self, preview: TablePreview) -> str:
        table = preview.table
        facts = [str(self.path)]
        if table.sheet:
            facts.append(self.tr("sheet {sheet}").format(sheet=table.sheet))
        if table.encoding:
            facts.append(self.tr("encoding {encoding}").format(encoding=table.encoding))
        facts.append(self.tr("header on line {line}").format(line=table.header_line))
        return " · ".join(facts)

    def _show_missing(self, preview: TablePreview) -> None:
        labels = preview.missing_required
        self.missing.setVisible(bool(labels))
        if labels:
            self.missing.setText(
                NOT_OK_SYMBOL
                + " "
                + self.tr("Required but not mapped: {fields}. Choose the column that holds each.").format(
                    fields=", ".join(labels)
                )
            )

    def _show_rows(self, preview: TablePreview) -> None:
        mapped = preview.mapping.assignments
        bad_lines = {row.line: row.reason for row in preview.problems}
        headers = [self.tr("Line"), self.tr("Check")]
        headers += [field_label(preview.kind, name) for _column, name in mapped]
        rows = preview.table.rows[:PREVIEW_ROWS]
        table = self.rows_table
        table.clear()
        table.setColumnCount(len(headers))
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels(headers)
        for index, row in enumerate(rows):
            reason = bad_lines.get(row.line)
            if reason:
                check = QTableWidgetItem(NOT_OK_SYMBOL + " " + self.tr("problem"))
                check.setToolTip(reason)
                check.setForeground(Qt.GlobalColor.darkRed)
            else:
                check = self._row_check(preview, row.line)
            cells = [QTableWidgetItem(str(row.line)), check]
            for column, _name in mapped:
                value = row.cells[column] if column < len(row.cells) else None
                cells.append(QTableWidgetItem(cell_text(value)))
            for position, item in enumerate(cells):
                table.setItem(index, position, item)
        table.resizeColumnsToContents()
        for column in range(table.columnCount()):
            table.setColumnWidth(column, min(table.columnWidth(column), 240))

    def _row_check(self, preview: TablePreview, line: int) -> QTableWidgetItem:
        check = row_check(preview, line)
        item = QTableWidgetItem(check.text)
        item.setToolTip(check.tooltip)
        if check.look is Look.PROBLEM:
            item.setForeground(Qt.GlobalColor.darkRed)
        elif check.look is Look.QUIET:
            item.setForeground(Qt.GlobalColor.darkGray)
        return item

    def _show_bad_rows(self, preview: TablePreview) -> None:
        conflicts = preview.plan.conflicts if preview.plan is not None else ()
        listed = sorted(
            [*((b.line, b.reason) for b in preview.problems), *((c.line, c.reason) for c in conflicts)]
        )
        bad = listed[:BAD_ROWS_SHOWN]
        table = self.bad_table
        table.clear()
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Problem")])
        table.setRowCount(len(bad))
        for index, (line, reason) in enumerate(bad):
            table.setItem(index, 0, QTableWidgetItem(str(line)))
            problem = QTableWidgetItem(reason)
            problem.setToolTip(reason)  # a long one is cut at the column's edge
            table.setItem(index, 1, problem)
        table.resizeColumnToContents(0)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if listed:
            title = NOT_OK_SYMBOL + " " + self.tr("Rows with problems ({count})").format(count=len(listed))
        else:
            title = OK_SYMBOL + " " + self.tr("No row has a problem")
        self.bad_heading.setText(title)
        self.bad_heading.setStyleSheet(_RED if listed else "")
        self.bad_table.setVisible(bool(listed))

    def _show_summary(self, preview: TablePreview) -> None:
        plan = preview.plan
        bad = len(preview.problems)
        conflicts = len(plan.conflicts) if plan is not None else 0
        self.summary.setText(summary_text(preview, listed=BAD_ROWS_SHOWN))
        self.leave_out.setVisible(bool(bad + conflicts) and (plan is None or plan.writes))
        self.leave_out.setText(leave_out_text(bad=bad, conflicts=conflicts))
        if not bad and not conflicts:
            self.leave_out.setChecked(False)

    def _show_result(self, message: str, *, ok: bool) -> None:
        self.result_label.setText((OK_SYMBOL if ok else NOT_OK_SYMBOL) + " " + message)
        self.result_label.setStyleSheet(_GREEN if ok else _RED)
        self.result_label.show()

    def _update_buttons(self) -> None:
        preview = self.preview
        plan = preview.plan if preview is not None else None
        done = self.outcome is not None
        held_back = (len(preview.problems) + (len(plan.conflicts) if plan else 0)) if preview else 0
        if plan is not None and plan.matched:
            self.import_button.setText(
                self.tr("Import: add {new}, update {updated}").format(
                    new=len(plan.new), updated=len(plan.updates)
                )
            )
        elif preview is None or not held_back:
            total = preview.total if preview is not None else 0
            self.import_button.setText(self.tr("Import all {n} rows").format(n=total))
        else:
            held_by_launch = len(plan.bad) + len(plan.conflicts) if plan is not None else 0
            self.import_button.setText(
                self.tr("Import {n} good rows").format(n=len(preview.good) - held_by_launch)
            )
        allowed = (
            preview is not None
            and not done
            and not self.busy
            and not preview.missing_required
            and bool(preview.good)
            and (plan is None or plan.writes)  # a file with nothing new has nothing to import
            and (not held_back or self.leave_out.isChecked())
            and (self.again.isHidden() or self.again.isChecked())
        )
        self.import_button.setEnabled(allowed)
        self.import_button.setVisible(not done)
        for widget in (self.kind, self.mapping_table, self.leave_out, self.again):
            widget.setEnabled(not done and not self._importing)
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))

    # -- importing ------------------------------------------------------------------------------------------------

    def start_import(self) -> None:
        """Write the checked rows (the user's acceptance); the answer comes back in this dialog."""
        preview = self.preview
        if preview is None or not self.import_button.isEnabled():
            return
        accept_partial = self.leave_out.isChecked()
        again = not self.again.isHidden() and self.again.isChecked()
        self._importing = True
        self.result_label.hide()
        self._update_buttons()
        self.session.run(
            lambda launch_file, actor: import_table(
                launch_file, preview, actor=actor, accept_partial=accept_partial, again=again
            ),
            on_done=self._imported,
            on_error=self._import_failed,
        )

    def _imported(self, outcome: ImportTableOutcome) -> None:
        self._importing = False
        self.outcome = outcome
        message = result_text(outcome)
        self._show_result(message, ok=True)
        self._update_buttons()

    def _import_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        self._importing = False
        self._show_result(str(exc), ok=False)
        if isinstance(exc, AlreadyImported):
            self.again.setChecked(False)
            self.again.show()
        if isinstance(exc, ChangedSinceExport) and self.preview is not None:
            # The launch changed since the preview was compared: show what it holds now; the message stays.
            self._check(self.preview.mapping)
            return
        self._update_buttons()

    def reject(self) -> None:
        if self._importing:
            return  # the rows are being written: closing now would hide how it ended
        super().reject()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    label.setWordWrap(True)
    return label


def _read_only_table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table
