"""File ▸ Export PDF…, Print… and Print preview…: the status report, built in a process of its own.

The window's process never imports matplotlib (``tests/ui/test_first_paint.py`` holds that), and a report
is seconds of it. So ``python -m cockpit.report.worker`` builds the report in a ``QProcess``: it writes the
PDF itself, or one SVG per page, which is painted here onto the printer with ``QSvgRenderer`` so that
paper gets vector graphics too. Print, preview and PDF are the same pages from the same layout.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressBar, QStatusBar, QWidget

from cockpit import i18n
from cockpit.ui.report.printing import PrintFailed, default_page_size, paint_pages, paper_for
from cockpit.ui.session.launch_session import LaunchSession

WORKER = "cockpit.report.worker"


class ReportActions(QObject):
    """The report's three actions; ``done(message, ok)`` says how each ended, like the table exports."""

    done = Signal(str, bool)

    def __init__(
        self,
        *,
        parent: QWidget,
        current_session: Callable[[], LaunchSession | None],
        status_bar: QStatusBar,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self._status_bar = status_bar
        self._process: QProcess | None = None
        self._result: dict | None = None
        self._on_result: Callable[[dict], None] | None = None
        self._folder: Path | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.preview_pages: list[Path] = []  # the SVG pages the open preview paints
        # The dialog does not own its printer (a QPrinter is no QObject, so it cannot be its child): dropped by
        # Python, the QPrinter was freed under the dialog, whose next paint crashed the window (QPicture::play
        # under a real X server). Each open preview's printer is kept here until that dialog is destroyed.
        self._preview_printers: dict[int, QPrinter] = {}
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status_bar.addPermanentWidget(self.progress)
        self.export_action: QAction | None = None
        self.closing_action: QAction | None = None
        self.print_action: QAction | None = None
        self.preview_action: QAction | None = None
        # Tests hand in their own printer and skip the dialog; the window asks the user.
        self.make_printer: Callable[[], QPrinter] = self._new_printer
        self.confirm_print: Callable[[QPrinter], bool] = self._ask_printer

    # -- menus ----------------------------------------------------------------------------------------------------

    def add_actions(self, menu: QMenu) -> None:
        self.export_action = menu.addAction(self.tr("&Export PDF…"))
        self.export_action.setObjectName("exportPdfAction")
        self.export_action.setStatusTip(self.tr("Save the status report as a PDF file"))
        self.export_action.triggered.connect(lambda: self.choose_and_export())
        self.closing_action = menu.addAction(self.tr("Export &closing report…"))
        self.closing_action.setObjectName("exportClosingReportAction")
        self.closing_action.setStatusTip(
            self.tr("Save the closing report as a PDF file: the launch from plan to close, after hypercare")
        )
        self.closing_action.triggered.connect(lambda: self.choose_and_export(kind="closing"))
        self.print_action = menu.addAction(self.tr("&Print…"))
        self.print_action.setObjectName("printAction")
        self.print_action.setStatusTip(self.tr("Print the status report"))
        self.print_action.triggered.connect(lambda: self.print_report())
        self.preview_action = menu.addAction(self.tr("Print pre&view…"))
        self.preview_action.setObjectName("printPreviewAction")
        self.preview_action.setStatusTip(self.tr("See the status report's pages before printing them"))
        self.preview_action.triggered.connect(lambda: self.preview())
        self.update_enabled()

    def update_enabled(self) -> None:
        """Any open file can be reported on (read-only too); one report at a time."""
        session = self._current_session()
        enabled = session is not None and session.is_open and not self.busy
        for action in (self.export_action, self.closing_action, self.print_action, self.preview_action):
            if action is not None:
                action.setEnabled(enabled)

    @property
    def busy(self) -> bool:
        return self._process is not None

    # -- the three ways out ---------------------------------------------------------------------------------------

    def choose_and_export(self, *, kind: str = "status") -> None:
        session = self._current_session()
        if session is None or self.busy:
            return
        closing = kind == "closing"
        suggested = session.path.with_name(f"{session.path.stem}-{'closing' if closing else 'report'}.pdf")
        title = self.tr("Export the closing report") if closing else self.tr("Export the status report")
        path, _ = QFileDialog.getSaveFileName(
            self._window, title, str(suggested), self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.export_pdf(target, kind=kind)

    def export_pdf(self, path: Path, *, paper: str | None = None, kind: str = "status") -> None:
        """Build the report (``kind``: status or closing) and write it to ``path``; ``done`` says how it went."""

        def finished(result: dict) -> None:
            said = (
                self.tr("Exported the closing report ({n} pages) to {path}.")
                if kind == "closing"
                else self.tr("Exported the status report ({n} pages) to {path}.")
            )
            self.done.emit(said.format(n=result["pages"], path=result["path"]), True)

        paper = paper or paper_for(default_page_size())
        self._run(["--pdf", str(path), "--paper", paper, "--kind", kind], finished)

    def print_report(self) -> None:
        if self.busy or self._current_session() is None:
            return
        printer = self.make_printer()
        if self.confirm_print(printer):
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Build the report for ``printer``'s paper and print every page on it."""

        def finished(result: dict) -> None:
            try:
                count = paint_pages(printer, [Path(p) for p in result["svgs"]])
            except PrintFailed as exc:
                self.done.emit(self.tr("Printing failed: {error}").format(error=exc), False)
                return
            self.done.emit(self.tr("Printed the status report ({n} pages).").format(n=count), True)

        self._run_for_pages(paper_for(printer.pageLayout().pageSize()), finished)

    def preview(self) -> None:
        """Build the pages, then show them in Qt's print preview (from which the user may print)."""
        if self.busy or self._current_session() is None:
            return
        printer = self.make_printer()

        def finished(result: dict) -> None:
            pages = [Path(p) for p in result["svgs"]]
            folder = self._keep_folder()
            dialog = QPrintPreviewDialog(printer, self._window)
            dialog.setWindowTitle(self.tr("Print preview: status report"))
            dialog.paintRequested.connect(lambda target: self._paint_preview(target, pages))
            dialog.finished.connect(lambda _result: self._forget_preview(dialog, folder))
            self.preview_dialog, self.preview_pages = dialog, pages
            self._keep_printer_while(dialog, printer)
            dialog.open()
            self.done.emit(self.tr("The print preview shows {n} pages.").format(n=len(pages)), True)

        self._run_for_pages(paper_for(printer.pageLayout().pageSize()), finished)

    def _keep_printer_while(self, dialog: QPrintPreviewDialog, printer: QPrinter) -> None:
        key = id(dialog)
        self._preview_printers[key] = printer
        # Bound to self, not to the dialog: the slot must not hold the dialog's wrapper alive.
        dialog.destroyed.connect(lambda *_: self._preview_printers.pop(key, None))

    def _paint_preview(self, printer: QPrinter, pages: list[Path]) -> None:
        try:
            paint_pages(printer, pages)
        except PrintFailed as exc:
            self.done.emit(self.tr("Printing failed: {error}").format(error=exc), False)

    def _forget_preview(self, dialog: QPrintPreviewDialog, folder: Path | None) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog, self.preview_pages = None, []
        dialog.deleteLater()  # its printer goes once the dialog is destroyed
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _new_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(default_page_size())
        session = self._current_session()
        if session is not None:
            printer.setDocName(session.path.stem)
        return printer

    def _ask_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Print the status report"))
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    # -- the worker process ---------------------------------------------------------------------------------------

    def _run_for_pages(self, paper: str, on_result: Callable[[dict], None]) -> None:
        folder = Path(tempfile.mkdtemp(prefix="cockpit-report-"))
        self._folder = folder
        self._run(["--svg-dir", str(folder), "--paper", paper], on_result)

    def _keep_folder(self) -> Path | None:
        """The pages stay for the preview's lifetime: it repaints them whenever its view changes."""
        folder, self._folder = self._folder, None
        return folder

    def _run(self, args: list[str], on_result: Callable[[dict], None]) -> None:
        session = self._current_session()
        if session is None or self.busy:
            return
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(["-m", WORKER, str(session.path), *args, "--lang", i18n.language()])
        process.readyReadStandardOutput.connect(self._read)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._start_failed)
        self._process, self._result, self._on_result = process, None, on_result
        self.progress.setRange(0, 0)  # busy until the pages are counted
        self.progress.show()
        self._status_bar.showMessage(self.tr("Building the status report…"))
        self.update_enabled()
        process.start()

    def _read(self) -> None:
        process = self._process
        if process is None:
            return
        while process.canReadLine():
            line = bytes(process.readLine().data()).decode("utf-8", errors="replace").strip()
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not ours (a library's stray print): the final line says how it went
            if "progress" in message:
                self._status_bar.showMessage(message["progress"])
            elif "page" in message:
                self.progress.setRange(0, int(message["of"]))
                self.progress.setValue(int(message["page"]))
                self._status_bar.showMessage(
                    self.tr("Writing page {n} of {count}…").format(n=message["page"], count=message["of"])
                )
            elif "ok" in message:
                self._result = message

    def _finished(self, exit_code: int, exit_status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        self._read()
        errors = bytes(process.readAllStandardError().data()).decode("utf-8", errors="replace").strip()
        result, on_result = self._result, self._on_result
        self._reset()
        if result is not None and result.get("ok"):
            assert on_result is not None
            on_result(result)
        elif result is not None:
            self.done.emit(self.tr("The report failed: {error}").format(error=result.get("error")), False)
        else:
            why = errors.splitlines()[-1] if errors else self.tr("exit code {code}").format(code=exit_code)
            self.done.emit(self.tr("The report process stopped unexpectedly: {why}").format(why=why), False)
        self._clean_folder()

    def _start_failed(self, error: QProcess.ProcessError) -> None:
        if error != QProcess.ProcessError.FailedToStart or self._process is None:
            return  # a crash also ends in finished(), which reports it
        self._reset()
        self._clean_folder()
        self.done.emit(
            self.tr("The report could not start: {program} did not run.").format(program=sys.executable),
            False,
        )

    def _reset(self) -> None:
        process, self._process = self._process, None
        self._on_result = None
        if process is not None:
            process.deleteLater()
        self.progress.hide()
        self._status_bar.clearMessage()
        self.update_enabled()

    def _clean_folder(self) -> None:
        folder, self._folder = self._folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def shutdown(self) -> None:
        """The window is closing: stop a report being built, and close the preview."""
        process = self._process
        if process is not None:
            for signal in (process.finished, process.errorOccurred, process.readyReadStandardOutput):
                signal.disconnect()
            process.kill()
            process.waitForFinished(3000)
            self._reset()
        self._clean_folder()
        if self.preview_dialog is not None:
            self.preview_dialog.close()
