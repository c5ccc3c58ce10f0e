"""What makes the report quick to write (issue 15) leaves its pages as they were: the same words on the
same pages, in the same places, and the pages in order when a second process writes half of them."""

from __future__ import annotations

import os
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
from cockpit.report import two_cores
from cockpit.report.build import build_report
from cockpit.report.output import PDF_RC, write_pdf, write_svgs
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


def one_core(monkeypatch):
    monkeypatch.setattr(two_cores, "second_core_free", lambda _count: False)


def test_remembered_text_draws_every_page_as_matplotlib_does(small_en, tmp_path):
    theirs = plainly(pages_of(small_en), tmp_path / "plain.pdf")
    with remembered_text():
        ours = plainly(pages_of(small_en), tmp_path / "remembered.pdf")
    assert words_by_page(ours) == words_by_page(theirs)
    for (our_ops, our_numbers), (their_ops, their_numbers) in zip(drawn(ours), drawn(theirs), strict=True):
        assert our_ops == their_ops
        assert our_numbers == pytest.approx(their_numbers, abs=1e-6)  # PDF writes 10 decimals


def test_the_report_on_one_core_draws_what_matplotlib_draws(small_en, tmp_path, monkeypatch):
    """Charts laid out before saving, text remembered, fonts without shaping tables: the same drawing."""
    one_core(monkeypatch)
    theirs = plainly(pages_of(small_en), tmp_path / "plain.pdf")
    ours = write_pdf(pages_of(small_en), tmp_path / "report.pdf")
    assert words_by_page(ours) == words_by_page(theirs)
    for (our_ops, our_numbers), (their_ops, their_numbers) in zip(drawn(ours), drawn(theirs), strict=True):
        assert our_ops == their_ops
        assert our_numbers == pytest.approx(their_numbers, abs=1e-6)
    fonts = PdfReader(ours).pages[0]["/Resources"]["/Font"]
    embedded = {font.get_object()["/BaseFont"].split("+")[-1] for font in fonts.values()}
    assert "IPAexGothic" in embedded  # still TrueType, still text


needs_a_second_core = pytest.mark.skipif(
    not two_cores.second_core_free(two_cores.MIN_PAGES),
    reason="this test process cannot fork onto a second core (one core, or other threads running)",
)


@needs_a_second_core
def test_two_cores_give_the_same_pages_in_the_same_order(small_en, tmp_path, monkeypatch):
    both = write_pdf(pages_of(small_en), tmp_path / "both.pdf", title="Two cores")
    one_core(monkeypatch)
    alone = write_pdf(pages_of(small_en), tmp_path / "alone.pdf", title="Two cores")
    words = words_by_page(both)
    assert len(words) >= two_cores.MIN_PAGES
    assert words == words_by_page(alone)
    for number, page_words in enumerate(words, start=1):
        assert f"Page {number} of {len(words)}" in page_words
    assert PdfReader(both).metadata["/Title"] == "Two cores"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone.pdf", "both.pdf"]  # no halves left


@needs_a_second_core
def test_when_the_copy_fails_every_page_is_written_here(small_en, tmp_path, monkeypatch):
    parent = os.getpid()
    real_savefig = PdfPages.savefig

    def fails_in_the_copy(self, figure=None, **kwargs):
        if os.getpid() != parent:
            raise MemoryError("the copy ran out of memory")
        real_savefig(self, figure, **kwargs)

    monkeypatch.setattr(PdfPages, "savefig", fails_in_the_copy)
    done: list[tuple[int, int]] = []
    path = write_pdf(pages_of(small_en), tmp_path / "report.pdf", page_done=lambda n, m: done.append((n, m)))
    words = words_by_page(path)
    for number, page_words in enumerate(words, start=1):
        assert f"Page {number} of {len(words)}" in page_words
    assert done[-1] == (len(words), len(words))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


@needs_a_second_core
def test_svg_pages_from_two_cores_are_those_of_one(small_en, tmp_path, monkeypatch):
    (tmp_path / "both").mkdir()
    (tmp_path / "alone").mkdir()
    both = write_svgs(pages_of(small_en), tmp_path / "both")
    one_core(monkeypatch)
    alone = write_svgs(pages_of(small_en), tmp_path / "alone")
    assert [p.name for p in both] == [p.name for p in alone]

    for ours, theirs in zip(both, alone, strict=True):
        our_marks, our_numbers = svg_drawing(ours)
        their_marks, their_numbers = svg_drawing(theirs)
        assert our_marks == their_marks
        assert our_numbers == pytest.approx(their_numbers, abs=1e-5)  # SVG writes 6 decimals


def svg_drawing(path: Path) -> tuple[str, list[float]]:
    """An SVG page's elements and its numbers; without its date, and its clip paths' names (hashes of
    their rectangles, which change with the last bit of a coordinate)."""
    svg = re.sub(r"<dc:date>[^<]*</dc:date>", "", path.read_text(encoding="utf-8"))
    svg = re.sub(r"#?p[0-9a-f]{10}\b", "clip", svg)
    numbers = re.findall(r"-?\d+\.\d+|-?\d+", svg)
    return re.sub(r"-?\d+\.\d+|-?\d+", "#", svg), [float(n) for n in numbers]


def pictures(pdf: Path, folder: Path) -> list[np.ndarray]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "page")], check=True)
    return [np.asarray(Image.open(page), dtype=int) for page in sorted(folder.glob("page-*"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_the_japanese_report_looks_as_matplotlib_draws_it(small_ja, tmp_path, monkeypatch):
    theirs = pictures(plainly(pages_of(small_ja), tmp_path / "plain.pdf"), tmp_path / "plain")
    both = pictures(write_pdf(pages_of(small_ja), tmp_path / "both.pdf"), tmp_path / "both")
    one_core(monkeypatch)
    alone = pictures(write_pdf(pages_of(small_ja), tmp_path / "alone.pdf"), tmp_path / "alone")
    assert len(theirs) == len(alone) == len(both)
    for plain_page, alone_page, both_page in zip(theirs, alone, both, strict=True):
        assert np.array_equal(alone_page, plain_page)
        # Two files embed two subsets of each font: a glyph's edge may shade a little differently.
        assert np.abs(both_page - alone_page).mean() < 0.5
