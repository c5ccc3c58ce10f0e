"""The table-import tests again, each table read again from the file at every pass, as one of more than
``KEEP_ROWS`` rows is: previews, refusals, re-imports, conflicts, links and staging behave the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.errors import BadInput
from cockpit.importers import row_stream
from tests.unit.importers.test_tables_dependencies import *  # noqa: F403
from tests.unit.importers.test_tables_values import *  # noqa: F403
from tests.unit.services.test_tables_import import *  # noqa: F403
from tests.unit.services.test_tables_reimport import *  # noqa: F403
from tests.unit.services.test_tables_staged_import import *  # noqa: F403
from tests.unit.services.test_tables_update_on_reimport import *  # noqa: F403


@pytest.fixture(autouse=True)
def _every_table_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_stream, "KEEP_ROWS", 0)
    monkeypatch.setattr(row_stream, "SAMPLE_ROWS", 1)


def test_these_tables_are_read_again_at_every_pass(tmp_path: Path) -> None:
    from cockpit.services.import_table import preview_table

    path = tmp_path / "risks.csv"
    path.write_text("Title,Likelihood,Impact\nVendor late,2,3\nKey users away,1,2\n", encoding="utf-8")
    preview = preview_table(path, kind="risks", tz="UTC")
    assert preview.table.rows.streamed and preview.good.streamed
    assert [row.values["title"] for row in preview.good] == ["Vendor late", "Key users away"]
    assert preview.table.rows[1].cells[0] == "Key users away"  # past the sample: read again
    path.write_text("Title,Likelihood,Impact\nVendor late,2,3\n", encoding="utf-8")
    with pytest.raises(BadInput, match="risks.csv changed while it was being imported"):
        list(preview.good)


def _tickets(path: Path, titles: list[str]) -> Path:
    path.write_text("Title,Severity\n" + "".join(f"{title},P3\n" for title in titles), encoding="utf-8")
    return path


def test_a_file_changed_after_its_preview_is_refused_and_nothing_is_written(
    launch_file, launch_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cockpit.services import table_writes
    from cockpit.services.import_table import import_table, preview_table

    monkeypatch.setattr(table_writes, "STAGE_FROM_ROWS", 0)  # staged: rows written as they are read
    path = _tickets(tmp_path / "tickets.csv", [f"printer {n} jams" for n in range(30)])
    preview = preview_table(path, kind="tickets", tz="Asia/Tokyo", launch_file=launch_file)
    _tickets(path, [f"scanner {n} jams" for n in range(30)])
    with pytest.raises(
        BadInput, match="tickets.csv changed while it was being imported; nothing was imported"
    ):
        import_table(launch_file, preview, actor="sato", accept_partial=False)
    with launch_file.reading() as conn:
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM import_staging").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM table_imports").fetchone()[0] == 0


def test_a_large_workbook_is_read_again_at_every_pass(launch_file, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from cockpit.services.import_table import import_table, preview_table

    book = Workbook()
    sheet = book.active
    sheet.append(["Title", "Severity", "Opened"])
    for n in range(40):
        sheet.append([f"printer {n} jams", f"P{n % 4 + 1}", f"2026-12-{n % 28 + 1:02} 09:00"])
    sheet.append(["no severity", None, None])
    path = tmp_path / "tickets.xlsx"
    book.save(path)
    preview = preview_table(path, kind="tickets", tz="Asia/Tokyo", launch_file=launch_file)
    assert preview.table.rows.streamed and len(preview.good) == 40 and [b.line for b in preview.bad] == [42]
    assert preview.table.rows[0].cells == ("printer 0 jams", "P1", "2026-12-01 09:00")
    outcome = import_table(launch_file, preview, actor="sato", accept_partial=True)
    assert outcome.imported == 40 and outcome.left_out == 1
    with launch_file.reading() as conn:
        found = conn.execute("SELECT title, severity FROM tickets ORDER BY id").fetchall()
    assert [tuple(row) for row in found][:2] == [("printer 0 jams", "P1"), ("printer 1 jams", "P2")]
    assert len(found) == 40


def test_a_file_removed_or_made_unreadable_after_its_preview_is_refused(tmp_path: Path) -> None:
    from cockpit.services.import_table import preview_table

    path = _tickets(tmp_path / "tickets.csv", ["プリンターが動かない", "ログインできない"])
    preview = preview_table(path, kind="tickets", tz="Asia/Tokyo")
    path.write_bytes(b"Title,Severity\n\xff\xfe\xfa,P3\n")  # no longer UTF-8
    with pytest.raises(BadInput, match="tickets.csv changed while it was being imported"):
        list(preview.good)
    path.unlink()
    with pytest.raises(BadInput, match="tickets.csv changed while it was being imported"):
        list(preview.good)
