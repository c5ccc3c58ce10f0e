"""The Hypercare pane and the Overview's KPI tile in the real window, on a launch made like ``cockpit new``
and moved to hypercare: each KPI against its target, the chart, the breaches; values typed in, KPIs added,
edited and removed through the session, and a breach shows on the tile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from cockpit.services.kpis import record_kpi_value
from cockpit.services.launch_settings import move_stage
from cockpit.services.templates import create_from_template
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

GO_LIVE = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)


@pytest.fixture
def hypercare_launch(tmp_path: Path) -> Path:
    path = tmp_path / "hypercare.golive"
    create_from_template(path, name="Orders", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="lead")
    with open_launch(path) as lf:
        move_stage(lf, actor="lead", stage="cutover")
        move_stage(lf, actor="lead", stage="hypercare")
        for hours, value in ((1, 99.95), (2, 99.97)):
            record_kpi_value(lf, actor="ops", kpi="Uptime", value=value, at=GO_LIVE + timedelta(hours=hours))
        record_kpi_value(lf, actor="ops", kpi="Error rate", value=0.9, at=GO_LIVE + timedelta(hours=1))
        record_kpi_value(lf, actor="ops", kpi="Error rate", value=0.2, at=GO_LIVE + timedelta(hours=3))
    return path


def column(model, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


def hypercare_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("hypercare")
    return window, window.pane("hypercare")


def press_ok(qtbot, window, dialog) -> None:
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_models_pass_the_model_tester(qtmodeltester, make_window, hypercare_launch):
    _, pane = hypercare_pane(make_window, hypercare_launch)
    qtmodeltester.check(pane.model)
    qtmodeltester.check(pane.breach_model)


def test_each_kpi_against_its_target_the_chart_and_the_breaches(qtbot, make_window, hypercare_launch):
    _, pane = hypercare_pane(make_window, hypercare_launch)
    assert column(pane.model, 0) == [
        "Uptime",
        "Response time (p95)",
        "Error rate",
        "Batch jobs on time",
        "Open incidents",
    ]
    assert column(pane.model, 1)[:3] == ["≥ 99.9 %", "≤ 800 ms", "≤ 0.5 %"]
    assert column(pane.model, 2)[:3] == ["99.97 %", "—", "0.2 %"]
    assert column(pane.model, 4)[:3] == ["✔ Met", "No value yet", "✔ Met"]
    assert pane.headline.text() == "KPIs: 0 of 5 breached"
    assert pane.breach_title.text() == "Values that missed their target: 1"
    assert column(pane.breach_model, 1) == ["Error rate"] and column(pane.breach_model, 2) == ["0.9 %"]
    qtbot.waitUntil(lambda: bool(pane.chart.texts), timeout=60_000)  # painted as soon as the data is in
    assert "KPI trends" in pane.chart.texts
    assert (
        "Uptime  ≥ 99.9 %" in pane.chart.texts and "No values yet" in pane.chart.texts
    )  # response time has none


def test_a_typed_breach_shows_in_the_pane_and_on_the_overview_tile(qtbot, make_window, hypercare_launch):
    window, pane = hypercare_pane(make_window, hypercare_launch)
    pane.table.selectRow(0)
    dialog = pane.record_value()
    assert dialog.kpi.currentText().startswith("Uptime")
    dialog.value.setText("99.1")
    press_ok(qtbot, window, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert column(pane.model, 2)[0] == "99.1 %"
    assert column(pane.model, 4)[0] == "✖ Breached"
    assert pane.headline.text() == "KPIs: 1 of 5 breached"
    assert column(pane.breach_model, 1)[0] == "Uptime"
    with open_launch(hypercare_launch, read_only=True) as lf:
        (latest,) = [v for v in load_launch(lf).kpi_values if v.value == 99.1]
    assert latest.source == "typed"
    window.show_pane("overview")
    tile = window.pane("overview").kpi_tile
    assert tile.isVisible()
    assert tile.headline.text() == "1/5 breached"
    assert "KPIs: 1 of 5 breached" in tile.reason.text() and "breached: Uptime" in tile.reason.text()
    assert tile.light.text() == "✖ Off track"


def test_add_edit_and_remove_a_kpi(qtbot, make_window, hypercare_launch, monkeypatch):
    window, pane = hypercare_pane(make_window, hypercare_launch)
    dialog = pane.add_kpi()
    dialog.name.setText("Throughput")
    dialog.target.setText("120")
    dialog.direction.setCurrentIndex(dialog.direction.findData("at_least"))
    dialog.unit.setText("req/s")
    press_ok(qtbot, window, dialog)
    assert column(pane.model, 0)[-1] == "Throughput"
    assert column(pane.model, 1)[-1] == "≥ 120 req/s"

    pane.table.selectRow(5)
    edit = pane.edit_selected()
    assert edit.target.text() == "120"
    edit.target.setText("100")
    press_ok(qtbot, window, edit)
    assert column(pane.model, 1)[-1] == "≥ 100 req/s"

    pane.table.selectRow(5)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.session.applied, timeout=30_000):
        pane.remove_selected()
    assert "Throughput" not in column(pane.model, 0)


def test_a_refused_kpi_keeps_the_dialog_open_with_the_reason(qtbot, make_window, hypercare_launch):
    window, pane = hypercare_pane(make_window, hypercare_launch)
    dialog = pane.add_kpi()
    dialog.name.setText("uptime")  # taken, whatever its case
    dialog.target.setText("99")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=30_000)
    assert "already a KPI named 'uptime'" in dialog.problem.text()
    assert dialog.isVisible() and dialog.name.text() == "uptime"
    assert len(window.session.data.kpis) == 5


def test_the_tile_stays_hidden_before_hypercare_without_values(make_window, small_launch):
    window = make_window(small_launch)
    window.show_pane("overview")
    assert not window.pane("overview").kpi_tile.isVisible()
