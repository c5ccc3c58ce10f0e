"""A real HTTP server on 127.0.0.1 that demands a credential, and real keyring backends."""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest

from tests.loopback import loopback_server

JUNIT = b"""<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="orders" tests="3">
    <testcase classname="orders.Api" name="creates an order" time="0.12"/>
    <testcase classname="orders.Api" name="rejects a bad order" time="0.03">
      <failure message="expected 400">AssertionError</failure>
    </testcase>
    <testcase classname="orders.Api" name="exports to CSV" time="0"><skipped/></testcase>
  </testsuite>
</testsuites>
"""
JUNIT_V2 = JUNIT.replace(b'name="orders"', b'name="orders-v2"')


@dataclass
class Served:
    body: bytes
    content_type: str = "application/xml"
    etag: bool = True
    last_modified: str | None = None


@dataclass
class FakeCI:
    """What the server serves and whom it lets in; ``seen`` keeps each request's path and headers."""

    token: str = ""
    user: str = ""
    password: str = ""
    files: dict[str, Served] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def allows(self, authorization: str | None) -> bool:
        if self.token:
            return authorization == f"Bearer {self.token}"
        if self.user:
            pair = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            return authorization == f"Basic {pair}"
        return True


def _handler(ci: FakeCI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            ci.seen.append((self.path, dict(self.headers.items())))
            if self.path.startswith("/redirect-to/"):
                self._redirect(self.path.removeprefix("/redirect-to/"))
                return
            if self.path == "/slow":
                time.sleep(2)
            if not ci.allows(self.headers.get("Authorization")):
                self._answer(
                    401, b"credential required", "text/plain", {"WWW-Authenticate": 'Bearer realm="ci"'}
                )
                return
            if self.path == "/endless":
                self._endless()
                return
            served = ci.files.get(self.path)
            if served is None:
                self._answer(404, b"no such file", "text/plain")
                return
            headers = {}
            if served.etag:
                headers["ETag"] = '"' + hashlib.sha256(served.body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == headers["ETag"]:
                    self._answer(304, b"", served.content_type, headers)
                    return
            if served.last_modified:
                headers["Last-Modified"] = served.last_modified
                if self.headers.get("If-Modified-Since") == served.last_modified:
                    self._answer(304, b"", served.content_type, headers)
                    return
            self._answer(200, served.body, served.content_type, headers)

        def _redirect(self, target: str) -> None:
            self.send_response(302)
            self.send_header("Location", target if target.startswith("http") else "/" + target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _endless(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()  # no Content-Length: only the byte count can stop it
            chunk = b"<x>" + b"a" * 65536 + b"</x>"
            try:
                for _ in range(64):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True

        def _answer(self, code: int, body: bytes, content_type: str, headers: dict | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if code != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if code != 304:
                self.wfile.write(body)

    return Handler


@pytest.fixture
def fake_ci(monkeypatch: pytest.MonkeyPatch):
    ci = FakeCI()
    with loopback_server(monkeypatch, _handler(ci)) as port:
        ci.port = port
        yield ci
