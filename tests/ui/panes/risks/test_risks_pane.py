"""The risks pane on the demo launch: heat-map drill-down, the register, red risks without a plan, edit and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cockpit.domain.risks import heatmap, is_open, residual_rating
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.panes.risks.model import Column, HeatmapModel


@pytest.fixture
def demo_launch(tmp_path: Path) -> Path:
    return write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")


def file_risks(path: Path) -> dict:
    with open_launch(path, read_only=True) as lf:
        return {r.id: r for r in load_launch(lf).risks}


def risks_pane(make_window, path: Path):
    window = make_window(path)
    window.show_pane("risks")
    return window, window.pane("risks")


def click_cell(qtbot, pane, likelihood: int, impact: int) -> None:
    index = pane.heatmap_model.index_of_cell(likelihood, impact)
    qtbot.mouseClick(
        pane.heatmap.viewport(), Qt.MouseButton.LeftButton, pos=pane.heatmap.visualRect(index).center()
    )


def cell_of(risk, *, residual: bool) -> tuple[int, int]:
    return residual_rating(risk) if residual else (risk.likelihood, risk.impact)


def test_models_pass_the_model_tester(qtmodeltester, qtbot, make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    qtmodeltester.check(pane.heatmap_model)
    qtmodeltester.check(pane.model)
    click_cell(qtbot, pane, 2, 2)
    qtmodeltester.check(pane.proxy)


def test_heat_map_counts_open_risks_per_cell_and_names_the_scales_in_words(make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    risks = tuple(file_risks(demo_launch).values())
    model = pane.heatmap_model
    for residual, button in ((True, pane.residual_button), (False, pane.inherent_button)):
        button.setChecked(True)
        expected = heatmap(risks, residual=residual)
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                count = expected[likelihood - 1][impact - 1]
                assert model.count(likelihood, impact) == count
                text = model.index_of_cell(likelihood, impact).data()
                assert text.endswith(f" {count}") if count else len(text) == 1  # a zone symbol at least
    assert model.headerData(0, Qt.Orientation.Vertical) == "5\nAlmost\ncertain"  # a narrow header
    assert model.headerData(4, Qt.Orientation.Vertical) == "1\nRare"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "1\nMinimal"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "5\nSevere"
    assert "✖ Red: 15–25" in pane.legend.text() and "✔ Green: 1–4" in pane.legend.text()


def test_clicking_a_cell_lists_exactly_its_risks_and_a_second_click_clears(qtbot, make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    risks = [r for r in file_risks(demo_launch).values() if is_open(r)]
    everything = sorted(r.id for r in risks)
    assert sorted(pane.visible_risk_ids()) == everything
    cells = {cell_of(r, residual=True) for r in risks}
    for likelihood, impact in sorted(cells):
        click_cell(qtbot, pane, likelihood, impact)
        expected = sorted(r.id for r in risks if cell_of(r, residual=True) == (likelihood, impact))
        assert sorted(pane.visible_risk_ids()) == expected
        assert pane.heatmap_model.count(likelihood, impact) == len(expected)
        assert pane.clear_button.isVisible()
    click_cell(qtbot, pane, 2, 2)
    assert "Unlikely × Minor" in pane.filter_label.text() and "residual" in pane.filter_label.text()
    click_cell(qtbot, pane, 2, 2)  # the same cell again lifts the filter
    assert sorted(pane.visible_risk_ids()) == everything
    assert not pane.clear_button.isVisible()

    pane.inherent_button.setChecked(True)
    click_cell(qtbot, pane, 3, 5)
    expected = sorted(r.id for r in risks if (r.likelihood, r.impact) == (3, 5))
    assert expected and sorted(pane.visible_risk_ids()) == expected
    assert "Possible × Severe" in pane.filter_label.text() and "inherent" in pane.filter_label.text()
    pane.clear_button.click()
    assert sorted(pane.visible_risk_ids()) == everything


def test_register_shows_inherent_to_residual_and_filters_by_text_and_status(make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    row = pane.model.row_of(1)  # demo risk 1: 4×5 inherent, 2×4 after mitigation
    assert pane.model.index(row, Column.CHANGE).data() == "20 ✖ → 8 ▲"
    assert pane.model.index(row, Column.ZONE).data() == "▲ Amber"
    assert pane.model.index(row, Column.SCORE).data() == "8"
    assert pane.model.index(row, Column.CONTINGENCY).data() == "✔ Yes"
    pane.inherent_button.setChecked(True)
    row = pane.model.row_of(1)  # the model sorts its rows (by score here): the risk moved up
    assert pane.model.index(row, Column.SCORE).data() == "20"
    assert pane.model.index(row, Column.ZONE).data() == "✖ Red"
    assert 14 not in pane.visible_risk_ids()  # closed
    pane.set_filters(open_only=False)
    assert 14 in pane.visible_risk_ids() and len(pane.visible_risk_ids()) == 25
    assert sum(pane.heatmap_model.count(li, im) for li in range(1, 6) for im in range(1, 6)) == 25
    pane.set_filters(text="bank transfer")
    assert pane.visible_risk_ids() == [3]


def test_red_risks_without_a_contingency_plan_stand_out(make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    row = pane.model.row_of(3)  # open, 3×5 and not reassessed, no contingency plan
    title = pane.model.index(row, Column.TITLE)
    assert title.data().startswith("⚠ ")
    assert title.data(Qt.ItemDataRole.FontRole).bold()
    assert pane.model.index(row, Column.CONTINGENCY).data() == "⚠ Missing"
    other = pane.model.row_of(11)  # green, no plan: not flagged
    assert pane.model.index(other, Column.CONTINGENCY).data() == "✖ None"
    assert not pane.alert.isHidden() and "#3" in pane.alert.text()
    pane.set_filters(missing_contingency_only=True)
    assert pane.visible_risk_ids() == [3]


def test_editing_a_risk_is_in_the_file_and_undo_restores_it(qtbot, make_window, demo_launch):
    window, pane = risks_pane(make_window, demo_launch)
    before = file_risks(demo_launch)[3]
    pane.select_risk(3)
    pane.edit_selected()
    dialog = pane.risk_dialog
    assert not dialog.warning.isHidden()  # red and no plan: the dialog says so
    dialog.title.setText("Bank transfer interface rejected after the switch")
    dialog.residual_likelihood.setCurrentIndex(dialog.residual_likelihood.findData(2))
    dialog.residual_impact.setCurrentIndex(dialog.residual_impact.findData(4))
    dialog.contingency.setPlainText("Send transfers by the bank's web portal; treasury decides by 10:00")
    assert dialog.warning.isHidden()
    dialog.accept()
    qtbot.waitUntil(lambda: file_risks(demo_launch)[3].version == before.version + 1, timeout=30_000)
    after = file_risks(demo_launch)[3]
    assert after.title == "Bank transfer interface rejected after the switch"
    assert (after.residual_likelihood, after.residual_impact) == (2, 4)
    assert after.contingency.startswith("Send transfers")
    assert (after.likelihood, after.impact, after.owner) == (before.likelihood, before.impact, before.owner)
    qtbot.waitUntil(lambda: pane.model.risk(3).version == after.version, timeout=30_000)
    assert pane.model.index(pane.model.row_of(3), Column.CONTINGENCY).data() == "✔ Yes"

    qtbot.waitUntil(window.undo_action.isEnabled, timeout=30_000)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: file_risks(demo_launch)[3].contingency == "", timeout=30_000)
    restored = file_risks(demo_launch)[3]
    assert restored.title == before.title
    assert (restored.residual_likelihood, restored.residual_impact) == (None, None)


def test_adding_a_risk_writes_it_with_its_plans(qtbot, make_window, demo_launch):
    _, pane = risks_pane(make_window, demo_launch)
    pane.add_risk()
    dialog = pane.risk_dialog
    dialog.accept()
    assert dialog.isVisible() and "title" in dialog.error.text()
    dialog.title.setText("Cloud region outage on go-live night")
    dialog.likelihood.setCurrentIndex(dialog.likelihood.findData(2))
    dialog.impact.setCurrentIndex(dialog.impact.findData(5))
    dialog.owner.setCurrentText("Emma Clarke")
    dialog.mitigation.setPlainText("Second region warm")
    dialog.accept()
    qtbot.waitUntil(lambda: len(file_risks(demo_launch)) == 26, timeout=30_000)
    added = file_risks(demo_launch)[26]
    assert (added.title, added.likelihood, added.impact, added.owner, added.mitigation, added.status) == (
        "Cloud region outage on go-live night",
        2,
        5,
        "Emma Clarke",
        "Second region warm",
        "open",
    )
    qtbot.waitUntil(lambda: 26 in pane.visible_risk_ids(), timeout=30_000)
    assert pane.heatmap_model.index_of_cell(2, 5).data(HeatmapModel.COUNT_ROLE) >= 1


def test_read_only_window_offers_no_edits(make_window, demo_launch):
    window = make_window(demo_launch, read_only=True)
    window.show_pane("risks")
    pane = window.pane("risks")
    assert not pane.add_button.isEnabled() and not pane.edit_button.isEnabled()
    pane.select_risk(3)
    pane.edit_selected()
    assert pane.risk_dialog is None


def test_the_register_fits_a_laptop_screen_and_takes_one_line_a_row_on_a_wall(
    qtbot, make_window, demo_launch
):
    window, pane = risks_pane(make_window, demo_launch)
    table, header = pane.table, pane.table.horizontalHeader()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: table.lines_per_row() == 2, timeout=30_000)
    # Every column in view (Status and Contingency too), no sideways scrolling, and room for the titles.
    assert header.length() <= table.viewport().width()
    assert header.sectionSize(Column.TITLE) >= 120  # two lines of ten Japanese characters and more
    assert "\n" in pane.model.headerData(
        Column.CHANGE, Qt.Orientation.Horizontal
    )  # a long header on two lines

    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: table.lines_per_row() == 1, timeout=30_000)
    assert header.length() <= table.viewport().width()
    metrics = table.fontMetrics()
    widest = max(metrics.horizontalAdvance(t) for t in pane.model.texts(Column.TITLE))
    assert header.sectionSize(Column.TITLE) > widest  # every title whole on its one line
    change = max(metrics.horizontalAdvance(t) for t in pane.model.texts(Column.CHANGE))
    assert header.sectionSize(Column.CHANGE) > change  # "… → not reassessed" on one line too
    # The heat map takes what its grid needs, not half the pane.
    assert pane.splitter.sizes()[0] < pane.splitter.width() // 3
