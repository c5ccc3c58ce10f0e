"""The report's Hypercare KPIs section, read back from the PDF: each KPI against its target, the breaches,
and the same trend chart as the window; left out while no KPI has a value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cockpit.report.build import build_report
from cockpit.report.output import write_pdf
from cockpit.services.kpis import record_kpi_value
from cockpit.services.templates import create_from_template
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.unit.report.conftest import Pdf

GO_LIVE = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def standard_launch(tmp_path: Path) -> Path:
    path = tmp_path / "kpis.golive"
    create_from_template(path, name="Orders", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="lead")
    return path


def pdf_of(path: Path, tmp_path: Path) -> Pdf:
    with open_launch(path, read_only=True) as lf:
        data = load_launch(lf)
    pages = build_report(data, now=GO_LIVE + timedelta(days=3), paper="a4")
    return Pdf(write_pdf(pages, tmp_path / "report.pdf", title=data.launch.name))


def test_the_section_lists_each_kpi_against_its_target_and_the_breaches(tmp_path: Path) -> None:
    path = standard_launch(tmp_path)
    with open_launch(path) as lf:
        for hours, value in ((1, "99.95"), (2, "99.4")):
            record_kpi_value(lf, actor="ops", kpi="Uptime", value=value, at=GO_LIVE + timedelta(hours=hours))
        record_kpi_value(lf, actor="ops", kpi="Error rate", value="0.2", at=GO_LIVE + timedelta(hours=2))
    text = pdf_of(path, tmp_path).text
    assert "Hypercare KPIs" in text
    assert "KPIs: 1 of 5 breached" in text
    assert "KPIs against their targets" in text and "≥ 99.9 %" in text and "≤ 800 ms" in text
    assert "99.4 %" in text and "✖ not met" in text and "✔ met" in text
    assert "KPI breaches (1)" in text
    assert "KPI trends" in text  # the chart the Hypercare pane shows


def test_a_launch_without_kpi_values_has_no_kpi_section(tmp_path: Path) -> None:
    assert "Hypercare KPIs" not in pdf_of(standard_launch(tmp_path), tmp_path).text
