"""Read a table from CSV (any common encoding and delimiter) or .xlsx into a header and numbered rows.

Spreadsheets reach the launch team from Excel on Japanese Windows (Shift_JIS, or UTF-8 with a BOM),
from ticket systems (UTF-8, sometimes UTF-16) and from colleagues abroad (semicolons, tabs). Each row
keeps the line it started on in the source, so a problem can be reported where the user will look.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers import row_stream
from cockpit.importers.limits import (
    MAX_ANY_TABLE_ROWS,
    MAX_TABLE_COLUMNS,
    MAX_XLSX_MEMBER_BYTES,
    MAX_XLSX_RATIO,
    MAX_XLSX_UNPACKED_BYTES,
    RATIO_CHECKED_FROM_BYTES,
    too_many_columns,
    too_many_rows,
)
from cockpit.importers.row_stream import HashingReader, RowStream, changed_meanwhile, file_sha256
from cockpit.importers.text_encodings import decode_text, sniff_delimiter

MEGABYTE = 1024 * 1024
MAX_TABLE_BYTES = 50 * MEGABYTE  # far beyond any checklist or ticket export; refuses a wrong file fast
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_LINE_BREAK = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One record: ``line`` is where it starts in the file (a CSV line, or a sheet's row number)."""

    line: int
    cells: tuple[object, ...]  # str from CSV; str, int, float, bool, datetime or None from .xlsx


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    header_line: int
    rows: RowStream[SourceRow]  # kept, or read again from the file at every pass when many
    source: str  # file name, for messages and the audit trail
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only
    sheet: str = ""  # .xlsx only
    sha256: str = ""  # of the file's bytes: the same file imported twice is recognised by it


def read_table(path: str | Path, *, sheet: str | None = None, max_rows: int = MAX_ANY_TABLE_ROWS) -> Table:
    """The first non-empty row is the header; empty rows after it are dropped. A file with more than
    ``max_rows`` rows, or ``MAX_TABLE_COLUMNS`` columns, is refused as soon as reading gets there."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BadInput(tr("{path} does not exist.", path=path)) from None
    except OSError as exc:
        raise BadInput(tr("{path} cannot be read: {error}.", path=path, error=exc.strerror or exc)) from None
    if path.is_dir():
        raise BadInput(tr("{path} is a folder, not a table file.", path=path))
    if size > MAX_TABLE_BYTES:
        raise BadInput(
            tr(
                "{path} is {size} MB; tables up to {limit} MB are imported. Is it the right file?",
                path=path,
                size=size // (1024 * 1024),
                limit=MAX_TABLE_BYTES // (1024 * 1024),
            )
        )
    if path.suffix.lower() == ".xls":
        raise BadInput(
            tr("{path} is an old Excel 97-2003 workbook; save it as .xlsx or CSV and import that.", path=path)
        )
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_xlsx(path, sheet=sheet, max_rows=max_rows)
    return _read_csv(path, max_rows=max_rows)


def _read_csv(path: Path, *, max_rows: int) -> Table:
    data = path.read_bytes()
    text, encoding = decode_text(data, name=path.name)
    sha256 = hashlib.sha256(data).hexdigest()
    del data  # the text alone is read on: a large file is not held twice
    _refuse_markup(text, name=path.name)
    delimiter = sniff_delimiter(text)

    def records(lines: Iterable[str], text: str | None) -> Iterator[tuple[int, list[str]]]:
        for line, cells in _csv_records(lines, delimiter=delimiter, name=path.name, text=text):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > MAX_TABLE_COLUMNS:
                raise too_many_columns(path.name, limit=MAX_TABLE_COLUMNS)
            yield line, cells

    def again() -> Iterator[SourceRow]:
        # Decoded as it is read, never whole; the file must be the one read first (its digest, at the end).
        try:
            with path.open("rb") as raw:
                hashing = HashingReader(raw)
                lines = io.TextIOWrapper(io.BufferedReader(hashing), encoding=encoding, newline="")
                later = records(_without_bom(lines), None)
                next(later, None)  # the header
                for line, cells in later:
                    yield SourceRow(line=line, cells=tuple(cells))
        except (OSError, UnicodeDecodeError):  # gone, or other bytes: not the file first read
            raise changed_meanwhile(path.name) from None
        if hashing.digest.hexdigest() != sha256:
            raise changed_meanwhile(path.name)

    first = records(_lines(text), text)
    found = next(first, None)
    if found is None:
        raise BadInput(tr("{name} is empty: it has no header row.", name=path.name))
    header_line, header = found[0], tuple(c.strip() for c in found[1])
    rows = _kept_rows(
        (SourceRow(line=line, cells=tuple(cells)) for line, cells in first),
        name=path.name,
        max_rows=max_rows,
        again=again,
    )
    return Table(
        headers=header,
        header_line=header_line,
        rows=rows,
        source=path.name,
        encoding=encoding,
        delimiter=delimiter,
        sha256=sha256,
    )


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its line break, as the csv module reads a file opened with
    ``newline=""``: no copy of the text is made (``io.StringIO`` makes one, four bytes a character)."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.end()]
        start = found.end()
    if start < len(text):
        yield text[start:]


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    """As ``decode_text`` gives the text: without the byte-order marks at its start."""
    remaining = iter(lines)
    first = next(remaining, None)
    if first is not None:
        yield first.lstrip("\ufeff")
        yield from remaining


def _kept_rows(
    rows: Iterator[SourceRow], *, name: str, max_rows: int, again: Callable[[], Iterator[SourceRow]]
) -> RowStream[SourceRow]:
    """The rows counted (and refused past ``max_rows``), kept when at most ``KEEP_ROWS``, else read
    ``again`` at every pass."""
    kept: list[SourceRow] = []
    count = 0
    for row in rows:
        if count == max_rows:
            raise too_many_rows(name, limit=max_rows)
        count += 1
        if count <= max(row_stream.KEEP_ROWS, row_stream.SAMPLE_ROWS):
            kept.append(row)
    if count <= row_stream.KEEP_ROWS:
        return RowStream(kept)
    return RowStream(kept[: row_stream.SAMPLE_ROWS], count=count, again=again)


def _csv_records(
    lines: Iterable[str], *, delimiter: str, name: str, text: str | None
) -> Iterator[tuple[int, list[str]]]:
    """The records of the CSV whose ``lines`` (with their line breaks) are given; ``text``, the whole of it,
    to find where a quote that never closes opens (None when the file was read through before)."""
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    previous_end = start = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            # A quote that never closes makes the rest of the file one cell of the last record: the
            # reader accepts that without a word, and the user would only see one odd row.
            if text is not None:
                _refuse_unclosed_quote(text, delimiter=delimiter, name=name, record_line=start)
            return
        except csv.Error as exc:
            # "field larger than field limit": most often a quote that never closes, read to the end.
            if text is not None:
                _refuse_unclosed_quote(text, delimiter=delimiter, name=name, record_line=previous_end + 1)
            raise BadInput(
                tr(
                    "{name}, line {line}: the CSV cannot be read ({error}).",
                    name=name,
                    line=reader.line_num,
                    error=exc,
                )
            ) from None
        # line_num counts physical lines read so far: a quoted cell spanning lines advances it by more than one.
        start = previous_end + 1
        previous_end = reader.line_num
        yield start, cells


def _refuse_markup(text: str, *, name: str) -> None:
    """An XML or HTML document read as CSV is one column of tags, every row bad: say what it is instead."""
    head = text[:512].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        raise BadInput(
            tr(
                "{name} is a web page (HTML), not a CSV table; a server may have sent a sign-in or error "
                "page instead of the export.",
                name=name,
            )
        )
    if head.startswith("<?xml"):
        raise BadInput(
            tr(
                "{name} is an XML document, not a CSV table; test results are imported as test results "
                "(File ▸ Import ▸ Test results…, or cockpit import junit on the command line).",
                name=name,
            )
        )


def _refuse_unclosed_quote(text: str, *, delimiter: str, name: str, record_line: int) -> None:
    """Raise when the record starting on ``record_line`` opens a quoted cell that the file never closes."""
    if record_line < 1 or '"' not in text:
        return
    start = _offset_of_line(text, record_line)
    opened_at = _unclosed_quote(text, start, delimiter=delimiter)
    if opened_at is None:
        return
    line = record_line + len(_LINE_BREAK.findall(text, start, opened_at))
    raise BadInput(
        tr(
            "{name}, line {line} opens a quoted cell that never closes, so everything after it would be "
            'one cell; add the closing quote (a quote inside a quoted cell is written twice: "") and '
            "import again. Nothing was written.",
            name=name,
            line=line,
        )
    )


def _offset_of_line(text: str, line: int) -> int:
    if line <= 1:
        return 0
    found = next(islice(_LINE_BREAK.finditer(text), line - 2, None), None)
    return found.end() if found is not None else len(text)


def _unclosed_quote(text: str, start: int, *, delimiter: str) -> int | None:
    """Where the quoted cell left open at the end of ``text`` opens, reading as the csv module does from
    the start of a record at ``start``; None when every quoted cell closes."""
    at_cell_start, i, end = True, start, len(text)
    while i < end:
        ch = text[i]
        if at_cell_start and ch == '"':
            while True:  # inside the quotes: only a quote can end them, "" is a quote in the cell
                close = text.find('"', i + 1)
                if close < 0:
                    return i
                if text.startswith('"', close + 1):
                    i = close + 1
                    continue
                break
            i = close + 1
            at_cell_start = False
            continue
        at_cell_start = ch == delimiter or ch in "\r\n"
        i += 1
    return None


def _read_xlsx(path: Path, *, sheet: str | None, max_rows: int) -> Table:
    _refuse_zip_bomb(path)
    sha256 = file_sha256(path)
    title = ""

    def records() -> Iterator[tuple[int, tuple[object, ...]]]:
        nonlocal title
        from openpyxl import load_workbook  # slow to import; only Excel imports pay for it

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged or encrypted workbook fails in many ways inside openpyxl
            raise _unreadable_workbook(path, exc) from None
        try:
            worksheet = _pick_sheet(workbook, sheet=sheet, name=path.name)
            title = worksheet.title
            # openpyxl pads every row to the width the sheet's <dimension> states, and yields the rows a
            # sheet skips as empty ones: both are checked before a row is looked at, not after the sheet.
            if (worksheet.max_column or 0) > MAX_TABLE_COLUMNS:
                raise too_many_columns(path.name, limit=MAX_TABLE_COLUMNS)
            for number, values in enumerate(sheet_rows(worksheet), start=1):
                if number > max_rows + 1:  # the header's row, and at most max_rows more
                    raise too_many_rows(path.name, limit=max_rows)
                if len(values) > MAX_TABLE_COLUMNS:
                    raise too_many_columns(path.name, limit=MAX_TABLE_COLUMNS)
                if any(_filled(v) for v in values):
                    yield number, values
        except BadInput:
            raise
        except Exception as exc:  # sheets are parsed lazily: damage shows up while iterating
            raise _unreadable_workbook(path, exc) from None
        finally:
            workbook.close()

    def source_rows(found: Iterator[tuple[int, tuple[object, ...]]], width: int) -> Iterator[SourceRow]:
        for number, values in found:
            # A workbook leaves trailing empty cells out of a row; pad so rows line up with the header.
            yield SourceRow(line=number, cells=tuple(values) + (None,) * (width - len(values)))

    def again() -> Iterator[SourceRow]:
        try:
            same = file_sha256(path) == sha256
        except OSError:
            same = False
        if not same:
            raise changed_meanwhile(path.name)
        later = records()
        next(later, None)  # the header
        yield from source_rows(later, len(header))

    first = records()
    found = next(first, None)
    if found is None:
        # The sheet's title is known once it was opened; "" only when opening failed, which raised.
        raise BadInput(tr("{name}: sheet {sheet} is empty.", name=path.name, sheet=title))
    header_line = found[0]
    header = tuple("" if v is None else str(v).strip() for v in found[1])
    rows = _kept_rows(source_rows(first, len(header)), name=path.name, max_rows=max_rows, again=again)
    return Table(
        headers=header,
        header_line=header_line,
        rows=rows,
        source=path.name,
        sheet=title,
        sha256=sha256,
    )


def sheet_rows(worksheet: Any) -> Iterator[tuple[object, ...]]:
    """The sheet's rows as openpyxl streams them (read-only mode parses the sheet as it goes)."""
    return worksheet.iter_rows(values_only=True)  # type: ignore[no-any-return]


def _refuse_zip_bomb(path: Path) -> None:
    """Refuse, from the zip's directory alone, a workbook that would unpack to more than the limits."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # openpyxl says what is wrong with it, in the words users know
    total = sum(member.file_size for member in members)
    for member in sorted(members, key=lambda member: member.file_size, reverse=True):  # name the largest
        if member.file_size > MAX_XLSX_MEMBER_BYTES or total > MAX_XLSX_UNPACKED_BYTES:
            raise BadInput(
                tr(
                    "{name} unpacks to {size} MB ({member}: {member_size} MB); a workbook is imported when it "
                    "unpacks to at most {limit} MB, {member_limit} MB in one part. Split it into smaller "
                    "workbooks (or save it as CSV) and import each. Nothing was written.",
                    name=path.name,
                    size=total // MEGABYTE,
                    member=member.filename,
                    member_size=member.file_size // MEGABYTE,
                    limit=MAX_XLSX_UNPACKED_BYTES // MEGABYTE,
                    member_limit=MAX_XLSX_MEMBER_BYTES // MEGABYTE,
                )
            )
        if member.file_size > RATIO_CHECKED_FROM_BYTES and member.file_size > MAX_XLSX_RATIO * max(
            member.compress_size, 1
        ):
            raise BadInput(
                tr(
                    "{name}: its part {member} is compressed {ratio} to 1 (real workbooks: under {limit} "
                    "to 1), as a zip bomb is, or a sheet of millions of rows. Split it into smaller "
                    "workbooks and import each. Nothing was written.",
                    name=path.name,
                    member=member.filename,
                    ratio=member.file_size // max(member.compress_size, 1),
                    limit=MAX_XLSX_RATIO,
                )
            )


def _unreadable_workbook(path: Path, exc: Exception) -> BadInput:
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile):
        detail = tr("it is not a zip package; is it password-protected or an older format?")
    return BadInput(tr("{name} is not a readable .xlsx workbook: {error}", name=path.name, error=detail))


def _pick_sheet(workbook: Any, *, sheet: str | None, name: str) -> Any:  # openpyxl publishes no types
    if sheet is None:
        if not workbook.worksheets:
            raise BadInput(tr("{name} has no worksheet.", name=name))
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        raise BadInput(
            tr(
                "{name} has no sheet {sheet!r}; its sheets are: {sheets}.",
                name=name,
                sheet=sheet,
                sheets=", ".join(workbook.sheetnames),
            )
        )
    return workbook[sheet]


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
