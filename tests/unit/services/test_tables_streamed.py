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
