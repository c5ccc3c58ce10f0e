"""Rendering helpers and a Japanese catalogue for the chart tests."""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from pypdf import PdfReader

from cockpit import i18n

# The words these tests look for, as a Japanese catalogue would give them.
JAPANESE = {
    "Rare": "まれ",
    "Unlikely": "可能性低",
    "Possible": "可能性あり",
    "Likely": "可能性高",
    "Almost certain": "ほぼ確実",
    "Minimal": "軽微",
    "Minor": "小",
    "Moderate": "中",
    "Major": "大",
    "Severe": "甚大",
    "Risk heat map": "リスクヒートマップ",
    "Likelihood": "発生可能性",
    "Impact": "影響度",
    "No test runs yet": "テスト実行はまだありません",
    "Runbook time chart": "タイムチャート",
    "Planned": "計画",
}


class _Catalogue(gettext.NullTranslations):
    def __init__(self, messages: Mapping[str, str]) -> None:
        super().__init__()
        self._messages = dict(messages)

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)


@pytest.fixture
def japanese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every tr() in the charts answers from a small Japanese catalogue for the test's duration."""
    monkeypatch.setattr(i18n, "_translation", _Catalogue(JAPANESE))
    monkeypatch.setattr(i18n, "_language", "ja")
    yield


class Rendered:
    def __init__(self, png: Path, pdf: Path) -> None:
        self.png = png
        self.pdf = pdf

    def pdf_text(self) -> str:
        return "\n".join(page.extract_text() or "" for page in PdfReader(self.pdf).pages)


@pytest.fixture
def render(tmp_path: Path):
    """Save a figure as PNG (Agg) and PDF (vector), as the window and the report do, and check both files."""

    def _render(figure: Figure, name: str) -> Rendered:
        png, pdf = tmp_path / f"{name}.png", tmp_path / f"{name}.pdf"
        width, height = figure.get_size_inches() * figure.dpi
        FigureCanvasAgg(figure).print_png(png)
        with Image.open(png) as image:
            assert image.size == (round(width), round(height))
        # savefig goes through print_figure, which puts the screen dpi back after drawing at 72 dpi.
        figure.savefig(pdf, format="pdf")
        assert figure.dpi * figure.get_size_inches()[0] == width
        assert pdf.read_bytes().startswith(b"%PDF")
        assert len(PdfReader(pdf).pages) == 1
        return Rendered(png, pdf)

    return _render


def texts_with_gid(figure: Figure, prefix: str) -> dict[str, str]:
    """Text artists whose gid starts with ``prefix``: gid → the text shown."""
    return {
        t.get_gid(): t.get_text()
        for t in figure.findobj(Text)
        if isinstance(t.get_gid(), str) and t.get_gid().startswith(prefix)
    }


def all_text(figure: Figure) -> list[str]:
    """Every string drawn on the figure, tick labels and legend entries included (after a draw)."""
    FigureCanvasAgg(figure).draw()
    return [t.get_text() for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
