"""A Prometheus stand-in on 127.0.0.1: ``/api/v1/query_range`` answers the documented JSON for the queries
a test gives it, and only to a request with the right bearer token."""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import pytest

from tests.loopback import loopback_server

TOKEN = "prom-token-5b1d"


@dataclass
class FakePrometheus:
    """``series[query]``: the [[unix time, "value"], …] to answer; ``asked`` keeps each request's parameters."""

    series: dict[str, list[list[object]]] = field(default_factory=dict)
    asked: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _handler(prometheus: FakePrometheus) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._json(401, {"status": "error", "errorType": "unauthorized", "error": "no token"})
                return
            if parts.path != "/api/v1/query_range":
                self._json(404, {"status": "error", "error": "not found"})
                return
            asked = dict(urllib.parse.parse_qsl(parts.query))
            prometheus.asked.append(asked)
            values = prometheus.series.get(asked.get("query", ""))
            if values is None:
                self._json(
                    400, {"status": "error", "errorType": "bad_data", "error": "parse error at char 1"}
                )
                return
            self._json(
                200,
                {
                    "status": "success",
                    "data": {
                        "resultType": "matrix",
                        "result": [{"metric": {"job": "orders"}, "values": values}],
                    },
                },
            )

        def _json(self, code: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


@pytest.fixture
def fake_prometheus(monkeypatch: pytest.MonkeyPatch):
    prometheus = FakePrometheus()
    with loopback_server(monkeypatch, _handler(prometheus)) as port:
        prometheus.port = port
        yield prometheus
