"""The status report prints the review notes in a section of their own; a launch without notes has none."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from tests.cli.in_process import Cockpit


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_report_lists_the_review_notes(cli: Cockpit, tmp_path: Path) -> None:
    live = tmp_path / "ledger.golive"
    cli.ok("new", live, "--name", "Ledger", "--go-live", "2027-03-01T09:00+09:00", "--template", "empty")
    cli.ok("risk", "add", live, "--title", "Key user absent", "--likelihood", "3", "--impact", "4")
    without = tmp_path / "without.pdf"
    cli.ok("report", live, "--out", without)
    assert "Review notes" not in pdf_text(without)

    cli.ok(
        "note",
        "add",
        live,
        "--table",
        "risks",
        "--id",
        "1",
        "--text",
        "Contingency plan is thin",
        "--as",
        "lead",
    )
    cli.ok("note", "add", live, "--text", "Ready for the go/no-go meeting", "--as", "lead")
    out = tmp_path / "with.pdf"
    cli.ok("report", live, "--out", out)
    text = pdf_text(out)
    assert "Review notes (2, newest first)" in text
    assert "risk #1 Contingency plan is thin" in text
    assert "the launch Ready for the go/no-go meeting" in text
