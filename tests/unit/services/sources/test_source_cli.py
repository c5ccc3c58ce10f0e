"""`cockpit source add|list|refresh|remove` as a pipeline runs them: a real subprocess, a real keyring
backend shared through a file (PYTHON_KEYRING_BACKEND), the secret only ever in an environment variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keyring_backends import KEYRING_FILE_VARIABLE
from tests.paths import REPO
from tests.unit.services.sources.conftest import JUNIT, JUNIT_V2, Served

TOKEN = "tok-cli-canary-5d0c31"
FILE_KEYRING = "tests.keyring_backends.FileKeyring"


def cockpit(
    *args: object, keyring_backend: str, keyring_file: Path, **env: str
) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("COCKPIT_", "LANG", "LC_", "PYTHON_KEYRING"))
    }
    clean.update(
        PYTHONPATH=str(REPO),
        COCKPIT_LANG="en",
        PYTHONUTF8="1",
        PYTHON_KEYRING_BACKEND=keyring_backend,
        **{KEYRING_FILE_VARIABLE: str(keyring_file)},
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=clean,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def launch(tmp_path: Path) -> Path:
    path = tmp_path / "launch.golive"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cockpit",
            "new",
            path,
            "--name",
            "販売管理",
            "--go-live",
            "2026-12-01T09:00+09:00",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return path


def test_add_list_refresh_remove_with_the_token_from_the_environment(
    launch: Path, tmp_path: Path, fake_ci
) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    store = tmp_path / "keyring.json"

    def run(*args: object, **env: str) -> subprocess.CompletedProcess:
        return cockpit(*args, keyring_backend=FILE_KEYRING, keyring_file=store, **env)

    added = run(
        "source",
        "add",
        launch,
        "--name",
        "CI",
        "--url",
        fake_ci.url("/junit.xml"),
        "--kind",
        "results",
        "--level",
        "system",
        "--token-from-env",
        "CI_TOKEN",
        "--poll-minutes",
        "5",
        "--json",
        CI_TOKEN=TOKEN,
    )
    assert added.returncode == 0, added.stderr
    row = json.loads(added.stdout)
    assert (row["id"], row["version"], row["auth"], row["poll_minutes"]) == (1, 1, "token", 5)
    assert json.loads(store.read_text()) == {f"go-live-cockpit/{row['keyring_ref']}": TOKEN}

    listed = run("source", "list", launch, "--json")
    assert [s["name"] for s in json.loads(listed.stdout)] == ["CI"]

    refreshed = run("source", "refresh", launch, "--json")
    assert refreshed.returncode == 0, refreshed.stderr
    assert [r["status"] for r in json.loads(refreshed.stdout)] == ["imported"]
    assert run("source", "refresh", launch, "1").stdout.startswith("#1 CI: not_modified.")
    fake_ci.files["/junit.xml"] = Served(JUNIT_V2)
    assert "imported" in run("source", "refresh", launch, "1").stdout

    status = run("status", launch, "--json")
    assert json.loads(status.stdout)["tests"]["system"]["runs"] == 2

    removed = run("source", "remove", launch, "1")
    assert removed.returncode == 0, removed.stderr
    assert json.loads(store.read_text()) == {}
    for output in (added, listed, refreshed, status, removed):
        assert TOKEN not in output.stdout + output.stderr
    assert TOKEN.encode() not in launch.read_bytes()


def test_a_refused_token_exits_2_with_the_fix(launch: Path, tmp_path: Path, fake_ci) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    store = tmp_path / "keyring.json"
    args = dict(keyring_backend=FILE_KEYRING, keyring_file=store)
    cockpit(
        "source",
        "add",
        launch,
        "--name",
        "CI",
        "--url",
        fake_ci.url("/junit.xml"),
        "--kind",
        "results",
        "--level",
        "unit",
        "--token-from-env",
        "CI_TOKEN",
        CI_TOKEN="not-the-token",
        **args,
    )
    refused = cockpit("source", "refresh", launch, **args)
    assert refused.returncode == 2
    assert "the server refused the credential (HTTP 401)." in refused.stderr
    # The command line's way, not the window's "update it in Sources":
    assert "Sources" not in refused.stderr
    assert f"cockpit source refresh {launch} 1 --token-from-env VAR" in refused.stderr
    listed = cockpit("source", "list", launch, **args)
    assert "failed" in listed.stdout and "refused the credential" in listed.stdout


def test_without_a_keyring_the_credential_serves_one_command_only(
    launch: Path, tmp_path: Path, fake_ci
) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    args = dict(keyring_backend="keyring.backends.fail.Keyring", keyring_file=tmp_path / "unused.json")
    added = cockpit(
        "source",
        "add",
        launch,
        "--name",
        "CI",
        "--url",
        fake_ci.url("/junit.xml"),
        "--kind",
        "results",
        "--level",
        "unit",
        "--token-from-env",
        "CI_TOKEN",
        CI_TOKEN=TOKEN,
        **args,
    )
    assert added.returncode == 0, added.stderr
    assert (
        "No usable keyring on this machine (fail Keyring); the credential can be used for this session only."
        in added.stderr
    )

    no_credential = cockpit("source", "refresh", launch, **args)
    assert no_credential.returncode == 2
    assert "needs its credential, but there is no usable keyring" in no_credential.stderr
    # The fix on the command line, not "Enter it again in Sources" (a window's menu):
    assert "Sources" not in no_credential.stderr
    assert f"cockpit source refresh {launch} 1 --token-from-env VAR" in no_credential.stderr
    with_env = cockpit("source", "refresh", launch, "--token-from-env", "CI_TOKEN", CI_TOKEN=TOKEN, **args)
    assert with_env.returncode == 0, with_env.stderr
    assert "imported" in with_env.stdout
    assert TOKEN.encode() not in launch.read_bytes()


def test_secrets_are_never_taken_from_the_command_line(launch: Path, tmp_path: Path) -> None:
    args = dict(keyring_backend=FILE_KEYRING, keyring_file=tmp_path / "k.json")
    common = (
        "source",
        "add",
        launch,
        "--name",
        "CI",
        "--url",
        "https://ci.example/r.xml",
        "--kind",
        "results",
        "--level",
        "unit",
    )
    for option in ("--token", "--password"):
        as_option = cockpit(*common, option, TOKEN, **args)
        assert as_option.returncode == 2
        assert TOKEN not in as_option.stderr + as_option.stdout  # refused without echoing it back
        assert "visible in the shell history" in as_option.stderr
    abbreviated = cockpit(*common, "--token-from", "CI_TOKEN", CI_TOKEN=TOKEN, **args)
    assert abbreviated.returncode == 2  # no abbreviations: options are spelled out in scripts
    missing_env = cockpit(*common, "--token-from-env", "NOT_SET_ANYWHERE", **args)
    assert missing_env.returncode == 2
    assert "NOT_SET_ANYWHERE is not set" in missing_env.stderr
    no_terminal = cockpit(*common, "--ask-token", **args)
    assert no_terminal.returncode == 2
    assert "No terminal to ask for the secret" in no_terminal.stderr
    assert cockpit("source", "list", launch, **args).stdout.startswith("No sources registered")


def test_a_table_source_with_bad_rows_names_accept_partial_which_then_works(
    launch: Path, tmp_path: Path, fake_ci
) -> None:
    args = dict(keyring_backend=FILE_KEYRING, keyring_file=tmp_path / "k.json")
    first = "Title,Category,Status\nBackups verified,Data migration,done\nUsers trained,Training,maybe\n"
    fake_ci.files["/checklist.csv"] = Served(first.encode(), content_type="text/csv")
    added = cockpit(
        "source", "add", launch, "--name", "PMO", "--url", fake_ci.url("/checklist.csv"),
        "--kind", "table", "--table-kind", "checklist", **args,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    # The same export imported by hand first: the refresh finds it in and imports nothing again.
    by_hand = tmp_path / "checklist.csv"
    by_hand.write_text(first, encoding="utf-8")
    imported = cockpit("import", "table", launch, "--kind", "checklist", by_hand, "--accept-partial", **args)
    assert imported.returncode == 0, imported.stderr
    unchanged = cockpit("source", "refresh", launch, **args)
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.startswith("#1 PMO: unchanged.")

    fake_ci.files["/checklist.csv"] = Served(
        (first + "Help desk staffed,Support,in progress\n").encode(), content_type="text/csv"
    )
    refused = cockpit("source", "refresh", launch, **args)
    assert refused.returncode == 2
    assert "add --accept-partial to import the 2 good rows and leave the others out." in refused.stderr
    accepted = cockpit("source", "refresh", launch, "--accept-partial", **args)
    assert accepted.returncode == 0, accepted.stderr
    assert "Imported 2 checklist rows. 1 bad row was left out." in accepted.stdout


def test_remove_says_what_became_of_the_credential_when_the_keyring_is_gone(
    launch: Path, tmp_path: Path, fake_ci
) -> None:
    store = tmp_path / "keyring.json"
    added = cockpit(
        "source",
        "add",
        launch,
        "--name",
        "CI",
        "--url",
        fake_ci.url("/junit.xml"),
        "--kind",
        "results",
        "--level",
        "system",
        "--token-from-env",
        "CI_TOKEN",
        "--json",
        keyring_backend=FILE_KEYRING,
        keyring_file=store,
        CI_TOKEN=TOKEN,
    )
    assert added.returncode == 0, added.stderr
    ref = json.loads(added.stdout)["keyring_ref"]

    # This time no keyring answers (a headless session, a locked or missing keyring daemon).
    removed = cockpit(
        "source", "remove", launch, "1", keyring_backend="keyring.backends.fail.Keyring", keyring_file=store
    )
    assert removed.returncode == 0, removed.stderr  # the source is removed: that much is done
    assert removed.stdout.strip() == "source #1 removed."
    assert "forgotten" not in removed.stdout + removed.stderr
    assert "could not be reached" in removed.stderr
    assert f"'go-live-cockpit', entry '{ref}'; remove it there" in removed.stderr
    assert json.loads(store.read_text()) == {f"go-live-cockpit/{ref}": TOKEN}  # as the warning says


def test_a_url_carrying_a_secret_exits_2_naming_the_part_and_nothing_is_written(
    launch: Path, tmp_path: Path
) -> None:
    before = launch.read_bytes()
    url = (
        "https://acme.s3.amazonaws.com/junit.xml?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=cafe0123canary"
    )
    refused = cockpit(
        "source",
        "add",
        launch,
        "--name",
        "S3",
        "--url",
        url,
        "--kind",
        "results",
        "--level",
        "system",
        keyring_backend=FILE_KEYRING,
        keyring_file=tmp_path / "keyring.json",
    )
    assert refused.returncode == 2
    assert "'X-Amz-Credential' looks like a credential" in refused.stderr
    assert "keyring" in refused.stderr
    assert "cafe0123canary" not in refused.stdout + refused.stderr
    assert launch.read_bytes() == before
