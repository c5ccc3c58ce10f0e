"""Reconciliation bars: each object's delta on its tolerance band, mismatches on top and highlighted."""

from __future__ import annotations

from matplotlib.colors import to_hex

from cockpit.charts import migration, style
from cockpit.charts.migration import reconciliation_bars
from cockpit.domain.migration import MigrationObject, ReconStatus, reconcile

from .conftest import all_text, texts_with_gid

OBJECTS = [
    MigrationObject(id=1, name="products", source_rows=800, target_rows=790, tolerance_rows=20),
    MigrationObject(id=2, name="顧客マスタ", source_rows=1200, target_rows=1190, rejected_rows=5),
    MigrationObject(
        id=3,
        name="invoices",
        source_rows=900,
        target_rows=935,
        tolerance_rows=10,
        accepted_reason="テストデータ削除分",
    ),
    MigrationObject(id=4, name="suppliers", source_rows=300),
    MigrationObject(id=5, name="GL balances", source_rows=2000, target_rows=1998),
]


def _rows(figure) -> list[str]:
    return [t.get_text() for t in figure.axes[0].get_yticklabels()]


def _delta_bars(figure) -> dict[int, object]:
    return {
        int(p.get_gid().split("-")[1]): p
        for p in figure.axes[0].patches
        if isinstance(p.get_gid(), str) and p.get_gid().startswith("delta-")
    }


def test_mismatches_on_top_largest_first_then_accepted_pending_reconciled(render) -> None:
    figure = reconciliation_bars(OBJECTS)
    render(figure, "recon")
    assert _rows(figure) == ["× 顧客マスタ", "× GL balances", "△ invoices", "– suppliers", "○ products"]


def test_bar_lengths_are_the_domains_deltas_and_bands_the_tolerances() -> None:
    figure = reconciliation_bars(OBJECTS)
    bars = _delta_bars(figure)
    for obj in OBJECTS:
        assert bars[obj.id].get_width() == (reconcile(obj).delta or 0)
    bands = [p for p in figure.axes[0].patches if p.get_gid() == "tolerance"]
    assert sorted(b.get_width() for b in bands) == [0, 0, 0, 20, 40]
    values = texts_with_gid(figure, "value-")
    assert values["value-2"] == "-5 (±0)" and values["value-3"] == "+35 (±10)"
    assert values["value-4"] == "not loaded yet"


def test_mismatches_are_highlighted_by_colour_hatching_and_symbol() -> None:
    figure = reconciliation_bars(OBJECTS)
    bars = _delta_bars(figure)
    for mismatch in (2, 5):
        assert to_hex(bars[mismatch].get_facecolor()) == style.VERMILLION.lower()
        assert bars[mismatch].get_hatch() == "///"
    assert to_hex(bars[1].get_facecolor()) == style.GREEN.lower() and not bars[1].get_hatch()
    texts = all_text(figure)
    assert any("× Mismatch: 2" in t for t in texts)
    assert "× Mismatch" in texts and "○ Reconciled" in texts


def test_a_wide_range_of_deltas_switches_to_a_symmetric_log_axis(render) -> None:
    small = reconciliation_bars(OBJECTS)
    assert small.axes[0].get_xscale() == "linear"
    wide = reconciliation_bars(
        [*OBJECTS, MigrationObject(id=9, name="orders", source_rows=5_000_000, target_rows=4_990_000)]
    )
    render(wide, "recon-wide")
    assert wide.axes[0].get_xscale() == "symlog"
    assert texts_with_gid(wide, "value-9") == {"value-9": "-10,000 (±0)"}
    assert _rows(wide)[0] == "× orders"


def test_no_objects_says_so(render) -> None:
    figure = reconciliation_bars([])
    render(figure, "recon-empty")
    assert texts_with_gid(figure, "empty-message") == {"empty-message": "No migration objects yet"}
    assert set(migration.STATUS_LOOK) == set(ReconStatus)  # every status has a symbol and a look
