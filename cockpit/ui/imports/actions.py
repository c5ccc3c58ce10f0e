"""File ▸ Import ▸ Table… and File ▸ Export ▸ <pane>…: the window's way into the table importer and exporter.

Both reach the launch file the one way every operation does, ``session.run`` on the session's writer:
an export reads in one short transaction there and writes its workbook after, so a teammate's commit
is never held up by it; an edit made meanwhile waits its turn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from cockpit.domain.sources import TableKind
from cockpit.errors import CockpitError
from cockpit.services.export_table import ExportKind, ExportOutcome, export_table
from cockpit.ui.imports.table_dialog import TableImportDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import Tasks

# Words in a file name that say which kind of table it is, checked in this order.
_KIND_HINTS = (
    (TableKind.RISKS, ("risk", "リスク")),
    (TableKind.TICKETS, ("ticket", "incident", "jira", "issue", "障害", "問い合わせ", "問合せ")),
    (TableKind.STEPS, ("runbook", "step", "cutover", "手順", "タイムチャート")),
    (TableKind.OBJECTS, ("object", "reconcil", "移行対象", "件数")),
    (TableKind.KPI_VALUES, ("kpi", "metric", "指標")),
    (TableKind.CHECKLIST, ("checklist", "チェック")),
)


def export_label(kind: ExportKind) -> str:
    """The export's menu entry; literal calls so lupdate finds each string."""
    translate = QCoreApplication.translate
    return {
        ExportKind.CHECKLIST: translate("imports", "Checklist"),
        ExportKind.TESTS: translate("imports", "Test cases (latest run of each level)"),
        ExportKind.RUNS: translate("imports", "Test runs"),
        ExportKind.STEPS: translate("imports", "Runbook steps"),
        ExportKind.OBJECTS: translate("imports", "Migration objects"),
        ExportKind.RISKS: translate("imports", "Risks"),
        ExportKind.TICKETS: translate("imports", "Tickets"),
        ExportKind.AUDIT: translate("imports", "Audit trail"),
    }[kind]


def guess_kind(path: Path) -> TableKind:
    name = path.name.casefold()
    for kind, hints in _KIND_HINTS:
        if any(hint in name for hint in hints):
            return kind
    return TableKind.CHECKLIST


class TableTransfer(QObject):
    """The import and export actions; ``done(message, ok)`` tells the window how each export ended."""

    done = Signal(str, bool)

    def __init__(
        self,
        *,
        parent: QWidget,
        current_session: Callable[[], LaunchSession | None],
        tasks: Tasks,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self._tasks = tasks
        self.dialog: TableImportDialog | None = None
        self.import_action: QAction | None = None
        self.export_menu: QMenu | None = None

    # -- menus ----------------------------------------------------------------------------------------------------

    def add_import_action(self, menu: QMenu) -> QAction:
        action = menu.addAction(self.tr("&Table (CSV or Excel)…"))
        action.setObjectName("importTableAction")
        action.setStatusTip(
            self.tr("Import checklist items, risks, tickets, runbook steps or migration objects")
        )
        action.triggered.connect(lambda: self.choose_and_import())
        self.import_action = action
        self.update_enabled()
        return action

    def add_export_menu(self, menu: QMenu) -> QMenu:
        export_menu = menu.addMenu(self.tr("&Export"))
        export_menu.setObjectName("exportMenu")
        for kind in ExportKind:
            action = export_menu.addAction(self.tr("{what} as CSV or Excel…").format(what=export_label(kind)))
            action.setObjectName(f"export-{kind.value}")
            action.triggered.connect(lambda _=False, k=kind: self.choose_and_export(k))
        self.export_menu = export_menu
        self.update_enabled()
        return export_menu

    def update_enabled(self) -> None:
        """Import needs a writable file; export any open one."""
        session = self._current_session()
        is_open = session is not None and session.is_open
        if self.import_action is not None:
            self.import_action.setEnabled(session is not None and session.is_open and not session.read_only)
        if self.export_menu is not None:
            self.export_menu.setEnabled(is_open)

    # -- import ---------------------------------------------------------------------------------------------------

    def choose_and_import(self) -> TableImportDialog | None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import a table"),
            "",
            self.tr("Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"),
        )
        return self.import_file(Path(path)) if path else None

    def import_file(self, path: Path, *, kind: TableKind | None = None) -> TableImportDialog | None:
        """Open the mapping dialog on ``path`` (window-modal); nothing is written until the user accepts."""
        session = self._current_session()
        if session is None or session.data is None:
            self.done.emit(self.tr("Open a launch file before importing."), False)
            return None
        dialog = TableImportDialog(
            session=session, path=path, tasks=self._tasks, kind=kind or guess_kind(path), parent=self._window
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _forget(self, dialog: TableImportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # -- export ---------------------------------------------------------------------------------------------------

    def choose_and_export(self, kind: ExportKind) -> None:
        session = self._current_session()
        if session is None or session.data is None:
            return
        csv_filter, excel_filter = self.tr("CSV, UTF-8 (*.csv)"), self.tr("Excel workbook (*.xlsx)")
        suggested = str(session.path.with_name(f"{session.path.stem}-{kind.value}.csv"))
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export {what}").format(what=export_label(kind)),
            suggested,
            f"{csv_filter};;{excel_filter}",
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            target = target.with_name(target.name + (".xlsx" if chosen == excel_filter else ".csv"))
        self.export(kind, target)

    def export(self, kind: ExportKind, path: Path) -> None:
        """Write ``kind`` to ``path`` on the worker; ``done`` carries the message either way."""
        session = self._current_session()
        if session is None:
            return

        def exporting(launch_file, _actor: str) -> ExportOutcome:
            return export_table(launch_file, kind=kind, path=path)

        def finished(outcome: ExportOutcome) -> None:
            message = self.tr("Exported {n} rows of {what} to {path}.").format(
                n=outcome.rows, what=export_label(kind), path=outcome.path
            )
            self.done.emit(message, True)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, CockpitError):
                raise exc
            self.done.emit(self.tr("The export failed: {error}").format(error=exc), False)

        session.run(exporting, on_done=finished, on_error=failed)
