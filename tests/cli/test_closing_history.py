"""The closing report's go/no-go history and the cutover against plan and rehearsals, on a launch made with
``cockpit new`` and set up with the CLI; the PDF read back as text (English and Japanese).

Runbook (plan 00:00–03:30, 210 min): Backup 60, Load 120, Verify 30.
Rehearsal 1 times all three, 00:00–04:00: 240 min, +14.3 % against plan. Rehearsal 2 times two: not finished.
Live: Backup 00:00–01:05, Load 01:05–03:05, Verify 03:05–03:40: 220 min, +4.8 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_rehearsal_commands import DAY, JST, live, rehearse, runbook


@pytest.fixture
def launch(tmp_path: Path, cli) -> Path:
    path = tmp_path / "closing.golive"
    cli.ok("new", path, "--name", "販売管理", "--go-live", f"{DAY}09:00{JST}", "--timezone", "Asia/Tokyo",
           "--template", "empty")  # fmt: skip
    cli.ok("launch", "set", path, "--rollback-deadline", f"{DAY}04:00{JST}")
    for name, login, role in [("Sato Ken", "ksato", "PM"), ("Ito Mai", "mito", "QA lead")]:
        cli.ok("person", "add", path, "--name", name, "--login", login, "--role", role)
        cli.ok("signer", "add", path, login)
    return path


def two_rounds(cli, launch: Path) -> tuple[str, str]:
    """Round 1: a conditional go with two conditions (one met afterwards, one overdue); round 2: a go."""
    first = cli.ok("round", "open", launch, "--chair", "ksato", "--attendee", "mito", "--json").json()
    cli.ok(
        "round", "sign", launch, "--as", "ksato", "--verdict", "conditional",
        "--condition", "UAT regression rerun", "--owner", "mito", "--due", "2026-11-28T18:00",
        "--condition", "Backup restore tested", "--owner", "ksato", "--due", "2026-11-29T18:00",
    )  # fmt: skip
    cli.ok("round", "sign", launch, "--as", "mito", "--verdict", "go")
    cli.ok("round", "decide", launch, "--decision", "conditional", "--comment", "Go once both are done")
    rerun = cli.ok("condition", "list", launch, "--json").json()[0]
    cli.ok("condition", "met", launch, str(rerun["id"]), "--evidence", "Run 42 green", "--as", "mito")
    second = cli.ok("round", "open", launch, "--chair", "ksato", "--title", "最終移行判定", "--json").json()
    cli.ok("round", "sign", launch, "--as", "ksato", "--verdict", "go")
    cli.ok("round", "sign", launch, "--as", "mito", "--verdict", "go")
    cli.ok("round", "decide", launch, "--decision", "go")
    return first["evidence_sha256"], second["evidence_sha256"]


def rehearsed_and_run(cli, launch: Path, monkeypatch) -> None:
    backup, load, verify = runbook(cli, launch)
    rehearse(
        cli,
        launch,
        "2026-11-01T",
        {backup: ("00:00", "01:10"), load: ("01:10", "03:40"), verify: ("03:40", "04:00")},
    )
    rehearse(cli, launch, "2026-11-15T", {backup: ("00:00", "00:50"), load: ("00:50", "02:30")})
    for step, move, clock in [
        (backup, "start", "00:00"),
        (backup, "finish", "01:05"),
        (load, "start", "01:05"),
        (load, "finish", "03:05"),
        (verify, "start", "03:05"),
        (verify, "finish", "03:40"),
    ]:
        live(monkeypatch, cli, launch, step, move, clock)


def closing_text(cli, launch: Path, out: Path, lang: str) -> str:
    cli.ok("report", launch, "--kind", "closing", "--out", out, "--lang", lang)
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(out).pages).split())


def test_the_closing_report_holds_the_go_no_go_history_and_the_cutover_against_rehearsals(
    cli, launch, tmp_path, monkeypatch
):
    first, second = two_rounds(cli, launch)
    rehearsed_and_run(cli, launch, monkeypatch)
    words = closing_text(cli, launch, tmp_path / "closing.pdf", "en")

    assert "Go/no-go history" in words and "Go/no-go meetings" in words
    # Each meeting: title, held, chair, decision, verdict counts, conditions met.
    assert (
        "Go/no-go meeting 1" in words and "Sato Ken Conditional go Go 1, Conditional go 1 1 of 2 met" in words
    )
    assert "最終移行判定" in words and "Sato Ken Go Go 2 —" in words
    # Each condition and its state: the met one with who and the evidence, the other overdue.
    assert "UAT regression rerun mito 2026-11-28 18:00 met by mito at" in words and "Run 42 green" in words
    assert "Backup restore tested ksato 2026-11-29 18:00 overdue" in words
    # The evidence hashes, whole.
    flat = words.replace(" ", "")
    assert first in flat and second in flat

    # The cutover window per run, and the per-step comparison with the rehearsal forecast.
    assert "The cutover window: plan, rehearsals and live" in words
    assert "Plan 2026-12-01 00:00 2026-12-01 03:30 3h 30m — 3/3" in words
    assert "Rehearsal 1 2026-11-01 00:00 2026-11-01 04:00 4h 00m +14.3% 3/3" in words
    assert "Rehearsal 2 2026-11-15 00:00 — — not finished 2/3" in words
    assert "Live 2026-12-01 00:00 2026-12-01 03:40 3h 40m +4.8% 3/3" in words
    assert "Rehearsals against plan and live (2)" in words
    assert "Rehearsal forecast: ETA P50" in words


def test_the_closing_history_reads_in_japanese(cli, launch, tmp_path, monkeypatch):
    two_rounds(cli, launch)
    rehearsed_and_run(cli, launch, monkeypatch)
    words = closing_text(cli, launch, tmp_path / "closing-ja.pdf", "ja").replace(" ", "")
    for english in ("Go/no-go history", "The cutover window", "Against plan", "not finished"):
        assert english.replace(" ", "") not in words
    assert "最終移行判定" in words and "第1回移行判定会議" in words


def test_without_meetings_or_rehearsals_the_history_says_so(cli, launch, tmp_path):
    words = closing_text(cli, launch, tmp_path / "plain.pdf", "en")
    assert "No go/no-go meeting was held: the decision is the sign-offs above." in words
    assert "The cutover window" not in words
