"""Files that are not the table the user meant, refused with what they are: a quote that never closes,
a database or workbook renamed .csv, any other binary file, an XML or HTML document."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from cockpit.errors import BadInput
from cockpit.importers.tabular import read_table
from tests.conftest import GO_LIVE


def refusal(path: Path) -> str:
    with pytest.raises(BadInput) as refused:
        read_table(path)
    return str(refused.value)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('Title,Severity\nok,P1\n"broken,P2\nnext,P3\nmore,P4\n', 3),  # the rest of the file in one cell
        ('Title,Severity\r\nok,P1\r\nfine,"a ""quoted"" word"\r\nb,"open\r\nc,P3\r\n', 4),
        ('Title,Severity\nok,P1\nb,"open', 3),  # on the last line, no line break after it
        ('Title,Severity\na,"two\nlines",x "y\nb,"never closed\n', 4),  # opens on a later line of a record
        ('Title;Severity\nok;P1\n"broken;P2\nnext;P3\n', 3),  # another delimiter
    ],
)
def test_a_quote_that_never_closes_names_its_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert refusal(path).startswith(f"tickets.csv, line {line} opens a quoted cell that never closes")


def test_a_cell_too_big_for_the_reader_because_a_quote_never_closes(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = "".join(f"row {n},P3\n" for n in range(20_000))  # far past csv's 128 KB cell limit
    path.write_text(f'Title,Severity\nok,P1\n"broken,P2\n{rows}', encoding="utf-8")
    assert refusal(path).startswith("big.csv, line 3 opens a quoted cell that never closes")


def test_quotes_that_close_are_read_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "fine.csv"
    path.write_text('Title,Note\n"a, b","say ""hi""\nthere"\n5" disk,x"y\n', encoding="utf-8")
    assert [r.cells for r in read_table(path).rows] == [("a, b", 'say "hi"\nthere'), ('5" disk', 'x"y')]


def test_a_launch_file_renamed_csv_is_called_a_database(tmp_path: Path) -> None:
    from cockpit.store.launchfile import create_launch

    launch = tmp_path / "demo.golive"
    create_launch(launch, name="x", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="t")
    renamed = tmp_path / "tickets.csv"
    renamed.write_bytes(launch.read_bytes())
    message = refusal(renamed)
    assert message == "tickets.csv is a SQLite database (a launch file?), not a CSV or Excel table."
    assert "utf-16" not in message


def test_a_workbook_renamed_csv_says_to_name_it_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    assert "give it the .xlsx extension" in refusal(path)


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(1) + bytes(range(256)) * 300,  # zeros in both halves: not UTF-16
        b"\x89PNG\r\n\x1a\n" + bytes(b % 250 + 1 for b in range(60_000)),  # no zero byte at all
        b"BIN" + b"\x00\x01\x02\x03" * 2000,
    ],
)
def test_other_binary_files_are_called_binary_not_damaged_text(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    message = refusal(path)
    assert message == "data.csv is a binary file, not a CSV or Excel table. Is it the right file?"


def test_utf16_japanese_without_a_bom_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("Title,Severity\n一覧画面が遅い,P3\nログイン不可,P1\n".encode("utf-16-le"))
    assert [r.cells for r in read_table(path).rows] == [("一覧画面が遅い", "P3"), ("ログイン不可", "P1")]


def test_xml_and_html_say_what_they_are(tmp_path: Path) -> None:
    junit = tmp_path / "TEST-orders.csv"
    junit.write_text('<?xml version="1.0"?>\n<testsuite tests="1"><testcase name="a"/></testsuite>\n')
    assert "is an XML document, not a CSV table; test results are imported as test results" in refusal(junit)
    page = tmp_path / "export.csv"
    page.write_text("<!DOCTYPE html>\n<html><body>Sign in</body></html>\n")
    assert "is a web page (HTML)" in refusal(page)
