"""Reading CSV and .xlsx: encodings, delimiters, multi-line cells, line numbers, refusals."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from cockpit.errors import BadInput
from cockpit.importers.tabular import read_table
from tests.paths import FIXTURES as FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "tables"
JAPANESE_HEADER = ("項目", "段階", "カテゴリ", "状態", "担当者", "期限", "証跡", "判定項目", "保留理由")


def test_shift_jis_and_utf8_bom_read_the_same_table() -> None:
    sjis = read_table(FIXTURES / "checklist_ja_sjis.csv")
    bom = read_table(FIXTURES / "checklist_ja_utf8_bom.csv")
    assert sjis.encoding == "cp932" and bom.encoding == "utf-8-sig"
    assert sjis.headers == bom.headers == JAPANESE_HEADER
    assert sjis.rows == bom.rows
    # Characters only Windows' Shift_JIS (cp932) has: IBM extension 髙, circled ①, wave dash ～.
    assert sjis.rows[0].cells[4] == "髙橋 一郎"
    assert sjis.rows[1].cells[0] == "移行リハーサル①の実施"
    assert sjis.rows[2].cells[0] == "利用者向け操作研修～全拠点"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8", "cp1252"])
def test_other_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Title,Owner\r\nCafé opening,José\r\n"
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.headers == ("Title", "Owner")
    assert table.rows[0].cells == ("Café opening", "José")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    lines = [["Name", "Source rows", "Target rows"], ["顧客マスタ", "12,345", "12,340"], ["受注", "7", "7"]]
    quoted = [delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in lines]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(quoted) + "\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.rows[0].cells == ("顧客マスタ", "12,345", "12,340")


def test_multi_line_cells_keep_the_line_each_record_starts_on() -> None:
    table = read_table(FIXTURES / "risks_multiline.csv")
    assert [r.line for r in table.rows] == [2, 5, 6]
    assert table.rows[0].cells[4] == "Rehearse twice\nParallel loaders\nPre-load static tables"
    assert table.rows[2].cells[0] == "Vendor patch late, blocks go-live"


def test_blank_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("\n\nTitle,Owner\r\n\r\na,b\r\n,\r\nc,d\r\n", encoding="utf-8")
    table = read_table(path)
    assert table.header_line == 3
    assert [(r.line, r.cells) for r in table.rows] == [(5, ("a", "b")), (7, ("c", "d"))]


def test_xlsx_first_sheet_or_named_sheet_with_row_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    first.title = "Risks"
    first.append([])
    first.append(["Title", "Likelihood", "Found"])
    first.append(["Key users away", 2, datetime(2026, 11, 20, 9, 30)])
    first.append([None, None, None])
    first.append(["Late patch", 3.0, None])
    other = workbook.create_sheet("Notes")
    other.append(["Name"])
    other.append(["only here"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)

    table = read_table(path)
    assert table.sheet == "Risks" and table.header_line == 2
    assert table.headers == ("Title", "Likelihood", "Found")
    assert [r.line for r in table.rows] == [3, 5]
    assert table.rows[0].cells == ("Key users away", 2, datetime(2026, 11, 20, 9, 30))
    assert read_table(path, sheet="Notes").rows[0].cells == ("only here",)
    with pytest.raises(BadInput, match="Notes"):
        read_table(path, sheet="Missing")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "no header"),
        ("binary.csv", bytes(range(256)) * 40, "binary"),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "97-2003"),
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx"),
    ],
)
def test_refusals_name_the_problem(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        read_table(tmp_path / "nope.csv")


def test_a_damaged_workbook_is_refused_with_the_parser_reason(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Title"])
    workbook.active.append(["x"])
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(BadInput, match="damaged.xlsx is not a readable .xlsx workbook: unclosed token"):
        read_table(damaged)
