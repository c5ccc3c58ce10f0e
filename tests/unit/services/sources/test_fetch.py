"""Fetching a source from a real HTTP server on 127.0.0.1: credential, conditional GET, caps, failures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from cockpit.errors import BadInput
from cockpit.importers.sources import SourceUnreachable, check_url, fetch
from cockpit.secrets import Credential
from tests.unit.services.sources.conftest import JUNIT, Served

TOKEN = "tok-4f1b9c-fetch"


def folder_in(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def get(ci, path: str, folder: Path, **kwargs):
    options = {"auth": "token", "credential": Credential(secret=TOKEN), **kwargs}
    return fetch(source_name="CI nightly", url=ci.url(path), folder=folder, **options)


def test_the_token_is_sent_as_a_bearer_and_the_file_lands_with_its_name(fake_ci, tmp_path: Path) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/job/42/junit.xml"] = Served(JUNIT, last_modified="Tue, 01 Dec 2026 00:00:00 GMT")
    fetched = get(fake_ci, "/job/42/junit.xml", tmp_path)
    assert not fetched.not_modified
    assert fetched.path == tmp_path / "junit.xml"
    assert fetched.path.read_bytes() == JUNIT
    assert fetched.size == len(JUNIT)
    assert fetched.etag and fetched.last_modified == "Tue, 01 Dec 2026 00:00:00 GMT"
    assert fake_ci.seen[-1][1]["Authorization"] == f"Bearer {TOKEN}"


def test_basic_auth_sends_user_and_password(fake_ci, tmp_path: Path) -> None:
    fake_ci.user, fake_ci.password = "ci-bot", "pässwörd"
    fake_ci.files["/export.csv"] = Served(b"a,b\n1,2\n", content_type="text/csv")
    fetched = get(fake_ci, "/export.csv", tmp_path, auth="basic", credential=Credential("pässwörd", "ci-bot"))
    assert fetched.path.read_bytes() == b"a,b\n1,2\n"


@pytest.mark.parametrize("credential", [None, Credential(secret="wrong")], ids=["none", "wrong"])
def test_a_refused_credential_says_to_update_it(fake_ci, tmp_path: Path, credential) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    with pytest.raises(BadInput) as refused:
        get(fake_ci, "/junit.xml", tmp_path, credential=credential)
    assert str(refused.value) == (
        "Source 'CI nightly': the server refused the credential (HTTP 401); update it in Sources."
    )
    assert list(tmp_path.iterdir()) == []


def test_conditional_get_by_etag_and_by_date_returns_not_modified(fake_ci, tmp_path: Path) -> None:
    fake_ci.token = TOKEN
    fake_ci.files["/etag.xml"] = Served(JUNIT)
    fake_ci.files["/dated.xml"] = Served(JUNIT, etag=False, last_modified="Tue, 01 Dec 2026 00:00:00 GMT")
    first = get(fake_ci, "/etag.xml", folder_in(tmp_path, "first"))
    again = get(fake_ci, "/etag.xml", tmp_path, etag=first.etag)
    assert again.not_modified and again.path is None
    assert fake_ci.seen[-1][1]["If-None-Match"] == first.etag
    dated = get(fake_ci, "/dated.xml", tmp_path, last_modified="Tue, 01 Dec 2026 00:00:00 GMT")
    assert dated.not_modified
    assert list(tmp_path.glob("*.xml")) == []


def test_missing_file_names_the_url(fake_ci, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"/gone\.xml was not found on the server \(HTTP 404\)"):
        get(fake_ci, "/gone.xml", tmp_path, auth="none", credential=None)


def test_a_sign_in_page_instead_of_the_file_is_refused(fake_ci, tmp_path: Path) -> None:
    fake_ci.files["/junit.xml"] = Served(b"<html><form>Sign in</form></html>", content_type="text/html")
    with pytest.raises(BadInput, match=r"answered with a web page, not a file \(a sign-in page\?\)"):
        get(fake_ci, "/junit.xml", tmp_path, auth="none", credential=None)
    assert list(tmp_path.iterdir()) == []


def test_a_file_over_the_cap_is_refused_whether_or_not_its_size_was_announced(
    fake_ci, tmp_path: Path
) -> None:
    fake_ci.files["/big.xml"] = Served(b"<x>" + b"a" * 5000 + b"</x>")
    with pytest.raises(BadInput, match="more than 0 MB"):
        get(fake_ci, "/big.xml", tmp_path, auth="none", credential=None, max_bytes=1000)
    with pytest.raises(BadInput, match="serves more than 1 MB"):
        get(fake_ci, "/endless", tmp_path, auth="none", credential=None, max_bytes=1024 * 1024)
    assert list(tmp_path.iterdir()) == []


def test_a_server_that_does_not_answer_in_time_times_out(fake_ci, tmp_path: Path) -> None:
    with pytest.raises(SourceUnreachable, match="did not answer in time"):
        get(fake_ci, "/slow", tmp_path, timeout=0.3)


def test_a_closed_port_is_a_refused_connection(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceUnreachable, match="connection was refused"):
        fetch(
            source_name="CI",
            url=f"http://127.0.0.1:{port}/x.xml",
            auth="none",
            credential=None,
            folder=tmp_path,
        )


def test_tls_failure_is_named(fake_ci, tmp_path: Path) -> None:
    with pytest.raises(SourceUnreachable, match="TLS") as failed:
        fetch(
            source_name="CI",
            url=fake_ci.url("/junit.xml").replace("http://", "https://"),
            auth="none",
            credential=None,
            folder=tmp_path,
            timeout=5,
        )
    assert "Source 'CI': could not reach 127.0.0.1" in str(failed.value)


def test_a_redirect_keeps_the_credential_on_the_same_origin_only(fake_ci, tmp_path: Path) -> None:
    fake_ci.files["/junit.xml"] = Served(JUNIT)
    get(fake_ci, "/redirect-to/junit.xml", folder_in(tmp_path, "same"))
    assert fake_ci.seen[-1][0] == "/junit.xml"
    assert fake_ci.seen[-1][1]["Authorization"] == f"Bearer {TOKEN}"
    elsewhere = fake_ci.url("/junit.xml", host="localhost")  # another origin, still loopback
    get(fake_ci, f"/redirect-to/{elsewhere}", tmp_path)
    assert fake_ci.seen[-1][0] == "/junit.xml"
    assert "Authorization" not in fake_ci.seen[-1][1]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://ci.example/x.xml", "not a web address"),
        ("file:///etc/passwd", "not a web address"),
        ("https://bot:hunter2@ci.example/x.xml", "carries a user name or password"),
        ("https://ci.example/x.xml?private_token=abc", "'private_token' looks like a credential"),
        ("https://ci.example/x.xml?api_key=abc", "'api_key' looks like a credential"),
        ("http://ci.example/x.xml", "would travel unencrypted"),
    ],
)
def test_urls_that_would_leak_or_cannot_be_fetched_are_refused(url: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        check_url(url, with_credential=True)


def test_plain_http_is_fine_without_a_credential_or_on_this_machine() -> None:
    assert (
        check_url(" http://ci.example/x.xml?job=7 ", with_credential=False) == "http://ci.example/x.xml?job=7"
    )
    assert check_url("http://127.0.0.1:8080/x.xml", with_credential=True)
