"""The Sources menu against a real HTTP server on 127.0.0.1 that demands its token, with real keyring backends."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from cockpit.secrets import SERVICE, Credentials
from cockpit.services.sources import add_source, list_sources
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from cockpit.ui.sources.progress import FAILED, IMPORTED, SKIPPED
from tests.unit.services.sources.conftest import (  # noqa: F401 (fixtures used by name)
    JUNIT,
    JUNIT_V2,
    Served,
    fake_ci,
)

TOKEN = "tok-7c1d-never-in-the-file"


def register(path: Path, *, name: str, url: str, secret: str | None, credentials=None, poll=None) -> None:
    with open_launch(path) as launch_file:
        add_source(
            launch_file,
            actor="setup",
            name=name,
            url=url,
            kind="results",
            level="system",
            auth="token" if secret else "none",
            secret=secret,
            credentials=credentials or Credentials(),
            poll_minutes=poll,
        )


def runs_in(path: Path):
    with open_launch(path, read_only=True) as launch_file:
        return load_launch(launch_file).runs, list_sources(launch_file)


def test_refresh_all_from_the_menu_imports_a_run_into_the_file(
    qtbot,
    make_window,
    small_launch,
    fake_ci,  # noqa: F811
    memory_keyring,
):
    fake_ci.token = TOKEN
    fake_ci.files["/orders/junit.xml"] = Served(JUNIT)
    register(small_launch, name="Orders CI", url=fake_ci.url("/orders/junit.xml"), secret=TOKEN)
    window = make_window(small_launch)
    action = window.sources.refresh_action
    window.sources.update_enabled()
    assert action.isEnabled()

    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000) as blocker:
        action.trigger()
        assert window.sources.indicator.isVisible()  # the status bar says a refresh is under way
    (result,) = blocker.args[0]
    assert result.outcome == IMPORTED, result.message
    assert not window.sources.indicator.isVisible()

    runs, sources = runs_in(small_launch)
    assert [(r.name, r.level.value) for r in runs] == [("Orders CI", "system")]
    assert sources[0].last_status.value == "imported"
    assert fake_ci.seen[-1][1]["Authorization"] == f"Bearer {TOKEN}"
    listing = window.sources.results_dialog.table
    assert listing.item(0, 0).text() == "Orders CI"
    assert "Imported" in listing.item(0, 1).text()
    assert "3 test cases" in listing.item(0, 2).text()
    qtbot.waitUntil(lambda: len(window.session.data.runs) == 1, timeout=30_000)  # the panes see it too

    fake_ci.files["/orders/junit.xml"] = Served(JUNIT_V2)
    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000):
        action.trigger()
    assert len(runs_in(small_launch)[0]) == 2


def test_a_refused_credential_is_recorded_on_the_source_and_listed(
    qtbot,
    make_window,
    small_launch,
    fake_ci,  # noqa: F811
    memory_keyring,
):
    fake_ci.token = "the-right-one"
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    register(small_launch, name="Nightly", url=fake_ci.url("/junit.xml"), secret="a-wrong-one")
    window = make_window(small_launch)
    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000) as blocker:
        window.sources.refresh_all()
    (result,) = blocker.args[0]
    assert result.outcome == FAILED
    assert "Nightly" in result.message
    runs, sources = runs_in(small_launch)
    assert runs == ()
    assert sources[0].last_status.value == "failed"
    assert "Failed" in window.sources.results_dialog.table.item(0, 1).text()


def fill_source(dialog, *, name: str, url: str, secret: str) -> None:
    dialog.name.setText(name)
    dialog.url.setText(url)
    dialog.auth.setCurrentIndex(dialog.auth.findData("token"))
    dialog.secret.setText(secret)


def press_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_without_a_keyring_the_dialog_says_so_and_session_only_works(
    qtbot,
    make_window,
    small_launch,
    fake_ci,  # noqa: F811
    no_keyring,
):
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    window = make_window(small_launch)
    window.sources.manage_action.trigger()
    manage = window.sources.manage_dialog
    qtbot.waitUntil(lambda: manage.loaded, timeout=30_000)
    assert "No usable keyring" in manage.keyring_note.text()

    dialog = manage.add()
    fill_source(dialog, name="UAT results", url=fake_ci.url("/junit.xml"), secret=TOKEN)
    assert dialog.keyring_note.isVisible()
    assert "No usable keyring on this machine" in dialog.keyring_note.text()
    assert dialog.session_only.isVisible()

    press_ok(qtbot, dialog)  # not ticked: refused in words, nothing written
    assert dialog.isVisible()
    assert "this session only" in dialog.error.text()
    assert runs_in(small_launch)[1] == ()

    dialog.session_only.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):  # closed once the source is in the file
        press_ok(qtbot, dialog)
    (source,) = runs_in(small_launch)[1]
    assert source.name == "UAT results" and source.keyring_ref
    assert TOKEN.encode() not in small_launch.read_bytes()
    assert window.session.session_credentials.get(source.keyring_ref) == TOKEN
    qtbot.waitUntil(lambda: manage.model.rowCount() == 1, timeout=30_000)
    assert "Token" in manage.model.index(0, manage.model.CREDENTIAL).data()

    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000) as blocker:
        qtbot.mouseClick(manage.refresh_all_button, Qt.MouseButton.LeftButton)
    assert [r.outcome for r in blocker.args[0]] == [IMPORTED]
    assert len(runs_in(small_launch)[0]) == 1
    qtbot.waitUntil(lambda: "Imported" in manage.model.index(0, manage.model.STATUS).data(), timeout=30_000)


def test_with_a_keyring_the_token_goes_there_and_not_into_the_file(
    qtbot,
    make_window,
    small_launch,
    memory_keyring,
):
    window = make_window(small_launch)
    manage = window.sources.manage()
    qtbot.waitUntil(lambda: manage.loaded, timeout=30_000)
    dialog = manage.add()
    assert not dialog.keyring_note.isVisible()  # no credential asked for yet
    fill_source(dialog, name="CI", url="https://ci.example.com/junit.xml", secret=TOKEN)
    assert "system keyring" in dialog.keyring_note.text()
    assert not dialog.session_only.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        press_ok(qtbot, dialog)
    (source,) = runs_in(small_launch)[1]
    assert memory_keyring.items[(SERVICE, source.keyring_ref)] == TOKEN
    assert TOKEN.encode() not in small_launch.read_bytes()
    assert len(window.session.session_credentials) == 0


def test_a_bad_url_is_refused_inside_the_dialog(qtbot, make_window, small_launch, memory_keyring):
    window = make_window(small_launch)
    manage = window.sources.manage()
    dialog = manage.add()
    fill_source(dialog, name="CI", url="https://ci.example.com/junit.xml?token=abc", secret=TOKEN)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=30_000)
    assert "looks like a credential" in dialog.error.text()
    assert dialog.isVisible()
    assert runs_in(small_launch)[1] == ()


def test_the_minute_timer_skips_sources_without_a_credential_and_says_so_once(
    qtbot,
    make_window,
    small_launch,
    fake_ci,  # noqa: F811
    memory_keyring,
):
    fake_ci.files["/open.xml"] = Served(JUNIT)
    register(small_launch, name="Open feed", url=fake_ci.url("/open.xml"), secret=None, poll=5)
    # Registered on a teammate's machine: the secret is in their memory, not in this machine's keyring.
    register(
        small_launch,
        name="Locked feed",
        url=fake_ci.url("/locked.xml"),
        secret=TOKEN,
        poll=5,
        credentials=Credentials(session_only=True),
    )
    window = make_window(small_launch)
    assert window.sources.timer.isActive() and window.sources.timer.interval() == 60_000

    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000) as blocker:
        window.sources.poll_due()
    assert [(r.name, r.outcome) for r in blocker.args[0]] == [("Open feed", IMPORTED)]
    assert window.message_bar.isVisible()
    assert "Not refreshed automatically: Locked feed" in window.message_bar.text.text()
    assert all(path != "/locked.xml" for path, _headers in fake_ci.seen)
    assert window.sources.results_dialog is None  # the timer refreshes quietly
    runs, sources = runs_in(small_launch)
    assert len(runs) == 1
    assert {s.name: s.last_status.value for s in sources} == {"Open feed": "imported", "Locked feed": "never"}

    window.message_bar.dismiss()
    window.sources.poll_due()  # nothing due, and the missing credential was told already
    qtbot.waitUntil(lambda: not window.sources.busy, timeout=30_000)
    assert not window.message_bar.isVisible()


def test_refreshing_a_source_without_its_credential_skips_it_in_words(
    qtbot,
    make_window,
    small_launch,
    fake_ci,  # noqa: F811
    memory_keyring,
):
    register(
        small_launch,
        name="Locked feed",
        url=fake_ci.url("/locked.xml"),
        secret=TOKEN,
        credentials=Credentials(session_only=True),
    )
    window = make_window(small_launch)
    with qtbot.waitSignal(window.sources.refreshed, timeout=15_000) as blocker:
        window.sources.refresh_all()
    (result,) = blocker.args[0]
    assert result.outcome == SKIPPED
    assert "needs its credential" in result.message
    assert runs_in(small_launch)[1][0].last_status.value == "never"  # a teammate may refresh it fine


def test_sources_model_passes_the_model_tester(
    qtmodeltester,
    qtbot,
    make_window,
    small_launch,
    memory_keyring,
):
    register(small_launch, name="A", url="https://ci.example.com/a.xml", secret=TOKEN, poll=10)
    register(small_launch, name="B", url="https://ci.example.com/b.xml", secret=None)
    window = make_window(small_launch)
    manage = window.sources.manage()
    qtbot.waitUntil(lambda: manage.model.rowCount() == 2, timeout=30_000)
    qtmodeltester.check(manage.model)
    model = manage.model
    assert model.index(0, model.POLLING).data() == "Every 10 min"
    assert model.index(1, model.POLLING).data() == "On demand"
    assert "Not refreshed yet" in model.index(0, model.STATUS).data()
    assert model.index(1, model.CREDENTIAL).data() == "None needed"


def test_removing_a_source_when_the_keyring_fails_says_the_credential_may_remain(
    qtbot, make_window, small_launch, locked_on_delete_keyring, monkeypatch
):
    register(small_launch, name="CI", url="https://ci.example.com/junit.xml", secret=TOKEN)
    (source,) = runs_in(small_launch)[1]
    window = make_window(small_launch)
    manage = window.sources.manage()
    qtbot.waitUntil(lambda: manage.loaded and manage.model.rowCount() == 1, timeout=10_000)
    manage.view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kw: QMessageBox.StandardButton.Yes)
    manage.remove_selected()
    qtbot.waitUntil(lambda: manage.error.isVisible(), timeout=10_000)
    assert "could not be reached" in manage.error.text()
    assert source.keyring_ref in manage.error.text()
    assert runs_in(small_launch)[1] == ()
    assert locked_on_delete_keyring.items[(SERVICE, source.keyring_ref)] == TOKEN
