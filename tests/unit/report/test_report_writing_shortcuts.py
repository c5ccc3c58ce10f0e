"""What makes the report quick to write (issue 15) leaves its pages as they were: the same words on the
same pages, drawn in the same places."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_pdf import PdfPages
from PIL import Image
from pypdf import PdfReader

from cockpit.charts import style
from cockpit.report.build import build_report
from cockpit.report.output import PDF_RC, SVG_RC, qt_friendly_svg, write_pdf, write_svgs
from cockpit.report.text_memory import remembered_text

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
NUMBER = re.compile(rb"-?\d+\.\d+|-?\d+")


def pages_of(data):
    return build_report(data, now=NOW)


def plainly(pages, path: Path) -> Path:
    """The pages as matplotlib writes them with none of the report's shortcuts, one after the other."""
    with style.chart_context(), matplotlib.rc_context(PDF_RC), PdfPages(path) as pdf:
        for page in pages:
            pdf.savefig(page)
    return path


def words_by_page(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def drawn(path: Path) -> list[tuple[bytes, list[float]]]:
    """Each page's drawing: its operators and names, and its numbers (positions, sizes, colours)."""
    out = []
    for page in PdfReader(path).pages:
        content = page.get_contents()
        assert content is not None
        data = content.get_data()
        out.append((NUMBER.sub(b"#", data), [float(n) for n in NUMBER.findall(data)]))
    return out


def test_remembered_text_draws_every_page_as_matplotlib_does(small_en, tmp_path):
    theirs = plainly(pages_of(small_en), tmp_path / "plain.pdf")
    with remembered_text():
        ours = plainly(pages_of(small_en), tmp_path / "remembered.pdf")
    assert words_by_page(ours) == words_by_page(theirs)
    for (our_ops, our_numbers), (their_ops, their_numbers) in zip(drawn(ours), drawn(theirs), strict=True):
        assert our_ops == their_ops
        assert our_numbers == pytest.approx(their_numbers, abs=1e-6)  # PDF writes 10 decimals


def test_the_report_draws_what_matplotlib_draws(small_en, tmp_path):
    """Charts laid out before saving, text remembered, fonts without shaping tables: the same drawing."""
    theirs = plainly(pages_of(small_en), tmp_path / "plain.pdf")
    ours = write_pdf(pages_of(small_en), tmp_path / "report.pdf")
    assert words_by_page(ours) == words_by_page(theirs)
    for (our_ops, our_numbers), (their_ops, their_numbers) in zip(drawn(ours), drawn(theirs), strict=True):
        assert our_ops == their_ops
        assert our_numbers == pytest.approx(their_numbers, abs=1e-6)
    fonts = PdfReader(ours).pages[0]["/Resources"]["/Font"]
    embedded = {font.get_object()["/BaseFont"].split("+")[-1] for font in fonts.values()}
    assert "IPAexGothic" in embedded  # still TrueType, still text


def pictures(pdf: Path, folder: Path) -> list[np.ndarray]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "page")], check=True)
    return [np.asarray(Image.open(page), dtype=int) for page in sorted(folder.glob("page-*"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_japanese_report_looks_as_matplotlib_draws_it(small_ja, tmp_path):
    theirs = pictures(plainly(pages_of(small_ja), tmp_path / "plain.pdf"), tmp_path / "plain")
    ours = pictures(write_pdf(pages_of(small_ja), tmp_path / "report.pdf"), tmp_path / "report")
    assert len(ours) == len(theirs) == len(PdfReader(tmp_path / "report.pdf").pages)
    for our_page, their_page in zip(ours, theirs, strict=True):
        assert np.array_equal(our_page, their_page)


def test_svg_pages_are_drawn_as_matplotlib_draws_them(small_en, tmp_path):
    (tmp_path / "plain").mkdir()
    (tmp_path / "report").mkdir()
    with style.chart_context(), matplotlib.rc_context(SVG_RC):
        for number, page in enumerate(pages_of(small_en), start=1):
            page.savefig(tmp_path / "plain" / f"page-{number:03d}.svg", format="svg")
    ours = write_svgs(pages_of(small_en), tmp_path / "report")
    assert [p.name for p in ours] == sorted(p.name for p in (tmp_path / "plain").iterdir())
    for path in ours:
        our_marks, our_numbers = svg_drawing(path)
        their_marks, their_numbers = svg_drawing(tmp_path / "plain" / path.name, for_printing=True)
        assert our_marks == their_marks
        assert our_numbers == pytest.approx(their_numbers, abs=1e-5)  # SVG writes 6 decimals


def svg_drawing(path: Path, *, for_printing: bool = False) -> tuple[str, list[float]]:
    """An SVG page's elements and its numbers; without its date, and its clip paths' names (hashes of
    their rectangles, which change with the last bit of a coordinate)."""
    svg = path.read_text(encoding="utf-8")
    if for_printing:
        svg = qt_friendly_svg(svg)
    svg = re.sub(r"<dc:date>[^<]*</dc:date>", "", svg)
    svg = re.sub(r"#?p[0-9a-f]{10}\b", "clip", svg)
    numbers = re.findall(r"-?\d+\.\d+|-?\d+", svg)
    return re.sub(r"-?\d+\.\d+|-?\d+", "#", svg), [float(n) for n in numbers]


def test_on_a_matplotlib_the_shortcuts_were_not_tested_on_the_pages_are_written_the_plain_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import matplotlib._text_helpers
    from matplotlib.backends import _backend_pdf_ps

    from cockpit.report.pdf_fonts import lean_font_subsets

    layout, subset = matplotlib._text_helpers.layout, _backend_pdf_ps.subset
    with remembered_text(), lean_font_subsets():
        assert matplotlib._text_helpers.layout is not layout  # swapped on the version they were tested on
    monkeypatch.setattr(matplotlib, "__version__", "3.99.0")
    with remembered_text(), lean_font_subsets():
        assert matplotlib._text_helpers.layout is layout and _backend_pdf_ps.subset is subset
    assert matplotlib._text_helpers.layout is layout
