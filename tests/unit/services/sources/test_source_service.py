"""Sources end to end against a real HTTP server on 127.0.0.1 and a real keyring backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.domain.sources import RefreshStatus
from cockpit.errors import BadInput, Conflict
from cockpit.importers.sources import SourceUnreachable
from cockpit.secrets import SERVICE, CredentialPlace, Credentials, NoUsableKeyring
from cockpit.services.sources import (
    MissingCredential,
    add_source,
    due_sources,
    has_credential,
    list_sources,
    refresh_source,
    remove_source,
    update_source,
)
from cockpit.store.read import load_launch
from tests.unit.services.sources.conftest import JUNIT, JUNIT_V2, Served

TOKEN = "tok-7c2e-service"
TICKETS_CSV = "件名,重要度,担当者\nログインできない,P1,佐藤\n帳票が遅い,P3,鈴木\n".encode()


def add_ci(lf, ci, credentials, *, path="/junit.xml", **extra):
    options = {"auth": "token", "secret": TOKEN, **extra}
    return add_source(
        lf,
        actor="tester",
        name="CI nightly",
        url=ci.url(path),
        kind="results",
        level="unit",
        credentials=credentials,
        **options,
    )


def test_adding_a_source_keeps_the_token_in_the_keyring_and_its_reference_in_the_file(
    launch_file, fake_ci, memory_keyring
) -> None:
    edit = add_ci(launch_file, fake_ci, Credentials(), poll_minutes=15)
    source = edit.source
    assert edit.credential_place is CredentialPlace.KEYRING
    assert memory_keyring.items == {(SERVICE, source.keyring_ref): TOKEN}
    assert (source.name, source.kind.value, source.level, source.auth.value, source.poll_minutes) == (
        "CI nightly",
        "results",
        "unit",
        "token",
        15,
    )
    assert list_sources(launch_file) == (source,)
    audit = launch_file.conn.execute(
        "SELECT actor, action FROM audit WHERE table_name = 'sources'"
    ).fetchall()
    assert [tuple(r) for r in audit] == [("tester", "insert")]


def test_refresh_imports_the_results_then_finds_them_not_modified(
    launch_file, fake_ci, memory_keyring
) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    source = add_ci(launch_file, fake_ci, Credentials()).source
    steps: list[tuple[str, int | None]] = []

    first = refresh_source(
        launch_file, source.id, actor="tester", credentials=Credentials(), progress=lambda *p: steps.append(p)
    )
    assert first.status is RefreshStatus.IMPORTED
    assert first.message.endswith("3 test cases (1 passed, 1 failed, 0 errors, 1 skipped).")
    assert first.downloaded_bytes == len(JUNIT)
    assert ("download", 100) in steps and steps[-1] == ("import", 100)
    assert {"test_runs", "test_cases", "sources"} <= set(first.changes.rows)
    runs = load_launch(launch_file).runs
    assert [(r.name, r.level.value) for r in runs] == [("CI nightly", "unit")]

    second = refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert second.status is RefreshStatus.NOT_MODIFIED
    assert fake_ci.seen[-1][1]["If-None-Match"]
    assert len(load_launch(launch_file).runs) == 1
    (after,) = list_sources(launch_file)
    assert after.last_status is RefreshStatus.NOT_MODIFIED and after.last_polled_at is not None

    fake_ci.files["/junit.xml"] = Served(JUNIT_V2)  # the next CI run
    third = refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert third.status is RefreshStatus.IMPORTED
    assert len(load_launch(launch_file).runs) == 2


def test_the_same_bytes_without_validators_are_not_imported_twice(launch_file, fake_ci) -> None:
    fake_ci.files["/plain.xml"] = Served(JUNIT, etag=False)
    source = add_ci(launch_file, fake_ci, Credentials(), path="/plain.xml", auth="none", secret=None).source
    assert (
        refresh_source(launch_file, source.id, actor="t", credentials=Credentials()).status
        is RefreshStatus.IMPORTED
    )
    again = refresh_source(launch_file, source.id, actor="t", credentials=Credentials())
    assert again.status is RefreshStatus.UNCHANGED
    assert "same content" in again.message
    assert len(load_launch(launch_file).runs) == 1


def test_a_refused_token_is_recorded_on_the_source_and_nothing_is_imported(
    launch_file, fake_ci, memory_keyring
) -> None:
    fake_ci.token = "the-token-the-server-wants"
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    source = add_ci(launch_file, fake_ci, Credentials()).source
    with pytest.raises(BadInput, match="the server refused the credential.*update it in Sources") as refused:
        refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert "'CI nightly'" in str(refused.value)
    (after,) = list_sources(launch_file)
    assert after.last_status is RefreshStatus.FAILED
    assert after.last_message == str(refused.value)
    assert load_launch(launch_file).runs == ()

    update_source(
        launch_file,
        actor="tester",
        source_id=source.id,
        secret="the-token-the-server-wants",
        credentials=Credentials(),
    )
    assert memory_keyring.items == {(SERVICE, source.keyring_ref): "the-token-the-server-wants"}
    outcome = refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert outcome.status is RefreshStatus.IMPORTED


def test_a_table_source_imports_its_rows(launch_file, fake_ci) -> None:
    fake_ci.files["/export/tickets.csv"] = Served(TICKETS_CSV, content_type="text/csv; charset=utf-8")
    source = add_source(
        launch_file,
        actor="tester",
        name="ServiceDesk",
        url=fake_ci.url("/export/tickets.csv"),
        kind="table",
        table_kind="tickets",
        credentials=Credentials(),
    ).source
    outcome = refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert outcome.status is RefreshStatus.IMPORTED
    assert outcome.message == "Imported 2 tickets rows."
    tickets = load_launch(launch_file).tickets
    assert [(t.title, t.severity.value, t.assignee) for t in tickets] == [
        ("ログインできない", "P1", "佐藤"),
        ("帳票が遅い", "P3", "鈴木"),
    ]


def test_a_table_source_that_changed_updates_the_rows_it_names_and_says_how_many(
    launch_file, fake_ci
) -> None:
    ledger = "移行対象,移行元件数,移行先件数\n顧客マスタ,1200,\n受注明細,5000,\n商品マスタ,80,\n"
    fake_ci.files["/export/ledger.csv"] = Served(ledger.encode(), content_type="text/csv; charset=utf-8")
    source = add_source(
        launch_file,
        actor="tester",
        name="Migration ledger",
        url=fake_ci.url("/export/ledger.csv"),
        kind="table",
        table_kind="objects",
        credentials=Credentials(),
    ).source
    refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    # The next load finished: the same objects by name, two with their target counts.
    loaded = ledger.replace("顧客マスタ,1200,", "顧客マスタ,1200,1200").replace(
        "受注明細,5000,", "受注明細,5000,4990"
    )
    fake_ci.files["/export/ledger.csv"] = Served(loaded.encode(), content_type="text/csv; charset=utf-8")
    outcome = refresh_source(launch_file, source.id, actor="tester", credentials=Credentials())
    assert outcome.status is RefreshStatus.IMPORTED
    assert outcome.message == "Imported objects rows: 0 added, 2 updated, 1 unchanged."
    assert list_sources(launch_file)[0].last_message == outcome.message
    objects = load_launch(launch_file).objects
    assert [(o.name, o.target_rows, o.version) for o in objects] == [
        ("顧客マスタ", 1200, 2),
        ("受注明細", 4990, 2),
        ("商品マスタ", None, 1),
    ]


def test_a_bad_result_file_names_the_url_not_a_temporary_path(launch_file, fake_ci) -> None:
    fake_ci.files["/broken.xml"] = Served(JUNIT[:-40])
    source = add_ci(launch_file, fake_ci, Credentials(), path="/broken.xml", auth="none", secret=None).source
    with pytest.raises(BadInput) as refused:
        refresh_source(launch_file, source.id, actor="t", credentials=Credentials())
    assert fake_ci.url("/broken.xml") in str(refused.value)
    assert "cockpit-source-" not in str(refused.value)
    assert load_launch(launch_file).runs == ()


def test_an_unreachable_server_is_recorded_and_raised(launch_file, fake_ci) -> None:
    source = add_ci(launch_file, fake_ci, Credentials(), path="/slow", auth="none", secret=None).source
    with pytest.raises(SourceUnreachable, match="did not answer in time"):
        refresh_source(launch_file, source.id, actor="t", credentials=Credentials(), timeout=0.3)
    assert list_sources(launch_file)[0].last_status is RefreshStatus.FAILED


def test_without_a_keyring_the_source_is_refused_until_the_user_chooses_this_session(
    launch_file, fake_ci, no_keyring
) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    with pytest.raises(NoUsableKeyring, match="No usable keyring on this machine"):
        add_ci(launch_file, fake_ci, Credentials())
    assert list_sources(launch_file) == ()

    session = Credentials(session_only=True)
    edit = add_ci(launch_file, fake_ci, session)
    assert edit.credential_place is CredentialPlace.SESSION
    assert (
        refresh_source(launch_file, edit.source.id, actor="t", credentials=session).status
        is RefreshStatus.IMPORTED
    )

    with pytest.raises(BadInput, match="needs its credential, but there is no usable keyring"):
        refresh_source(launch_file, edit.source.id, actor="t", credentials=Credentials())  # a later session


def test_a_teammate_without_the_credential_neither_refreshes_nor_marks_the_shared_source_failed(
    launch_file, fake_ci, memory_keyring
) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    source = add_ci(launch_file, fake_ci, Credentials()).source
    refresh_source(launch_file, source.id, actor="alice", credentials=Credentials())
    memory_keyring.items.clear()  # Bob's machine: same shared file, his own (empty) keyring
    (before,) = list_sources(launch_file)
    assert not has_credential(before, credentials=Credentials())
    with pytest.raises(MissingCredential, match="the keyring has none for it on this machine"):
        refresh_source(launch_file, source.id, actor="bob", credentials=Credentials())
    assert list_sources(launch_file) == (before,)  # Alice's good status stands

    # Bob enters the credential: it goes to his keyring, and the shared row is not touched.
    edit = update_source(
        launch_file, actor="bob", source_id=source.id, secret=TOKEN, credentials=Credentials()
    )
    assert edit.source == before
    assert has_credential(before, credentials=Credentials())


def test_removing_a_source_forgets_its_credential(launch_file, fake_ci, memory_keyring) -> None:
    source = add_ci(launch_file, fake_ci, Credentials()).source
    with pytest.raises(Conflict):
        remove_source(
            launch_file, actor="t", source_id=source.id, credentials=Credentials(), expect_version=9
        )
    assert memory_keyring.items
    remove_source(launch_file, actor="t", source_id=source.id, credentials=Credentials(), expect_version=1)
    assert list_sources(launch_file) == ()
    assert memory_keyring.items == {}


def test_switching_a_source_to_no_authentication_forgets_the_secret(
    launch_file, fake_ci, memory_keyring
) -> None:
    source = add_ci(launch_file, fake_ci, Credentials()).source
    edit = update_source(
        launch_file, actor="t", source_id=source.id, auth="none", poll_minutes=0, credentials=Credentials()
    )
    assert (edit.source.auth.value, edit.source.keyring_ref, edit.source.poll_minutes) == ("none", None, None)
    assert memory_keyring.items == {}
    with pytest.raises(BadInput, match="needs its credential"):
        update_source(
            launch_file,
            actor="t",
            source_id=source.id,
            auth="basic",
            username="bot",
            credentials=Credentials(),
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "needs a name"),
        ({"kind": "results", "level": None}, "needs a test level"),
        ({"kind": "table", "level": None, "table_kind": "invoices"}, "not a valid table kind"),
        ({"auth": "token", "secret": None}, "needs its credential"),
        ({"auth": "basic", "secret": "pw"}, "needs a user name"),
        ({"poll_minutes": 0}, "whole number of minutes"),
        ({"url": "https://x.example/r.xml?token=abc"}, "looks like a credential"),
    ],
)
def test_bad_sources_are_refused_before_anything_is_written(
    launch_file, memory_keyring, changes, message
) -> None:
    request = {"name": "CI", "url": "https://ci.example/r.xml", "kind": "results", "level": "unit", **changes}
    with pytest.raises(BadInput, match=message):
        add_source(launch_file, actor="t", credentials=Credentials(), **request)
    assert list_sources(launch_file) == ()
    assert memory_keyring.items == {}


def test_two_sources_cannot_share_a_name(launch_file, fake_ci) -> None:
    add_ci(launch_file, fake_ci, Credentials(), auth="none", secret=None)
    with pytest.raises(BadInput, match="already a source named 'CI nightly'"):
        add_ci(launch_file, fake_ci, Credentials(), auth="none", secret=None)


def test_due_sources_are_the_polled_ones_whose_interval_has_passed(launch_file, fake_ci) -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for name, poll in (("never polled", 10), ("on demand", None), ("recent", 10), ("stale", 10)):
        add_source(
            launch_file,
            actor="t",
            name=name,
            url=fake_ci.url("/x.xml"),
            kind="results",
            level="unit",
            poll_minutes=poll,
            credentials=Credentials(),
        )
    with launch_file.writing("t") as w:
        w.update("sources", 3, {"last_polled_at": (now - timedelta(minutes=9)).isoformat()})
        w.update("sources", 4, {"last_polled_at": (now - timedelta(minutes=10)).isoformat()})
    due = due_sources(list_sources(launch_file), now=now)
    assert [s.name for s in due] == ["never polled", "stale"]
    assert [s.name for s in due_sources(list_sources(launch_file), now=now + timedelta(minutes=1))] == [
        "never polled",
        "stale",
        "recent",
    ]


def test_the_download_can_run_away_from_the_writer_and_be_imported_after(
    launch_file, fake_ci, tmp_path
) -> None:
    import threading

    from cockpit.services.sources import fetch_source, import_fetched, record_failure

    fake_ci.files["/junit.xml"] = Served(JUNIT)
    source = add_ci(launch_file, fake_ci, Credentials(), auth="none", secret=None).source
    fetched = []
    worker = threading.Thread(
        target=lambda: fetched.append(fetch_source(source, credentials=Credentials(), folder=tmp_path))
    )
    worker.start()
    worker.join()
    outcome = import_fetched(launch_file, source, fetched[0], actor="tester")
    assert outcome.status is RefreshStatus.IMPORTED and len(load_launch(launch_file).runs) == 1

    record_failure(
        launch_file, list_sources(launch_file)[0], actor="tester", error=BadInput("server on fire")
    )
    assert (list_sources(launch_file)[0].last_status, list_sources(launch_file)[0].last_message) == (
        RefreshStatus.FAILED,
        "server on fire",
    )
