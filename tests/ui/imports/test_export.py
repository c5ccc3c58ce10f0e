"""File ▸ Export ▸ <pane> as CSV or Excel…: the file is written on a worker and says how it went."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from cockpit.importers.tabular import read_table


def export_action(window, kind: str):
    menu = window.table_transfer.export_menu
    return next(a for a in menu.actions() if a.objectName() == f"export-{kind}")


def choose_save_path(monkeypatch, path: Path, chosen_filter: str = "") -> list[str]:
    suggested: list[str] = []

    def fake(parent, caption, directory, filters, *args, **kwargs):
        suggested.append(directory)
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return suggested


def test_checklist_exported_as_csv_reads_back_with_every_item(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    target = tmp_path / "out" / "checklist.csv"
    target.parent.mkdir()
    window = make_window(small_launch)
    suggested = choose_save_path(monkeypatch, target)
    with qtbot.waitSignal(window.table_transfer.done, timeout=30_000) as blocker:
        export_action(window, "checklist").trigger()
    message, ok = blocker.args
    assert ok, message
    assert suggested == [str(small_launch.with_name("small-checklist.csv"))]
    assert "Exported 6 rows of Checklist" in window.statusBar().currentMessage()

    with target.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6
    assert {r["Title"] for r in rows} == {item.title for item in window.session.data.checklist}
    blocked = next(r for r in rows if r["Title"] == "Migration rehearsal")
    assert "Waiting for the production copy" in blocked.values()


def test_excel_filter_adds_the_suffix_and_the_workbook_reads_back(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    window = make_window(small_launch)
    choose_save_path(monkeypatch, tmp_path / "risks", "Excel workbook (*.xlsx)")
    with qtbot.waitSignal(window.table_transfer.done, timeout=30_000) as blocker:
        export_action(window, "risks").trigger()
    assert blocker.args[1], blocker.args[0]
    table = read_table(tmp_path / "risks.xlsx")
    assert "Title" in table.headers
    titles = [row.cells[table.headers.index("Title")] for row in table.rows]
    assert titles == ["Key user absent"]


def test_a_failed_export_is_shown_in_the_message_bar(qtbot, make_window, small_launch, tmp_path, monkeypatch):
    window = make_window(small_launch)
    choose_save_path(monkeypatch, tmp_path / "no such folder" / "tickets.csv")
    with qtbot.waitSignal(window.table_transfer.done, timeout=30_000) as blocker:
        export_action(window, "tickets").trigger()
    assert blocker.args[1] is False
    assert window.message_bar.isVisible()
    assert "The export failed" in window.message_bar.text.text()
    assert "does not exist" in window.message_bar.text.text()
    assert not (tmp_path / "no such folder").exists()


def test_every_export_kind_has_an_entry_and_it_is_off_without_a_file(make_window):
    window = make_window()
    kinds = [a.objectName() for a in window.table_transfer.export_menu.actions()]
    assert kinds == [
        "export-checklist",
        "export-tests",
        "export-runs",
        "export-steps",
        "export-objects",
        "export-risks",
        "export-tickets",
        "export-audit",
    ]
    assert not window.table_transfer.export_menu.isEnabled()
    assert not window.table_transfer.import_action.isEnabled()
