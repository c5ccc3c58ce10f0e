"""``cockpit verify``: a file edited with a plain SQLite tool is caught, and the first mismatch is named."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.cli.in_process import Cockpit


@pytest.fixture
def decided(cli: Cockpit, launch_path: Path) -> Path:
    cli.ok("person", "add", launch_path, "--name", "Sato Ken", "--login", "ksato")
    cli.ok("signer", "add", launch_path, "ksato")
    cli.ok("round", "open", launch_path, "--chair", "ksato")
    cli.ok("round", "sign", launch_path, "--as", "ksato", "--verdict", "go")
    cli.ok("round", "decide", launch_path, "--decision", "go")
    return launch_path


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def test_an_intact_file_verifies(cli: Cockpit, decided: Path) -> None:
    ran = cli.ok("verify", decided)
    assert "verifies:" in ran.out and "1 rounds' frozen evidence intact" in ran.out
    assert cli.ok("verify", decided, "--json").json()["ok"] is True


def test_a_changed_audit_row_is_named(cli: Cockpit, decided: Path) -> None:
    _tamper(
        decided,
        "DROP TRIGGER audit_no_update",
        "UPDATE audit SET actor = 'mallory' WHERE id = 5",
    )
    ran = cli("verify", decided)
    assert ran.code == 6
    assert "does not verify: audit row #5" in ran.err and "was altered after it was written" in ran.err
    assert cli("verify", decided, "--json").json()["first_mismatch"]["id"] == 5


def test_a_removed_audit_row_is_named(cli: Cockpit, decided: Path) -> None:
    _tamper(decided, "DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 7")
    ran = cli("verify", decided)
    assert ran.code == 6 and "audit row #8" in ran.err and "does not follow the row before it" in ran.err


def test_a_changed_frozen_criterion_is_named(cli: Cockpit, decided: Path) -> None:
    _tamper(decided, "UPDATE round_criteria SET ok = 1, detail = 'All fine' WHERE id = 2")
    ran = cli("verify", decided)
    assert ran.code == 6
    assert "frozen criterion #2 does not hold what was frozen when its round opened (ok, detail)" in ran.err


def test_changed_evidence_is_named_even_with_a_new_hash(cli: Cockpit, decided: Path) -> None:
    _tamper(decided, "UPDATE decision_rounds SET evidence = replace(evidence, 'Test launch', 'Other')")
    ran = cli("verify", decided)
    assert ran.code == 6 and "round 1's frozen evidence no longer gives its SHA-256" in ran.err
    forged = hashlib.sha256(b"{}").hexdigest()
    _tamper(decided, f"UPDATE decision_rounds SET evidence = '{{}}', evidence_sha256 = '{forged}'")
    ran = cli("verify", decided)
    assert ran.code == 6
    assert (
        "go/no-go round #1 does not hold what was frozen when its round opened (evidence_sha256)" in ran.err
    )
