"""Exporting every pane to CSV and .xlsx: same content in both, formulas escaped, written atomically."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cockpit.errors import BadInput, CockpitError
from cockpit.importers.tabular import read_table
from cockpit.services import edits
from cockpit.services import export_table as export_module
from cockpit.services.export_table import ExportKind, export_table
from cockpit.services.import_table import import_table, preview_table
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.conftest import GO_LIVE
from tests.launches import new_launch
from tests.unit.importers.test_tables_reading import FIXTURES

TZ = "Asia/Tokyo"
DANGEROUS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\tTabbed",
]


@pytest.fixture
def filled(launch_file):
    """A launch with every pane filled, some cells shaped like spreadsheet formulas."""
    for name, kind in (
        ("checklist_ja_utf8_bom.csv", "checklist"),
        ("risks_multiline.csv", "risks"),
        ("servicenow_incidents.csv", "tickets"),
        ("runbook_ja.tsv", "steps"),
        ("objects_ja.csv", "objects"),
    ):
        import_table(
            launch_file, preview_table(FIXTURES / name, kind=kind, tz=TZ), actor="sato", accept_partial=False
        )
    edits.add_ticket(launch_file, actor="ito", title=DANGEROUS[0], severity="P2", description=DANGEROUS[2])
    edits.add_risk(launch_file, actor="ito", title="Injected", likelihood=2, impact=2, mitigation=DANGEROUS[1],
                   owner=DANGEROUS[3], contingency=DANGEROUS[4])  # fmt: skip
    with launch_file.writing("ci") as w:
        for level, name, outcomes in (("unit", "old", ["failed"]), ("unit", "new", ["passed", "failed"]),
                                      ("uat", "UAT 1", ["passed", "skipped"])):  # fmt: skip
            run = w.insert(
                "test_runs", {"level": level, "name": name, "started_at": "2026-11-30T01:00:00+00:00"}
            )
            for index, outcome in enumerate(outcomes):
                w.insert("test_cases", {"run_id": run["id"], "classname": "app.Orders", "name": f"{name} {index}",
                                        "outcome": outcome, "seconds": 0.25, "message": "=1+1" if outcome == "failed" else ""})  # fmt: skip
    return launch_file


def _as_csv_text(value: object) -> str:
    """How a value read from the .xlsx looks in the CSV export."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@pytest.mark.parametrize("kind", list(ExportKind))
def test_csv_and_xlsx_hold_the_same_table(filled, tmp_path: Path, kind: ExportKind) -> None:
    csv_out = export_table(filled, kind=kind, path=tmp_path / f"{kind}.csv")
    xlsx_out = export_table(filled, kind=kind, path=tmp_path / f"{kind}.xlsx")
    assert csv_out.rows == xlsx_out.rows > 0
    from_csv = read_table(csv_out.path)
    from_xlsx = read_table(xlsx_out.path)
    assert from_csv.headers == from_xlsx.headers
    assert [r.cells for r in from_csv.rows] == [
        tuple(_as_csv_text(v) for v in r.cells) for r in from_xlsx.rows
    ]
    assert len(from_csv.rows) == csv_out.rows
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".exporting")] == []


def test_tests_export_holds_the_latest_run_of_each_level(filled, tmp_path: Path) -> None:
    table = read_table(export_table(filled, kind="tests", path=tmp_path / "t.csv").path)
    assert [(r.cells[0], r.cells[1], r.cells[4], r.cells[5]) for r in table.rows] == [
        ("Unit", "new", "new 0", "Passed"), ("Unit", "new", "new 1", "Failed"),
        ("UAT", "UAT 1", "UAT 1 0", "Passed"), ("UAT", "UAT 1", "UAT 1 1", "Skipped"),
    ]  # fmt: skip


def test_csv_has_a_bom_and_escapes_formulas(filled, tmp_path: Path) -> None:
    for kind in ("tickets", "risks", "tests"):
        path = export_table(filled, kind=kind, path=tmp_path / f"{kind}.csv").path
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        with path.open(encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    tickets = (tmp_path / "tickets.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in tickets and "'-2+3" in tickets
    risks = (tmp_path / "risks.csv").read_text(encoding="utf-8-sig")
    assert "'+cmd|" in risks and "'@SUM(A1)" in risks and "'\tTabbed" in risks
    assert "'=1+1" in (tmp_path / "tests.csv").read_text(encoding="utf-8-sig")


def test_xlsx_escapes_formulas_styles_and_freezes_the_header(filled, tmp_path: Path) -> None:
    path = export_table(filled, kind="risks", path=tmp_path / "risks.xlsx").path
    sheet = load_workbook(path).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + DANGEROUS[i] for i in (1, 3, 4)} <= texts
    assert sheet["D2"].value == 4 and isinstance(sheet["D2"].value, int)  # numbers stay numbers


def test_dates_are_written_in_the_launch_zone(filled, tmp_path: Path) -> None:
    sheet = load_workbook(export_table(filled, kind="steps", path=tmp_path / "s.xlsx").path).worksheets[0]
    assert sheet["F2"].value == datetime(2026, 11, 30, 22, 0)  # planned start, as the runbook says it
    assert sheet["F2"].number_format == "yyyy-mm-dd hh:mm"
    text = (export_table(filled, kind="steps", path=tmp_path / "s.csv").path).read_text(encoding="utf-8-sig")
    assert "2026-11-30 22:00" in text


def test_exported_panes_import_back_as_they_were(filled, tmp_path: Path) -> None:
    other_path = tmp_path / "other.golive"
    new_launch(other_path, name="Copy", go_live=GO_LIVE, timezone=TZ, actor="t")
    before = load_launch(filled)
    with open_launch(other_path) as other:
        for kind, suffix in (("checklist", ".xlsx"), ("tickets", ".csv"), ("risks", ".xlsx"), ("steps", ".csv"),
                             ("objects", ".xlsx")):  # fmt: skip
            path = export_table(filled, kind=kind, path=tmp_path / f"{kind}{suffix}").path
            preview = preview_table(path, kind=kind, tz=TZ)
            assert preview.bad == (), (kind, preview.bad)
            import_table(other, preview, actor="t", accept_partial=False)
        after = load_launch(other)

    def same(rows, *fields):
        # Exports show times to the second, as the panes do.
        def cell(value):
            return value.replace(microsecond=0) if isinstance(value, datetime) else value

        return [tuple(cell(getattr(r, f)) for f in fields) for r in rows]

    checklist = (
        "title",
        "stage",
        "category",
        "status",
        "owner",
        "due",
        "blocked_reason",
        "evidence",
        "is_gate",
    )
    assert same(after.checklist, *checklist) == same(before.checklist, *checklist)
    tickets = ("title", "severity", "kind", "status", "reporter", "assignee", "description", "opened_at",
               "resolved_at")  # fmt: skip
    assert same(after.tickets, *tickets) == same(before.tickets, *tickets)
    risks = ("title", "likelihood", "impact", "status", "mitigation", "contingency", "owner")
    assert same(after.risks, *risks) == same(before.risks, *risks)
    steps = ("seq", "title", "kind", "owner", "planned_start", "planned_minutes", "status")
    assert same(after.steps, *steps) == same(before.steps, *steps)
    objects = ("name", "source_rows", "target_rows", "rejected_rows", "tolerance_rows", "owner")
    assert same(after.objects, *objects) == same(before.objects, *objects)


def test_a_failed_export_leaves_the_old_file_and_no_temporary(filled, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "tickets.csv"
    target.write_text("yesterday's export", encoding="utf-8")

    def fail_halfway(path: Path, headers, columns, rows) -> None:
        path.write_text("half a file", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "_write_csv", fail_halfway)
    with pytest.raises(CockpitError, match="No space left on device") as caught:
        export_table(filled, kind="tickets", path=target)
    assert "Free some space on that disk, or choose another folder." in str(caught.value)
    assert "Nothing was written." in str(caught.value)
    assert target.read_text(encoding="utf-8") == "yesterday's export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tickets")] == []


def test_refused_targets(filled, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"\.csv or \.xlsx"):
        export_table(filled, kind="risks", path=tmp_path / "risks.pdf")
    with pytest.raises(BadInput, match="does not exist"):
        export_table(filled, kind="risks", path=tmp_path / "missing" / "risks.csv")
