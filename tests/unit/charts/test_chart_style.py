"""What every chart shares: the bundled Japanese font, no pyplot, no leaked matplotlib settings."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg

from cockpit.charts import style
from cockpit.charts.risks import risk_heatmap
from cockpit.domain.risks import Risk, RiskThresholds
from tests.paths import REPO

ROOT = REPO


def test_the_bundled_font_is_matplotlib_fontjas_ipaexgothic() -> None:
    path = style.bundled_font_path()
    assert path is not None and path.name == "ipaexg.ttf" and path.parent.parent.name == "matplotlib_fontja"


def test_a_japanese_title_and_every_label_resolve_to_the_bundled_font(render) -> None:
    figure = risk_heatmap(
        [Risk(id=1, title="r", likelihood=2, impact=3)], thresholds=RiskThresholds(), title="リスク一覧"
    )
    render(figure, "japanese-title")  # draws: ticks created at draw time must keep the font too
    title = figure.get_suptitle()
    assert title == "リスク一覧"
    bundled = str(style.bundled_font_path())
    assert font_manager.findfont(figure._suptitle.get_fontproperties()) == bundled
    axes = figure.axes[0]
    for label in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        assert font_manager.findfont(label.get_fontproperties()) == bundled, label.get_text()


def test_the_bundled_font_wins_over_a_system_ipaexgothic(tmp_path: Path) -> None:
    """A machine with IPAexGothic installed has a second font of that name, known before ours."""
    system_copy = tmp_path / "system-fonts" / "ipaexg.ttf"
    system_copy.parent.mkdir()
    bundled = style.bundled_font_path()
    assert bundled is not None
    system_copy.write_bytes(bundled.read_bytes())
    script = textwrap.dedent(
        f"""
        from matplotlib import font_manager
        font_manager.fontManager.addfont({str(system_copy)!r})  # as if found among the system's fonts

        from cockpit.charts.risks import risk_heatmap
        from cockpit.domain.risks import RiskThresholds

        figure = risk_heatmap([], thresholds=RiskThresholds(), title="リスク一覧")
        print(font_manager.findfont(figure._suptitle.get_fontproperties()))
        """
    )
    found = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.strip().splitlines()[-1] == str(bundled)


def test_japanese_text_is_real_text_in_the_pdf(render) -> None:
    figure = risk_heatmap([], thresholds=RiskThresholds(), title="リスクヒートマップ（本番移行）")
    assert "リスクヒートマップ（本番移行）" in render(figure, "japanese-pdf").pdf_text()


def test_building_charts_leaves_matplotlibs_global_settings_alone() -> None:
    before = dict(matplotlib.rcParams)
    FigureCanvasAgg(risk_heatmap([], thresholds=RiskThresholds())).draw()
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()
    assert style.FONT_FAMILY not in matplotlib.rcParams["font.family"]


def test_no_pyplot_and_no_eager_imports_in_a_fresh_process(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from datetime import datetime, timedelta, timezone

        import cockpit.charts
        assert "matplotlib" not in sys.modules, "importing cockpit.charts must not load matplotlib"

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from cockpit.charts.migration import reconciliation_bars
        from cockpit.charts.risks import risk_heatmap
        from cockpit.charts.runbook import runbook_timeline
        from cockpit.charts.support import open_tickets_over_time
        from cockpit.charts.tests import test_trend
        from cockpit.domain.migration import MigrationObject, RunbookStep, StepKind, forecast_runbook
        from cockpit.domain.risks import Risk, RiskThresholds
        from cockpit.domain.support import Severity, Ticket
        from cockpit.domain.tests import TestLevel, TestRun

        now = datetime(2026, 12, 1, 0, 0, tzinfo=timezone.utc)
        step = RunbookStep(id=1, seq=1, title="停止", kind=StepKind.BACKUP, planned_start=now, planned_minutes=30)
        figures = [
            risk_heatmap([Risk(id=1, title="r", likelihood=3, impact=4)], thresholds=RiskThresholds()),
            test_trend([TestRun(id=1, level=TestLevel.UAT, name="UAT-1", total=10, passed=9, failed=1)],
                       level=TestLevel.UAT, threshold=0.95),
            runbook_timeline(forecast_runbook([step], now=now, rollback_deadline=None), now=now,
                             rollback_deadline=None, tz="Asia/Tokyo"),
            open_tickets_over_time([Ticket(id=1, title="t", severity=Severity.P1, opened_at=now - timedelta(hours=2))],
                                   now=now, tz="Asia/Tokyo"),
            reconciliation_bars([MigrationObject(id=1, name="顧客", source_rows=10, target_rows=9)]),
        ]
        for figure in figures:
            FigureCanvasAgg(figure).draw()
        print(sorted(m for m in ("matplotlib.pyplot", "matplotlib_fontja", "PySide6") if m in sys.modules))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_facts_wrap_between_facts_counting_japanese_as_double_width() -> None:
    assert style.display_width("abc") == 3
    assert style.display_width("移行") == 4
    assert style._wrap_facts(["a" * 10, "b" * 10, "c" * 10], 23) == "aaaaaaaaaa · bbbbbbbbbb\ncccccccccc"
    assert style._wrap_facts(["移行" * 5, "x"], 22) == "移行移行移行移行移行\nx"
