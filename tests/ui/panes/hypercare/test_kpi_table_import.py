"""File ▸ Import ▸ Table… with a file of KPI values: its kind is guessed from the file's name, a row naming a
KPI the launch lacks is a row with problems, and the values reach the Hypercare pane."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cockpit.domain.sources import TableKind
from tests.ui.imports.test_table_import_dialog import open_import, write_csv
from tests.ui.panes.hypercare.test_hypercare_pane import column, hypercare_launch  # noqa: F401 (fixture)


def test_kpi_values_imported_in_the_window(qtbot, make_window, hypercare_launch, tmp_path, monkeypatch):  # noqa: F811
    table = write_csv(
        tmp_path / "kpi-export.csv",
        "日時,指標,値\n2030-01-01 09:00,Open incidents,5\n2030-01-01 09:00,Latency,12\n",
    )
    window = make_window(hypercare_launch)
    dialog = open_import(qtbot, window, monkeypatch, table)
    assert dialog.selected_kind() is TableKind.KPI_VALUES
    assert [dialog.mapping_table.field_of(c) for c in range(3)] == ["at", "kpi", "value"]
    qtbot.waitUntil(lambda: dialog.bad_table.rowCount() == 1, timeout=30_000)
    assert "no KPI named 'Latency'" in dialog.bad_table.item(0, 1).text()
    dialog.leave_out.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=30_000)
    assert dialog.result_label.text().startswith("✔ KPI values: 1 ")
    window.show_pane("hypercare")
    pane = window.pane("hypercare")
    qtbot.waitUntil(lambda: column(pane.model, 2)[4] == "5", timeout=30_000)
    assert column(pane.model, 4)[4] == "✖ Breached"
