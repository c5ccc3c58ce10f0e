"""The status report in Japanese, read back from the PDF: none of the report's own English words is left (its
headings, column names, verdicts), so a 部長 reading the printed pack never meets one."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from cockpit import i18n
from cockpit.report.build import build_report
from cockpit.report.output import write_pdf
from tests.paths import REPO
from tests.unit.report.conftest import Pdf

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
CATALOG = REPO / "resources" / "locale" / "ja" / "LC_MESSAGES" / "cockpit.po"


def report_words() -> set[str]:
    """The English strings the report's own code shows, which Japanese translates (not "Go", not "SLA")."""
    words = set()
    for message in read_po(CATALOG.open(encoding="utf-8")):
        if not message.id or not any(path.startswith("cockpit/report/") for path, _line in message.locations):
            continue
        for text in [message.id] if isinstance(message.id, str) else message.id:
            shown = re.sub(r"\{[^}]*\}", "", text).strip(" :·—")
            if (
                shown
                and re.search(r"[A-Za-z]{3,}", shown)
                and message.string
                and message.string != message.id
            ):
                words.add(shown)
    return words


@pytest.fixture
def japanese(monkeypatch):
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    i18n.set_language("ja")


def test_the_japanese_report_holds_none_of_its_english_words(small_ja, japanese, tmp_path: Path):
    pdf = Pdf(write_pdf(build_report(small_ja, now=NOW), tmp_path / "report.pdf", title=small_ja.launch.name))
    words = report_words()
    assert len(words) > 50  # the headings, columns and verdicts are all in the catalog
    left = sorted(w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", pdf.text))
    assert not left, f"English left in the Japanese report: {left}"
    assert "状況報告書" in pdf.pages[0] and "移行判定" in pdf.pages[0]
