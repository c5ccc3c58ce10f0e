"""File ▸ Import ▸ Table…: the mapping dialog decides what is written, and nothing is written unaccepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from cockpit.domain.sources import TableKind
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch


def checklist_titles_and_owners(path: Path) -> dict[str, str]:
    with open_launch(path, read_only=True) as launch_file:
        data = load_launch(launch_file)
    return {item.title: item.owner for item in data.checklist}


def open_import(qtbot, window, monkeypatch, table: Path):
    """Through the menu, as a user: File ▸ Import ▸ Table…, the file picked in the (patched) file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(table), ""))
    action = window.table_transfer.import_action
    assert action.isEnabled()
    action.trigger()
    dialog = window.table_transfer.dialog
    assert dialog is not None and dialog.isVisible()
    wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot, dialog) -> None:
    qtbot.waitUntil(
        lambda: not dialog.busy and (dialog.preview is not None or dialog.result_label.isVisible()),
        timeout=30_000,
    )


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_mapping_changes_what_is_imported(qtbot, make_window, small_launch, tmp_path, monkeypatch):
    table = write_csv(
        tmp_path / "go-live checklist.csv",
        "Task,Area,Responsible,Backup\n"
        "Freeze master data,Data migration,dan,erin\n"
        "Brief the help desk,Support,dan,frank\n",
    )
    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)

    mapping = dialog.mapping_table
    assert dialog.selected_kind() is TableKind.CHECKLIST
    assert [mapping.field_of(c) for c in range(4)] == ["title", "category", "owner", None]
    assert dialog.import_button.text() == "Import all 2 rows"

    mapping.choose(3, "owner")  # the backup is who will actually do it
    assert mapping.field_of(2) is None  # a field fills from one column only
    wait_checked(qtbot, dialog)
    assert dialog.preview.mapping.column_of("owner") == 3
    preview_headers = [
        dialog.rows_table.horizontalHeaderItem(c).text() for c in range(dialog.rows_table.columnCount())
    ]
    assert preview_headers == ["Line", "Check", "Title", "Category", "Owner"]
    assert dialog.rows_table.item(0, 4).text() == "erin"

    assert checklist_titles_and_owners(small_launch).get("Freeze master data") is None  # nothing yet
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)

    owners = checklist_titles_and_owners(small_launch)
    assert owners["Freeze master data"] == "erin"
    assert owners["Brief the help desk"] == "frank"
    assert "2 rows imported" in dialog.result_label.text()
    assert dialog.cancel_button.text() == "Close"
    assert not dialog.import_button.isVisible()
    # The window shows the new rows once the writer's change is reloaded.
    qtbot.waitUntil(
        lambda: any(i.title == "Freeze master data" for i in window.session.data.checklist), timeout=30_000
    )


def test_bad_rows_block_the_import_until_the_user_leaves_them_out(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    table = write_csv(
        tmp_path / "items.csv",
        "Title,Category,Owner,Due\n"
        "Order the badges,Training,erin,2030-03-20\n"
        ",Training,erin,2030-03-21\n"
        "Call the carrier,Support,frank,not a date\n"
        "Print the runbook,Production migration,frank,2030-03-30\n",
    )
    before = checklist_titles_and_owners(small_launch)
    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)

    assert "4 rows: 2 good, 2 with problems." in dialog.summary.text()
    lines = [dialog.bad_table.item(r, 0).text() for r in range(dialog.bad_table.rowCount())]
    reasons = [dialog.bad_table.item(r, 1).text() for r in range(dialog.bad_table.rowCount())]
    assert lines == ["3", "4"]
    assert "Title" in reasons[0] and "missing" in reasons[0]
    assert "Due" in reasons[1]
    assert "Rows with problems (2)" in dialog.bad_heading.text()
    assert dialog.import_button.text() == "Import 2 good rows"
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # even called directly, a blocked import writes nothing
    assert dialog.outcome is None

    assert dialog.leave_out.isVisible()
    assert "2 rows with problems" in dialog.leave_out.text()
    dialog.leave_out.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)

    after = checklist_titles_and_owners(small_launch)
    assert set(after) - set(before) == {"Order the badges", "Print the runbook"}
    assert "2 rows with problems were left out" in dialog.result_label.text()


def test_a_required_field_left_unmapped_is_named_in_red_and_blocks_the_import(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    table = write_csv(tmp_path / "risks.csv", "Risk,Likelihood,Impact\nVendor late,3,4\n")
    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)
    assert dialog.selected_kind() is TableKind.RISKS  # guessed from the file name
    assert dialog.import_button.isEnabled()
    assert not dialog.missing.isVisible()

    dialog.mapping_table.choose(2, None)
    wait_checked(qtbot, dialog)
    assert dialog.missing.isVisible()
    assert "Required but not mapped: Impact" in dialog.missing.text()
    assert "color" in dialog.missing.styleSheet()
    assert not dialog.import_button.isEnabled()

    dialog.mapping_table.choose(2, "impact")
    wait_checked(qtbot, dialog)
    assert not dialog.missing.isVisible()
    assert dialog.import_button.isEnabled()


def test_cancel_writes_nothing_and_another_kind_remaps(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    book = Workbook()
    sheet = book.active
    sheet.append(["件名", "カテゴリ", "担当者", "期限"])
    sheet.append(["移行リハーサル結果の承認", "開始判定・承認", "佐藤", "2030-03-25"])
    table = tmp_path / "checklist.xlsx"
    book.save(table)
    before = checklist_titles_and_owners(small_launch)
    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)
    assert [dialog.mapping_table.field_of(c) for c in range(4)] == [
        "title",
        "category",
        "owner",
        "due",
    ]
    assert "sheet" in dialog.file_facts.text()

    dialog.kind.setCurrentIndex(dialog.kind.findData(TableKind.TICKETS))
    wait_checked(qtbot, dialog)
    assert dialog.preview.kind is TableKind.TICKETS
    assert dialog.mapping_table.field_of(0) == "title"
    assert dialog.mapping_table.field_of(2) == "assignee"
    assert "Severity" in dialog.missing.text()  # a ticket needs one; this sheet has none

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert checklist_titles_and_owners(small_launch) == before


@pytest.mark.parametrize("name", ["old.xls", "empty.csv"])
def test_a_file_that_is_no_table_is_refused_in_words(
    qtbot, make_window, small_launch, tmp_path, monkeypatch, name
):
    table = tmp_path / name
    table.write_bytes(b"" if name.endswith(".csv") else b"\xd0\xcf\x11\xe0 old workbook")
    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)
    assert dialog.result_label.isVisible()
    assert name in dialog.result_label.text()
    assert not dialog.import_button.isEnabled()


def test_import_is_offered_only_for_a_writable_file(make_window, small_launch):
    window = make_window(small_launch, read_only=True)
    assert not window.table_transfer.import_action.isEnabled()
    assert window.table_transfer.export_menu.isEnabled()


def test_a_file_imported_before_is_refused_until_the_user_asks_to_import_it_again(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    table = write_csv(tmp_path / "extra items.csv", "Title,Category\nOrder the badges,Training\n")
    window = make_window(small_launch)
    first = open_import(qtbot, window, monkeypatch, table)
    qtbot.mouseClick(first.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.outcome is not None, timeout=30_000)
    first.reject()

    dialog = open_import(qtbot, window, monkeypatch, table)
    assert not dialog.again.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_label.isVisible() and not dialog.busy, timeout=30_000)
    assert dialog.outcome is None
    assert "extra items.csv was already imported into this launch as checklist" in dialog.result_label.text()
    assert "--again" not in dialog.result_label.text()  # the window's way is its own check box
    assert dialog.again.isVisible() and not dialog.import_button.isEnabled()
    dialog.again.setChecked(True)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert "1 rows imported" in dialog.result_label.text()
    with open_launch(small_launch, read_only=True) as launch_file:
        titles = [item.title for item in load_launch(launch_file).checklist]
    assert titles.count("Order the badges") == 2


def test_an_exported_checklist_with_a_changed_owner_updates_that_item_and_shows_the_counts(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    import csv

    from cockpit.services.export_table import export_table

    with open_launch(small_launch) as launch_file:
        export = export_table(launch_file, kind="checklist", path=tmp_path / "checklist.csv").path
    with export.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    total = len(rows)
    assert rows[2]["Title"] == "Key users trained" and rows[2]["Owner"] == "carol"
    rows[2]["Owner"] = "dan"
    with export.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)

    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, export)
    unchanged = total - 1
    assert (
        f"{total} rows: 0 to add, 1 to update, {unchanged} unchanged, 0 with problems."
        in dialog.summary.text()
    )
    checks = [dialog.rows_table.item(r, 1).text() for r in range(dialog.rows_table.rowCount())]
    assert checks[2] == "✎ updates #3" and checks[0] == "= unchanged #1"
    assert "Owner" in dialog.rows_table.item(2, 1).toolTip()
    assert dialog.import_button.text() == "Import: add 0, update 1"
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None
    assert f"Checklist items: 0 added, 1 updated, {unchanged} unchanged." in dialog.result_label.text()
    assert checklist_titles_and_owners(small_launch)["Key users trained"] == "dan"
    qtbot.waitUntil(
        lambda: any(
            i.owner == "dan" for i in window.session.data.checklist if i.title == "Key users trained"
        ),
        timeout=30_000,
    )
    dialog.reject()

    # The same file again: nothing in it is new, and the import is not offered.
    before = small_launch.read_bytes()
    again = open_import(qtbot, window, monkeypatch, export)
    assert "Nothing in this file is new." in again.summary.text()
    assert not again.import_button.isEnabled()
    assert small_launch.read_bytes() == before


def test_a_row_a_teammate_changed_since_the_export_is_shown_as_a_conflict_and_never_overwritten(
    qtbot, make_window, small_launch, tmp_path, monkeypatch
):
    import csv

    from cockpit.services import edits
    from cockpit.services.export_table import export_table

    with open_launch(small_launch) as launch_file:
        export = export_table(launch_file, kind="checklist", path=tmp_path / "checklist.csv").path
        edits.update_checklist_item(
            launch_file, actor="bob", item_id=3, owner="bob"
        )  # a teammate, meanwhile (one of the launch's people)
    with export.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[2]["Owner"] = "dan"  # the same cell
    rows[3]["Evidence"] = "https://wiki.example/cutover"
    with export.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)

    window = make_window(small_launch)
    dialog = open_import(qtbot, window, monkeypatch, export)
    assert "1 row was changed in the launch since the export" in dialog.summary.text()
    assert dialog.rows_table.item(2, 1).text() == "⚠ changed since the export"
    assert dialog.bad_table.item(0, 0).text() == "4"
    assert "#3 'Key users trained' was changed by bob at " in dialog.bad_table.item(0, 1).text()
    assert not dialog.import_button.isEnabled()
    assert dialog.leave_out.isVisible() and "changed since the export" in dialog.leave_out.text()
    dialog.leave_out.setChecked(True)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "0 added, 1 updated" in dialog.result_label.text()
    assert "1 row changed in the launch since the export was left out" in dialog.result_label.text()
    assert checklist_titles_and_owners(small_launch)["Key users trained"] == "bob"  # bob's, kept
