"""Inputs too big for any real launch, refused as soon as reading gets past the limit: a zip bomb of an
.xlsx from its directory alone, a CSV or a sheet one row (or column) over, a result file past the cases a
run takes. Each test asserts where reading stopped, not how long it took."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from cockpit.domain.sources import TableKind
from cockpit.errors import BadInput
from cockpit.importers import tabular
from cockpit.importers.junit import read_results
from cockpit.importers.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
from cockpit.importers.tabular import read_table
from cockpit.services.import_table import preview_table

SHEET = "xl/worksheets/sheet1.xml"


def write_csv(path: Path, rows: int, *, tail: str = "") -> Path:
    lines = ["Title,Likelihood,Impact", *(f"Risk {n},2,3" for n in range(rows))]
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


def workbook(path: Path, rows: Iterable[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_sheet_xml(path: Path, rows_xml: bytes, *, repeat: int) -> Path:
    """The workbook at ``path`` with its first sheet's data replaced by ``rows_xml`` ``repeat`` times,
    streamed into the zip so the test never holds the unpacked sheet in memory."""
    source = path.with_suffix(".orig.xlsx")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for member in old.infolist():
            if member.filename != SHEET:
                new.writestr(member, old.read(member))
                continue
            head, _, _ = old.read(member).partition(b"<sheetData")
            with new.open(SHEET, "w", force_zip64=True) as sheet:
                # Without its <dimension> openpyxl reads every row there is, as it does a bomb's.
                sheet.write(head.replace(b"<dimension ref", b"<dimension_ ref") + b"<sheetData>")
                block = rows_xml * 1000
                for _ in range(repeat // 1000):
                    sheet.write(block)
                sheet.write(b"</sheetData></worksheet>")
    source.unlink()
    return path


def refused(path: Path, **kwargs: object) -> str:
    with pytest.raises(BadInput) as refusal:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return str(refusal.value)


def test_a_csv_one_row_over_the_kinds_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    limit = MAX_TABLE_ROWS[TableKind.RISKS]
    path = write_csv(tmp_path / "risks.csv", limit + 1)
    before = path.read_bytes()
    with pytest.raises(BadInput) as refusal:
        preview_table(path, kind="risks", tz="Asia/Tokyo")
    message = str(refusal.value)
    assert f"risks.csv has more than {limit:,} rows" in message
    assert "Split the file" in message
    assert path.read_bytes() == before
    assert len(preview_table(write_csv(tmp_path / "at.csv", limit), kind="risks", tz="UTC").good) == limit


def test_a_csv_stops_being_read_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # After the limit the file turns bad (a quote never closes): read to the end, that would be the refusal.
    path = write_csv(tmp_path / "risks.csv", 101, tail='"never closed\n' + "more,1,1\n" * 1000)
    records = 0
    real_records = tabular._csv_records

    def counted(*args: object, **kwargs: object):
        nonlocal records
        for record in real_records(*args, **kwargs):  # type: ignore[arg-type]
            records += 1
            yield record

    monkeypatch.setattr(tabular, "_csv_records", counted)
    assert "has more than 100 rows" in refused(path, max_rows=100)
    assert records == 1 + 101  # the header and the rows up to the first one over


def test_a_csv_wider_than_the_column_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{n}" for n in range(MAX_TABLE_COLUMNS + 1)) + "\n", encoding="utf-8")
    assert f"more than {MAX_TABLE_COLUMNS} columns" in refused(path)


def test_an_xlsx_zip_bomb_is_refused_from_its_directory_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 64 MB of identical rows packs into a few hundred kB: the sheet XML a 5-million-row bomb has.
    path = workbook(tmp_path / "bomb.xlsx", [["Title", "Likelihood", "Impact"]])
    with_sheet_xml(path, b"<row><c><v>1</v></c></row>" * 100, repeat=25_000)
    assert path.stat().st_size < 1024 * 1024
    before = path.read_bytes()

    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)
    message = refused(path)
    assert f"its part {SHEET} is compressed" in message
    assert "Split it into smaller workbooks" in message
    assert path.read_bytes() == before


def test_an_xlsx_that_unpacks_past_the_size_limits_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "big.xlsx", [["Title"], *([f"row {n} " * 50] for n in range(20_000))])
    monkeypatch.setattr(tabular, "MAX_XLSX_MEMBER_BYTES", 1024 * 1024)
    message = refused(path)
    assert f"({SHEET}: " in message and "1 MB in one part" in message
    monkeypatch.setattr(tabular, "MAX_XLSX_MEMBER_BYTES", 250 * 1024 * 1024)
    monkeypatch.setattr(tabular, "MAX_XLSX_UNPACKED_BYTES", 2 * 1024 * 1024)
    message = refused(path)
    assert f"({SHEET}: " in message and "at most 2 MB" in message  # the largest part is the one named


def test_an_xlsx_sheet_stops_being_read_at_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(tmp_path / "long.xlsx", [["Title", "Likelihood", "Impact"]])
    with_sheet_xml(path, b'<row><c t="inlineStr"><is><t>x</t></is></c></row>', repeat=10_000)
    rows = 0
    real_rows = tabular.sheet_rows

    def counted(worksheet: object):
        nonlocal rows
        for row in real_rows(worksheet):
            rows += 1
            yield row

    monkeypatch.setattr(tabular, "sheet_rows", counted)
    assert "long.xlsx has more than 100 rows" in refused(path, max_rows=100)
    assert rows == 102  # the header's row, 100 more, and the one over


def test_an_xlsx_sheet_wider_than_the_column_limit_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "wide.xlsx", [["Title"]])
    book = openpyxl.load_workbook(path)
    book.active.cell(row=2, column=MAX_TABLE_COLUMNS + 1, value="far")
    book.save(path)
    assert f"more than {MAX_TABLE_COLUMNS} columns" in refused(path)


def test_a_result_file_stops_being_read_past_the_cases_a_run_takes(tmp_path: Path) -> None:
    case = b'<testcase classname="a.B" name="t" time="0.001"/>'
    path = tmp_path / "huge.xml"
    path.write_bytes(b"<testsuite name='s'>" + case * 200_000 + b"</testsuite>")  # about 10 MB
    read = 0

    def on_bytes(n: int) -> None:
        nonlocal read
        read += n

    with pytest.raises(BadInput) as refusal:
        read_results(path, naive_tz=ZoneInfo("Asia/Tokyo"), max_cases=1000, on_bytes=on_bytes)
    assert "huge.xml: a test run takes at most 1,000 test cases" in str(refusal.value)
    assert read <= 1024 * 1024  # the first chunk already held more than the limit


def test_every_table_kind_has_a_row_limit() -> None:
    assert set(MAX_TABLE_ROWS) == {kind.value for kind in TableKind}
    assert all(MAX_TABLE_ROWS[kind] > 0 for kind in TableKind)  # a kind looks its own limit up
