"""``cockpit minutes``: the round's minutes as a PDF, read back as text, in English and in Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.in_process import Cockpit


@pytest.fixture
def decided(cli: Cockpit, launch_path: Path) -> Path:
    cli.ok("person", "add", launch_path, "--name", "佐藤 健", "--login", "ksato", "--role", "PM")
    cli.ok("person", "add", launch_path, "--name", "Ito Mai", "--login", "mito", "--role", "QA lead")
    cli.ok("signer", "add", launch_path, "ksato")
    cli.ok("signer", "add", launch_path, "mito")
    cli.ok("round", "open", launch_path, "--chair", "ksato", "--attendee", "mito")
    cli.ok(
        "round", "sign", launch_path, "--as", "ksato", "--verdict", "conditional",
        "--condition", "本番データ移行リハーサル完了", "--owner", "mito", "--due", "2026-11-28T18:00",
        "--condition", "Restore tested", "--owner", "ksato", "--due", "2026-11-29T18:00",
    )  # fmt: skip
    cli.ok(
        "round", "sign", launch_path, "--as", "mito", "--verdict", "no_go", "--comment", "UAT not finished"
    )
    cli.ok("round", "decide", launch_path, "--decision", "conditional", "--comment", "Go when both are met")
    return launch_path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Go/no-go meeting 1", "Attendees", "Conditional go", "No-go", "Verdicts", "Minutes"]),
        ("ja", ["第1回移行判定会議", "出席者", "条件付きGo", "議事録"]),
    ],
)
def test_minutes_hold_attendees_verdicts_conditions_and_the_hash(
    cli: Cockpit, decided: Path, tmp_path: Path, lang: str, words: list[str]
) -> None:
    sha256 = cli.ok("round", "list", decided, "--json").json()[0]["evidence_sha256"]
    out = tmp_path / f"minutes-{lang}.pdf"
    ran = cli.ok("minutes", decided, "1", "--out", out, "--lang", lang, "--json").json()
    assert ran["path"] == str(out) and ran["pages"] >= 1
    text = _text(out)
    for expected in [
        *words,
        "佐藤 健",
        "Ito Mai",
        "UAT not finished",
        "本番データ移行リハーサル完了",
        "Restore tested",
    ]:
        assert expected in text, expected
    assert sha256 in text.replace("\n", "")


def test_minutes_of_a_round_that_does_not_exist(cli: Cockpit, decided: Path, tmp_path: Path) -> None:
    ran = cli("minutes", decided, "3", "--out", tmp_path / "m.pdf")
    assert ran.code == 2 and "There is no round 3; the rounds are: 1." in ran.err
    assert not (tmp_path / "m.pdf").exists()
