"""Export a pane to CSV or .xlsx: what a launch team mails to management or keeps as evidence.

CSV is UTF-8 with a BOM, so Excel on Japanese Windows opens it without mojibake. Cells that a
spreadsheet would run as a formula (starting with = + - @, tab or CR) get a leading quote, as
OWASP advises against CSV injection, in both formats. The file is written beside its target and
renamed into place: a failed export never leaves half a file under the user's name.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.cell_values import FORMULA_GUARD_CHARS
from cockpit.services.atomic_write import write_atomically
from cockpit.services.export_columns import Column, columns_for, rows_for
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_launch


class ExportKind(StrEnum):
    CHECKLIST = "checklist"
    TESTS = "tests"  # the cases of the latest run of each level
    RUNS = "runs"
    STEPS = "steps"
    OBJECTS = "objects"
    RISKS = "risks"
    TICKETS = "tickets"
    AUDIT = "audit"


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    path: Path
    rows: int


EXPORT_SUFFIXES = (".csv", ".xlsx")


def export_table(launch_file: LaunchFile, *, kind: ExportKind | str, path: str | Path) -> ExportOutcome:
    """Write one pane's rows to ``path`` (.csv or .xlsx), headers in the user's language."""
    kind = ExportKind(kind)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise BadInput(tr("Export to a .csv or .xlsx file, not {name}.", name=path.name))
    if not path.parent.is_dir():
        raise BadInput(tr("The folder {folder} does not exist.", folder=path.parent))
    with launch_file.reading() as conn:  # fetch everything, then release: readers block writers
        data = read_launch(conn)
        values = rows_for(kind.value, data, conn)
    zone = data.launch.zone
    columns = columns_for(kind.value)
    rows = [[_local(value, zone) for value in row] for row in values]
    headers = [tr(c.label) for c in columns]
    writer = _write_csv if suffix == ".csv" else _write_xlsx
    write_atomically(path, lambda target: writer(target, headers, columns, rows), what=tr("the export"))
    return ExportOutcome(path=path, rows=len(rows))


def escape_formula(value: object) -> object:
    """Text a spreadsheet would execute becomes inert text; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_GUARD_CHARS):
        return "'" + value
    return value


def _local(value: object, zone: ZoneInfo) -> object:
    # Times are shown in the launch's zone, as the panes show them; a spreadsheet has no zones.
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None, microsecond=0)
    return value


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(escape_formula(value))


def _write_csv(target: Path, headers: list[str], columns: list[Column], rows: list[list[Any]]) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([escape_formula(h) for h in headers])
        for row in rows:
            out.writerow([_csv_cell(v) for v in row])
        f.flush()
        os.fsync(f.fileno())


def _write_xlsx(target: Path, headers: list[str], columns: list[Column], rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(tr("Export"))
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="305496")
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=escape_formula(text))
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", str(escape_formula(value)))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl would guess
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            cells.append(cell)
        sheet.append(cells)
    # Built in memory, then written: openpyxl leaves its ZipFile open when the disk fills, and that ZipFile
    # fails again (a stray traceback) when it is garbage-collected. An export is small enough to hold.
    buffer = io.BytesIO()
    workbook.save(buffer)
    with target.open("wb") as f:
        f.write(buffer.getbuffer())
        f.flush()
        os.fsync(f.fileno())
