"""KPI values from a file read again at every pass and staged by short transactions, as a file of more than
20,000 values is: the KPIs found by name, the unknown one left out, each value saying where it came from."""

from __future__ import annotations

import pytest

from cockpit.importers import row_stream
from cockpit.services import table_writes
from cockpit.store import staging
from tests.unit.services.kpis.test_kpis import (  # noqa: F401
    standard,
    test_values_imported_from_a_csv_by_kpi_name,
)


@pytest.fixture(autouse=True)
def _read_again_and_staged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_stream, "KEEP_ROWS", 0)
    monkeypatch.setattr(row_stream, "SAMPLE_ROWS", 1)
    monkeypatch.setattr(table_writes, "STAGE_FROM_ROWS", 0)
    monkeypatch.setattr(staging, "PAUSE_SECONDS", 0)
