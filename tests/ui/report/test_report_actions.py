"""File ▸ Export PDF…, Print… and Print preview…: the same report, built outside the window's process."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from cockpit.ui.report.printing import paper_for
from tests.paths import REPO
from tests.ui.imports.test_export import choose_save_path

REPORT_TIMEOUT_MS = 90_000  # a fresh interpreter importing matplotlib, on a loaded machine
A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)


def pdf_printer(path: Path, page: QPageSize.PageSizeId = QPageSize.PageSizeId.A4) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(page))
    return printer


def page_points(reader: PdfReader) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}


def test_report_actions_are_off_without_a_file(make_window):
    window = make_window()
    report = window.report
    assert [a.isEnabled() for a in (report.export_action, report.print_action, report.preview_action)] == [
        False,
        False,
        False,
    ]
    assert report.export_action.text() == "&Export PDF…"


def test_print_paints_every_page_of_the_report_as_vectors(qtbot, make_window, small_launch, tmp_path):
    window = make_window(small_launch)
    report = window.report
    assert report.print_action.isEnabled()
    printed = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []
    report.make_printer = lambda: pdf_printer(printed)
    report.confirm_print = lambda printer: asked.append(printer) or True

    with qtbot.waitSignal(report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        report.print_action.trigger()
        assert report.busy and not report.print_action.isEnabled()  # one report at a time
        assert report.progress.isVisible()
    message, ok = blocker.args
    assert ok, message
    assert len(asked) == 1
    assert not report.busy and report.print_action.isEnabled() and not report.progress.isVisible()

    reader = PdfReader(printed)
    count = int(message.split("(")[1].split()[0])
    assert message == f"Printed the status report ({count} pages)."
    assert len(reader.pages) == count >= 3
    assert page_points(reader) == {A4_POINTS}
    for page in reader.pages:
        content = page.get_contents().get_data()
        assert len(content) > 2_000  # every page carries its drawing
        assert not page.images  # drawn as vector paths from the SVG pages, not as pictures
    assert not list(tmp_path.glob("cockpit-report-*"))


def test_print_on_letter_paper_builds_the_letter_layout(qtbot, make_window, small_launch, tmp_path):
    window = make_window(small_launch)
    printed = tmp_path / "letter.pdf"
    window.report.make_printer = lambda: pdf_printer(printed, QPageSize.PageSizeId.Letter)
    window.report.confirm_print = lambda printer: True
    with qtbot.waitSignal(window.report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        window.report.print_action.trigger()
    assert blocker.args[1], blocker.args[0]
    assert page_points(PdfReader(printed)) == {LETTER_POINTS}


def test_a_cancelled_print_dialog_builds_nothing(make_window, small_launch):
    window = make_window(small_launch)
    window.report.confirm_print = lambda printer: False
    window.report.print_action.trigger()
    assert not window.report.busy


def test_export_pdf_writes_the_report_with_its_words(qtbot, make_window, small_launch, tmp_path, monkeypatch):
    window = make_window(small_launch)
    target = tmp_path / "out" / "status"
    target.parent.mkdir()
    suggested = choose_save_path(monkeypatch, target)
    with qtbot.waitSignal(window.report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        window.report.export_action.trigger()
    message, ok = blocker.args
    assert ok, message
    assert suggested == [str(small_launch.with_name("small-report.pdf"))]
    written = target.with_name("status.pdf")  # the suffix is added when the name has none
    assert f"to {written}." in message
    assert message in window.statusBar().currentMessage()

    reader = PdfReader(written)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Order system go-live" in text
    assert "Go/no-go decision" in text
    assert "Regression suite green" in text  # an overdue gate item, listed for the lead
    assert "Waiting for the production copy" in text  # why the blocked item is blocked
    assert f"Page 1 of {len(reader.pages)}" in text
    assert list(target.parent.iterdir()) == [written]  # no temporary file left beside it


def test_a_failed_export_says_why_in_the_message_bar(qtbot, make_window, small_launch, tmp_path, monkeypatch):
    window = make_window(small_launch)
    choose_save_path(monkeypatch, tmp_path / "no such folder" / "report.pdf")
    with qtbot.waitSignal(window.report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        window.report.export_action.trigger()
    assert blocker.args[1] is False
    assert window.message_bar.isVisible()
    shown = window.message_bar.text.text()
    assert "The report failed" in shown and "does not exist" in shown
    assert not (tmp_path / "no such folder").exists()
    assert window.report.export_action.isEnabled()


def test_print_preview_shows_the_built_pages(qtbot, make_window, small_launch, tmp_path):
    window = make_window(small_launch)
    window.report.make_printer = lambda: pdf_printer(tmp_path / "unused.pdf")
    with qtbot.waitSignal(window.report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        window.report.preview_action.trigger()
    message, ok = blocker.args
    assert ok, message
    dialog = window.report.preview_dialog
    pages = window.report.preview_pages
    assert dialog is not None and dialog.isVisible()
    assert message == f"The print preview shows {len(pages)} pages." and len(pages) >= 3
    assert all(page.suffix == ".svg" and page.stat().st_size > 10_000 for page in pages)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == len(pages))  # every page painted into the preview
    dialog.close()
    qtbot.waitUntil(lambda: window.report.preview_dialog is None)
    assert not any(page.exists() for page in pages)  # the pages go when the preview does


@pytest.mark.parametrize(
    ("page", "paper"),
    [
        (QPageSize.PageSizeId.A4, "a4"),
        (QPageSize.PageSizeId.Letter, "letter"),
        (QPageSize.PageSizeId.A3, "a4"),
    ],
)
def test_the_printers_paper_picks_the_layout(page, paper):
    assert paper_for(QPageSize(page)) == paper


def test_the_report_actions_do_not_load_matplotlib_into_the_window():
    code = "import sys, cockpit.ui.main_window; assert 'matplotlib' not in sys.modules, 'matplotlib loaded'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_print_preview_paints_again_after_python_let_go_of_its_printer(
    qtbot, make_window, small_launch, tmp_path
):
    window = make_window(small_launch)
    window.report.make_printer = lambda: pdf_printer(tmp_path / "unused.pdf")
    with qtbot.waitSignal(window.report.done, timeout=REPORT_TIMEOUT_MS) as blocker:
        window.report.preview_action.trigger()
    assert blocker.args[1], blocker.args[0]
    gc.collect()  # what a busy machine does between the dialog opening and its next paint
    dialog = window.report.preview_dialog
    with qtbot.waitSignal(dialog.paintRequested, timeout=REPORT_TIMEOUT_MS) as painted:
        dialog.findChild(QPrintPreviewWidget).updatePreview()
    assert painted.args[0].pageLayout().fullRect().isValid()


@pytest.mark.skipif(
    shutil.which("Xvfb") is None, reason="needs Xvfb (apt-get install xvfb) for a real X server"
)
def test_the_print_preview_repaints_on_a_real_x_server_after_python_let_go(small_launch, tmp_path):
    """The crash showed only under X (a segfault in QPicture::play on repaint); offscreen hid it."""
    with subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as server:
        try:
            display = server.stdout.readline().strip()  # Xvfb writes its display number once it is ready
            assert display, "Xvfb did not start"
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
            done = subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).with_name("preview_on_x.py")),
                    str(small_launch),
                    str(tmp_path),
                ],
                env={**env, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"},
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        finally:
            server.terminate()
    assert done.returncode == 0, (done.returncode, done.stdout, done.stderr[-3000:])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["pages"] >= 3 and report["repaints"] == 5
