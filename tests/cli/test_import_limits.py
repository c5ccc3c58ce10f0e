"""The real command refuses a hostile workbook with exit 2, naming the limit and the fix, and leaves the
launch file and the workbook byte for byte as they were."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import run_cockpit
from tests.unit.importers.test_import_limits import with_sheet_xml, workbook, write_csv


def test_an_xlsx_zip_bomb_exits_2_and_changes_nothing(empty_launch: Path, tmp_path: Path) -> None:
    bomb = workbook(tmp_path / "risks.xlsx", [["Title", "Likelihood", "Impact"]])
    with_sheet_xml(bomb, b"<row><c><v>1</v></c></row>" * 100, repeat=25_000)
    launch_before, bomb_before = empty_launch.read_bytes(), bomb.read_bytes()
    result = run_cockpit("import", "table", empty_launch, "--kind", "risks", bomb)
    assert result.returncode == 2, result.stderr
    assert "risks.xlsx: its part xl/worksheets/sheet1.xml is compressed" in result.stderr
    assert "Split it into smaller workbooks" in result.stderr
    assert empty_launch.read_bytes() == launch_before
    assert bomb.read_bytes() == bomb_before


def test_a_csv_over_the_row_limit_exits_2_and_changes_nothing(empty_launch: Path, tmp_path: Path) -> None:
    table = write_csv(tmp_path / "risks.csv", 20_001)
    launch_before = empty_launch.read_bytes()
    result = run_cockpit("import", "table", empty_launch, "--kind", "risks", table)
    assert result.returncode == 2, result.stderr
    assert "risks.csv has more than 20,000 rows" in result.stderr
    assert empty_launch.read_bytes() == launch_before
