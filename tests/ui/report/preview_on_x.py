"""Open the print preview in a real window on the X server in $DISPLAY, let Python drop what it can, repaint.

Run by test_report_actions.py under Xvfb: the offscreen platform never played the preview's pages back
the way an X server does, so the freed printer it crashed on went unseen there. Prints one JSON line.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from cockpit.ui.main_window import MainWindow
from cockpit.ui.settings import open_settings

CEILING_MS = 180_000  # the report process on a loaded machine; a ceiling, not a speed limit


def wait_until(condition, app: QApplication) -> bool:
    loop = QEventLoop()
    poll = QTimer(interval=50)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    QTimer.singleShot(CEILING_MS, loop.quit)
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    return bool(condition())


def main(launch: Path, folder: Path) -> int:
    app = QApplication([sys.argv[0]])
    window = MainWindow(settings=open_settings(folder / "settings.ini"))
    window.show()
    window.open_file(launch, read_only=False)
    if not wait_until(lambda: window.session is not None and window.session.data is not None, app):
        print(json.dumps({"error": "the launch did not open"}))
        return 1

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / "unused.pdf"))
        return printer

    outcome: list[tuple[str, bool]] = []
    window.report.make_printer = pdf_printer
    window.report.done.connect(lambda message, ok: outcome.append((message, ok)))
    window.report.preview_action.trigger()
    if not wait_until(lambda: bool(outcome), app) or not outcome[0][1]:
        print(json.dumps({"error": f"no preview: {outcome}"}))
        return 1
    dialog = window.report.preview_dialog
    assert dialog is not None
    preview = dialog.findChild(QPrintPreviewWidget)
    repaints = 0
    for _ in range(5):  # what a busy machine does between the dialog opening and its next paints
        gc.collect()
        preview.updatePreview()
        preview.zoomIn()
        preview.repaint()
        app.processEvents()
        repaints += 1
    pages = preview.pageCount()
    dialog.close()
    window.close()
    app.processEvents()
    print(json.dumps({"pages": pages, "repaints": repaints}))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
