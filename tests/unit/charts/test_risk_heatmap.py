"""The risk heat map shows the domain's counts, in the zone colours, with words on the axes."""

from __future__ import annotations

from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle

from cockpit.charts import style
from cockpit.charts.risks import risk_heatmap
from cockpit.domain.risks import Risk, RiskStatus, RiskThresholds, Zone, heatmap

from .conftest import all_text, texts_with_gid

RISKS = [
    Risk(id=1, title="データ移行遅延", likelihood=4, impact=5),
    Risk(id=2, title="b", likelihood=4, impact=5),
    Risk(id=3, title="c", likelihood=1, impact=1),
    Risk(id=4, title="d", likelihood=3, impact=2, status=RiskStatus.OCCURRED),
    Risk(id=5, title="closed", likelihood=5, impact=5, status=RiskStatus.CLOSED),
    Risk(
        id=6,
        title="mitigated",
        likelihood=2,
        impact=4,
        status=RiskStatus.MITIGATED,
        residual_likelihood=1,
        residual_impact=2,
    ),
]


def _shown_counts(figure) -> dict[tuple[int, int], int]:
    shown = texts_with_gid(figure, "count-")
    return {(int(g.split("-")[1]), int(g.split("-")[2])): int(text) for g, text in shown.items()}


def _expected_counts(counts) -> dict[tuple[int, int], int]:
    return {
        (likelihood + 1, impact + 1): n
        for likelihood, row in enumerate(counts)
        for impact, n in enumerate(row)
        if n
    }


def test_cell_counts_are_the_heatmaps_counts(render) -> None:
    figure = risk_heatmap(RISKS, thresholds=RiskThresholds())
    render(figure, "heatmap")
    assert _shown_counts(figure) == _expected_counts(heatmap(RISKS, open_only=True))
    assert _shown_counts(figure) == {(4, 5): 2, (1, 1): 1, (3, 2): 1}


def test_closed_risks_count_when_asked_and_residual_ratings_move_risks(render) -> None:
    everything = risk_heatmap(RISKS, thresholds=RiskThresholds(), open_only=False)
    assert _shown_counts(everything) == {(4, 5): 2, (1, 1): 1, (3, 2): 1, (5, 5): 1, (2, 4): 1}
    residual = risk_heatmap(RISKS, thresholds=RiskThresholds(), open_only=False, residual=True)
    assert _shown_counts(residual)[(1, 2)] == 1 and (2, 4) not in _shown_counts(residual)
    render(residual, "heatmap-residual")


def test_cells_take_the_zone_of_their_score_under_the_launchs_thresholds() -> None:
    def fill(figure, likelihood: int, impact: int) -> str:
        (cell,) = [p for p in figure.findobj(Rectangle) if p.get_gid() == f"cell-{likelihood}-{impact}"]
        return to_hex(cell.get_facecolor())

    default = risk_heatmap(RISKS, thresholds=RiskThresholds(red_min=15, amber_min=5))
    assert fill(default, 4, 5) == style.ZONE_FILLS[Zone.RED].lower()
    assert fill(default, 1, 4) == style.ZONE_FILLS[Zone.GREEN].lower()
    strict = risk_heatmap(RISKS, thresholds=RiskThresholds(red_min=25, amber_min=4))
    assert fill(strict, 4, 5) == style.ZONE_FILLS[Zone.AMBER].lower()
    assert fill(strict, 1, 4) == style.ZONE_FILLS[Zone.AMBER].lower()
    # Colour is never alone: every cell carries its zone's symbol.
    symbols = texts_with_gid(strict, "symbol-")
    assert symbols["symbol-5-5"] == "×" and symbols["symbol-4-5"] == "△" and symbols["symbol-1-1"] == "○"


def test_legend_counts_risks_per_zone() -> None:
    texts = all_text(risk_heatmap(RISKS, thresholds=RiskThresholds()))
    assert "× Red: 2" in texts and "△ Amber: 1" in texts and "○ Green: 1" in texts


def test_axes_read_in_words_in_english_and_in_japanese(render, japanese) -> None:
    figure = risk_heatmap(RISKS, thresholds=RiskThresholds())
    render(figure, "heatmap-ja")
    axes = figure.axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()] == [
        "1 まれ",
        "2 可能性低",
        "3 可能性あり",
        "4 可能性高",
        "5 ほぼ確実",
    ]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["1\n軽微", "2\n小", "3\n中", "4\n大", "5\n甚大"]
    assert axes.get_xlabel() == "影響度" and axes.get_ylabel() == "発生可能性"
    assert figure.get_suptitle() == "リスクヒートマップ"


def test_english_words_on_the_axes() -> None:
    axes = risk_heatmap([], thresholds=RiskThresholds()).axes[0]
    assert [t.get_text() for t in axes.get_yticklabels()][::4] == ["1 Rare", "5 Almost certain"]
    assert [t.get_text() for t in axes.get_xticklabels()][::4] == ["1\nMinimal", "5\nSevere"]


def test_no_open_risks_says_so_on_an_empty_grid(render) -> None:
    figure = risk_heatmap([RISKS[4]], thresholds=RiskThresholds())
    render(figure, "heatmap-empty")
    assert texts_with_gid(figure, "count-") == {}
    assert texts_with_gid(figure, "empty-message") == {"empty-message": "No open risks"}
