"""The page's words drawn without measuring them first land exactly where matplotlib's Text puts them."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from cockpit.charts import style
from cockpit.report.page_text import PageText
from cockpit.report.text import Measure

LINES = [
    ("Runbook: 23 of 40 steps done or skipped · 2 running", 8.5, "left"),
    ("受注明細の件数が一致しません（差異 12 件）", 7.5, "left"),
    ("○ 良好 △ 注意 × 要対応 — … 「承認者一覧」", 10.5, "left"),
    ("Ångström and a price of $5 and $6", 8.5, "left"),  # rises above the ascent; mathtext: Text draws it
    ("Page 3 of 11", 7.5, "right"),
    ("two\nlines", 8.5, "left"),
]


def page(kind: type[Text]) -> Figure:
    with style.chart_context():
        figure = Figure(figsize=(6, 3), facecolor="white")
        for index, (text, size, ha) in enumerate(LINES):
            x = 5.5 if ha == "right" else 0.3
            figure.add_artist(
                kind(
                    x,
                    2.8 - index * 0.45,
                    text,
                    transform=figure.dpi_scale_trans,
                    fontsize=size,
                    ha=ha,
                    va="top",
                )
            )
    return figure


def svg(figure: Figure) -> str:
    buffer = io.StringIO()
    with style.chart_context(), matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "test"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def pixels(figure: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(figure)
    with style.chart_context():
        canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def pdf_pages_as_drawn(figure: Figure) -> bytes:
    """The page's content stream: every glyph run with its position (compression off, fixed date)."""
    buffer = io.BytesIO()
    with style.chart_context(), matplotlib.rc_context({"pdf.fonttype": 42, "pdf.compression": 0}):
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None})
    return buffer.getvalue()


@pytest.mark.parametrize("render", [svg, pdf_pages_as_drawn, pixels], ids=["svg outlines", "pdf", "raster"])
def test_every_line_lands_where_text_puts_it(render):
    ours, theirs = render(page(PageText)), render(page(Text))
    if isinstance(ours, np.ndarray):
        assert np.array_equal(ours, theirs)  # a raster renderer hints: there Text draws every line
    else:
        assert ours == theirs


def test_a_plain_line_is_not_measured_and_the_others_are(monkeypatch):
    measured: list[str] = []
    real = Text._get_layout

    def spy(self, renderer):
        measured.append(self.get_text())
        return real(self, renderer)

    monkeypatch.setattr(Text, "_get_layout", spy)
    svg(page(PageText))
    assert measured == [text for text, _, _ in LINES[3:]]
    measured.clear()
    pdf_pages_as_drawn(page(PageText))
    assert measured == [text for text, _, _ in LINES[3:]]


def test_a_word_longer_than_the_line_is_cut_into_the_longest_pieces_that_fit():
    m = Measure()
    word = "com.example.billing.m12.InvoiceTest.issuesInvoice請求書を発行する" * 3
    for width in (0.02, 0.4, 1.3):
        pieces = m._hard_break(word, width, 7.5)
        assert "".join(pieces) == word
        for piece, rest in zip(pieces, pieces[1:], strict=False):
            assert len(piece) == 1 or m.width(piece, 7.5) <= width
            assert m.width(piece + rest[0], 7.5) > width  # one more character would not fit
