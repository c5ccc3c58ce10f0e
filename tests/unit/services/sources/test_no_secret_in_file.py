"""DESIGN.md §3: no secret is ever stored in the launch file: not in a row, the audit trail, a free page or a
rollback journal, whatever happens to the source (added, refreshed, refused, changed, removed)."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest

from cockpit.errors import BadInput
from cockpit.secrets import SERVICE, Credentials
from cockpit.services.sources import add_source, list_sources, refresh_source, remove_source, update_source
from cockpit.store.launchfile import open_launch
from tests.unit.services.sources.conftest import JUNIT, JUNIT_V2, Served

TOKEN = "tok-ZQ8vN3-golive-canary-7f41d2"
WRONG_TOKEN = "tok-wrong-canary-0b9e55"
PASSWORD = "pw-K2f9-canary-パスワード"
SESSION_TOKEN = "tok-session-canary-a17c"
SECRETS = (TOKEN, WRONG_TOKEN, PASSWORD, SESSION_TOKEN)


def forms(secret: str) -> list[bytes]:
    """Every shape a leaked secret could take in the file's bytes."""
    basic = base64.b64encode(f"ci-bot:{secret}".encode())
    return [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be"), basic]


def capture_journals(conn: sqlite3.Connection, folder: Path, captured: list[bytes]) -> None:
    """Copy every rollback journal as it stands when a transaction commits (it is deleted right after)."""

    def on_statement(sql: str) -> None:
        if sql.strip().upper().startswith("COMMIT"):
            captured.extend(p.read_bytes() for p in folder.glob("*-journal"))

    conn.set_trace_callback(on_statement)


def test_no_secret_reaches_the_launch_file(launch_path: Path, fake_ci, memory_keyring) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    journals: list[bytes] = []
    with open_launch(launch_path) as lf:
        capture_journals(lf.conn, launch_path.parent, journals)
        keyring_credentials = Credentials()
        token_source = add_source(
            lf,
            actor="tester",
            name="CI",
            url=fake_ci.url("/junit.xml"),
            kind="results",
            level="unit",
            auth="token",
            secret=TOKEN,
            credentials=keyring_credentials,
        ).source
        basic_source = add_source(
            lf,
            actor="tester",
            name="Export",
            url=fake_ci.url("/export.csv"),
            kind="table",
            table_kind="risks",
            auth="basic",
            username="ci-bot",
            secret=PASSWORD,
            credentials=keyring_credentials,
        ).source
        session = Credentials(session_only=True)
        session_source = add_source(
            lf,
            actor="tester",
            name="Session",
            url=fake_ci.url("/junit.xml"),
            kind="results",
            level="smoke",
            auth="token",
            secret=SESSION_TOKEN,
            credentials=session,
        ).source

        assert refresh_source(lf, token_source.id, actor="tester", credentials=keyring_credentials).imported
        with pytest.raises(BadInput, match="refused the credential"):  # basic auth against a token server
            refresh_source(lf, basic_source.id, actor="tester", credentials=keyring_credentials)
        with pytest.raises(BadInput, match="refused the credential"):
            refresh_source(lf, session_source.id, actor="tester", credentials=session)
        update_source(
            lf, actor="tester", source_id=token_source.id, secret=WRONG_TOKEN, credentials=keyring_credentials
        )
        fake_ci.files["/junit.xml"] = Served(JUNIT_V2)
        with pytest.raises(BadInput, match="refused the credential"):
            refresh_source(lf, token_source.id, actor="tester", credentials=keyring_credentials)
        update_source(
            lf, actor="tester", source_id=token_source.id, secret=TOKEN, credentials=keyring_credentials
        )
        assert refresh_source(lf, token_source.id, actor="tester", credentials=keyring_credentials).imported
        remove_source(lf, actor="tester", source_id=basic_source.id, credentials=keyring_credentials)

        # What the user sees of a source is its reference, and the keyring holds the secret under it.
        for source in list_sources(lf):
            assert all(secret not in repr(source) for secret in SECRETS)
        assert memory_keyring.items[(SERVICE, token_source.keyring_ref)] == TOKEN
        audit_text = [
            " ".join(str(v) for v in row)
            for row in lf.conn.execute("SELECT actor, action, table_name, old, new, summary FROM audit")
        ]
        assert any("keyring_ref" in text for text in audit_text)  # the audit saw the source rows
        assert any(token_source.keyring_ref in text for text in audit_text)

    assert journals, "the journal capture must have seen the transactions"
    files = [p.read_bytes() for p in launch_path.parent.iterdir() if p.is_file()]
    for secret in SECRETS:
        assert all(secret not in text for text in audit_text), secret
        for blob in [*files, *journals]:
            for form in forms(secret):
                assert form not in blob, f"{secret!r} leaked into the launch file's bytes"


def test_the_canary_check_would_see_a_leak(launch_path: Path) -> None:
    """The scan above is only worth something if a secret written to the file is found by it."""
    with open_launch(launch_path) as lf, lf.writing("tester") as w:
        w.insert("risks", {"title": f"leaked {TOKEN}", "likelihood": 1, "impact": 1})
    assert any(form in launch_path.read_bytes() for form in forms(TOKEN))
