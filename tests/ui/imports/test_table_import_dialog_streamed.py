"""The table import dialog's tests again, each table read again from the file at every pass, as one of more
than ``KEEP_ROWS`` rows is: the preview, its mapping, its bad rows and the import behave the same."""

from __future__ import annotations

import pytest

from cockpit.importers import row_stream
from tests.ui.imports.test_table_import_dialog import *  # noqa: F403


@pytest.fixture(autouse=True)
def _every_table_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_stream, "KEEP_ROWS", 0)
    monkeypatch.setattr(row_stream, "SAMPLE_ROWS", 1)
