"""Run ``cockpit.cli.main`` in this process (much faster than a subprocess), as the commands print it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from cockpit.cli import main


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


class Cockpit:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, *args: object) -> Ran:
        self._capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's own refusals
            code = int(exit_.code or 0)
        captured = self._capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    def ok(self, *args: object) -> Ran:
        ran = self(*args)
        assert ran.code == 0, ran.err
        return ran


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cockpit:
    monkeypatch.setenv("COCKPIT_LANG", "en")
    return Cockpit(capsys)
