"""The status report built from real launches and read back from its PDF: what a lead looks for is there."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.text import Text

from cockpit.charts import style
from cockpit.domain.checklist import ItemStatus, is_overdue
from cockpit.domain.gate import evaluate_gate
from cockpit.report.build import build_report
from cockpit.report.output import write_pdf
from cockpit.services.demo import write_demo
from cockpit.services.runbook import step_action
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.words.gate import criterion_label
from tests.unit.report.conftest import Pdf, read

NOW = datetime.now(UTC)
A4_POINTS, LETTER_POINTS = (595, 842), (612, 792)


def report(data, tmp_path: Path, *, paper: str = "a4", now: datetime = NOW) -> Pdf:
    pages = build_report(data, now=now, paper=paper)
    path = write_pdf(pages, tmp_path / "report.pdf", title=data.launch.name)
    pdf = Pdf(path)
    assert len(pdf.reader.pages) == len(pages)
    return pdf


@pytest.fixture(scope="module")
def small_pdf(small_en, tmp_path_factory) -> Pdf:
    return report(small_en, tmp_path_factory.mktemp("pdf"))


def test_the_small_demo_report_says_what_a_lead_looks_for(small_en, small_pdf):
    pdf = small_pdf
    gate = evaluate_gate(small_en, now=NOW)
    count = len(pdf.pages)
    assert 6 <= count <= 16
    assert pdf.sizes() == {A4_POINTS}
    first = pdf.pages[0]
    assert small_en.launch.name in first
    assert "Decision: ▲ Pending · criteria met 4 of 9 · signed 2 of 4" in first
    assert "(Asia/Tokyo)" in first and ("until go-live" in first or "since go-live" in first)
    for result in gate.criteria:  # each criterion with its verdict and the numbers behind it
        assert criterion_label(result.criterion.kind, result.criterion.params) in first
        assert result.detail in first
    assert "✖ not met" in first and "✔ met" in first
    for signoff in small_en.signoffs:
        assert signoff.person in first
    for number, page in enumerate(pdf.pages, start=1):  # every page: header and footer
        assert page.count(small_en.launch.name) >= 1
        assert f"Page {number} of {count}" in page
        assert "Generated " in page
    for heading in ("Checklist", "Tests", "Migration", "Risks", "Support"):
        assert heading in pdf.text
    assert "Overdue and blocked items (10)" in pdf.text
    assert "Mismatched objects (2)" in pdf.text and "ORDER_LINES" in pdf.text
    assert "Backup checkpoint: ✖ 2 of 3 backup steps done" in pdf.text
    assert "Open red risks (1, 1 without a contingency plan)" in pdf.text
    assert "Open P1 tickets and tickets past their SLA" in pdf.text
    for title in (
        "Risk heat map",
        "Runbook time chart",
        "Open tickets over time",
        "Unit tests: pass rate per run",
    ):
        assert title in pdf.text  # the shared charts, as vector graphics with real text


def test_overdue_and_blocked_items_are_listed_with_why(small_en, small_pdf):
    pdf = small_pdf
    blocked = [i for i in small_en.checklist if i.status == ItemStatus.BLOCKED]
    overdue = [i for i in small_en.checklist if is_overdue(i, now=NOW)]
    assert blocked and overdue
    for item in blocked + overdue:
        assert item.title in pdf.text
    assert "⊘ blocked:" in pdf.text and "⚠ overdue by" in pdf.text


def test_the_fonts_are_embedded_as_truetype(small_pdf):
    pdf = small_pdf
    fonts = {}
    for page in pdf.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descendant["/FontDescriptor"].get_object()
    assert any("IPAexGothic" in name for name in fonts)
    assert all(fonts.values()), fonts  # Type 42: every font travels inside the PDF


def test_letter_paper(small_en, tmp_path):
    assert report(small_en, tmp_path, paper="letter").sizes() == {LETTER_POINTS}


def test_the_japanese_demo_renders_its_japanese_words(small_ja, tmp_path):
    pdf = report(small_ja, tmp_path)
    assert small_ja.launch.name == "販売管理システム サービスイン"
    assert small_ja.launch.name in pdf.pages[0]
    blocked = next(i for i in small_ja.checklist if i.status == ItemStatus.BLOCKED and i.is_gate)
    assert blocked.title in pdf.text  # a Japanese checklist title, listed as blocked
    assert "受注明細" in pdf.text  # a mismatched object, in the migration section


def test_every_character_on_every_page_has_a_glyph(small_ja):
    """No tofu: each character is in IPAexGothic or in DejaVu Sans, the fonts matplotlib falls back through."""
    pages = build_report(small_ja, now=NOW)
    covered: set[int] = set()
    for family in style.FONT_FAMILIES:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        covered |= set(TTFont(path).getBestCmap())
    seen = {ch for page in pages for text in page.findobj(Text) for ch in text.get_text() if not ch.isspace()}
    assert any("\u3040" <= ch <= "\u30ff" for ch in seen)  # kana: the Japanese data is on the pages
    assert {ch for ch in seen if ord(ch) not in covered} == set()


def test_a_brand_new_launch_reports_on_two_pages(empty, tmp_path):
    pdf = report(empty, tmp_path)
    assert len(pdf.pages) <= 2
    assert "Brand-new launch" in pdf.pages[0]
    assert "No checklist items yet" in pdf.text
    assert "No runbook step or migration object yet" in pdf.text
    assert "No risks registered yet." in pdf.text and "No tickets yet." in pdf.text
    assert "Nobody is on the sign-off list yet." in pdf.text
    assert "No Unit run imported yet" in pdf.text  # the criteria still say what is missing


def test_the_large_demo_lists_what_a_lead_needs_and_counts_the_rest(tmp_path):
    data = read(write_demo(tmp_path / "large.golive", size="large", lang="en", actor="t"))
    pdf = report(data, tmp_path)  # how fast is make bench's question, not this test's
    assert len(pdf.pages) <= 20  # 2,000 items and 5,000 tickets, yet a report, not a listing
    assert "… and 131 more in the Checklist pane" in pdf.text  # 161 overdue or blocked, 30 listed
    assert "more in the Support pane" in pdf.text
    assert "more in the Migration pane" in pdf.text
    assert "Showing rows" in pdf.text  # the time chart: a window of the 300 steps
    assert "(continued)" in pdf.text  # a long table continues on the next page under its heading


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pages_are_portrait_figures_of_the_paper(small_en, paper):
    pages = build_report(small_en, now=NOW, paper=paper)
    size = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}[paper]
    assert all(tuple(round(float(x), 2) for x in p.get_size_inches()) == size for p in pages)


def test_a_failed_retried_and_a_skipped_step_are_listed_with_why(tmp_path):
    path = write_demo(tmp_path / "d.golive", size="small", lang="en", actor="t")
    with open_launch(path) as lf:
        steps = load_launch(lf).steps
        running = next(s for s in steps if s.status == "running")
        pending = next(s for s in reversed(steps) if s.status == "pending")  # nothing after it has started
        step_action(lf, actor="sato", step_id=running.id, action="fail", reason="Tablespace full")
        step_action(lf, actor="sato", step_id=running.id, action="retry")
        step_action(lf, actor="sato", step_id=pending.id, action="skip", reason="Not needed this wave")
        data = load_launch(lf)
    pdf = report(data, tmp_path)
    assert "Failed, retried and skipped steps (2)" in pdf.text
    assert f"#{running.seq} {running.title}" in pdf.text and "Attempt 1 failed" in pdf.text
    assert "Tablespace full" in pdf.text and "Not needed this wave" in pdf.text
