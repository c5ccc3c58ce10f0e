"""Read a table from CSV (any common encoding and delimiter) or .xlsx into a header and numbered rows.

Spreadsheets reach the launch team from Excel on Japanese Windows (Shift_JIS, or UTF-8 with a BOM),
from ticket systems (UTF-8, sometimes UTF-16) and from colleagues abroad (semicolons, tabs). Each row
keeps the line it started on in the source, so a problem can be reported where the user will look.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cockpit.i18n import tr
from cockpit.store.errors import BadInput

MAX_TABLE_BYTES = 50 * 1024 * 1024  # far beyond any checklist or ticket export; refuses a wrong file fast
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana and full-width katakana: what real Japanese text has


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One record: ``line`` is where it starts in the file (a CSV line, or a sheet's row number)."""

    line: int
    cells: tuple[object, ...]  # str from CSV; str, int, float, bool, datetime or None from .xlsx


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[SourceRow, ...]
    source: str  # file name, for messages and the audit trail
    encoding: str = ""  # CSV only
    delimiter: str = ""  # CSV only
    sheet: str = ""  # .xlsx only


def read_table(path: str | Path, *, sheet: str | None = None) -> Table:
    """The first non-empty row is the header; empty rows after it are dropped."""
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
        return _read_xlsx(path, sheet=sheet)
    return _read_csv(path)


def decode_text(data: bytes, *, name: str) -> tuple[str, str]:
    """(text, encoding): a BOM decides; otherwise UTF-8, then Shift_JIS (cp932), then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(name, encoding, exc) from None
    if b"\x00" in data[:4096]:
        return _decode_utf16_without_bom(data, name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    # Western Excel saves "CSV" as Windows-1252; its accented letters can also pass as Shift_JIS
    # byte pairs, but then the result has no kana at all, which real Japanese text always has.
    if text is not None and _KANA.search(text):
        return text, "cp932"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        if text is not None:
            return text, "cp932"
    raise BadInput(
        tr(
            "{name}: the text encoding was not recognised (tried UTF-8, Shift_JIS and Windows-1252). "
            "Save the file as 'CSV UTF-8' and import it again.",
            name=name,
        )
    )


def _decode_utf16_without_bom(data: bytes, *, name: str) -> tuple[str, str]:
    # ASCII-heavy UTF-16 has a zero in every other byte; which half tells the byte order.
    sample = data[:4096]
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    encoding = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
    if max(even_zeros, odd_zeros) < len(sample) // 8:
        raise BadInput(tr("{name} is a binary file, not a CSV table.", name=name))
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise _undecodable(name, encoding, exc) from None


def _undecodable(name: str, encoding: str, exc: UnicodeDecodeError) -> BadInput:
    return BadInput(
        tr(
            "{name} says it is {encoding} but byte {offset} is not; the file may be damaged.",
            name=name,
            encoding=encoding,
            offset=exc.start,
        )
    )


def sniff_delimiter(text: str) -> str:
    """csv.Sniffer among , ; tab |, checked against the header line; comma when nothing fits."""
    sample = text[:_SNIFF_CHARS]
    first_line = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    if found and found in first_line:
        return found
    # The Sniffer gives up on short files and is misled by multi-line cells: fall back to the
    # separator the header line uses most.
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv(path: Path) -> Table:
    text, encoding = decode_text(path.read_bytes(), name=path.name)
    delimiter = sniff_delimiter(text)
    header: tuple[str, ...] | None = None
    header_line = 0
    rows: list[SourceRow] = []
    for line, cells in _csv_records(text, delimiter=delimiter, name=path.name):
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header, header_line = tuple(c.strip() for c in cells), line
        else:
            rows.append(SourceRow(line=line, cells=tuple(cells)))
    if header is None:
        raise BadInput(tr("{name} is empty: it has no header row.", name=path.name))
    return Table(
        headers=header,
        header_line=header_line,
        rows=tuple(rows),
        source=path.name,
        encoding=encoding,
        delimiter=delimiter,
    )


def _csv_records(text: str, *, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    previous_end = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
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


def _read_xlsx(path: Path, *, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # slow to import; only Excel imports pay for it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or encrypted workbook fails in many ways inside openpyxl
        raise _unreadable_workbook(path, exc) from None
    try:
        worksheet = _pick_sheet(workbook, sheet=sheet, name=path.name)
        header: tuple[str, ...] | None = None
        header_line = 0
        rows: list[SourceRow] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if not any(_filled(v) for v in values):
                continue
            if header is None:
                header = tuple("" if v is None else str(v).strip() for v in values)
                header_line = number
            else:
                # A workbook leaves trailing empty cells out of a row; pad so rows line up with the header.
                padding = (None,) * (len(header) - len(values))
                rows.append(SourceRow(line=number, cells=tuple(values) + padding))
        title = worksheet.title
    except BadInput:
        raise
    except Exception as exc:  # sheets are parsed lazily: damage shows up while iterating
        raise _unreadable_workbook(path, exc) from None
    finally:
        workbook.close()
    if header is None:
        raise BadInput(tr("{name}: sheet {sheet} is empty.", name=path.name, sheet=title))
    return Table(headers=header, header_line=header_line, rows=tuple(rows), source=path.name, sheet=title)


def _unreadable_workbook(path: Path, exc: Exception) -> BadInput:
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile):
        detail = tr("it is not a zip package; is it password-protected or an older format?")
    return BadInput(tr("{name} is not a readable .xlsx workbook: {error}", name=path.name, error=detail))


def _pick_sheet(workbook, *, sheet: str | None, name: str):
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
