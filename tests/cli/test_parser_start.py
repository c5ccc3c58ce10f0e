"""The command line's parser is built without argparse's per-word costs (issue 15) and prints the same help:
a formatter gets the width argparse's own would (shutil's terminal size), and argparse's words come
through gettext as before."""

from __future__ import annotations

import argparse
import gettext

import pytest

from cockpit.cli import _argparse_gettext, build_parser


@pytest.mark.parametrize("columns", [None, "50", "132", "not a number"])
def test_help_is_as_wide_as_argparse_makes_it(columns: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    step = build_parser("step")._subparsers._group_actions[0].choices["step"]  # type: ignore[union-attr]
    assert step._get_formatter()._width == argparse.HelpFormatter(prog="cockpit")._width
    if columns == "50":
        assert max(len(line) for line in step.format_help().splitlines()) <= 48


def test_argparse_words_are_gettext_s(monkeypatch: pytest.MonkeyPatch) -> None:
    assert argparse._ is _argparse_gettext  # type: ignore[attr-defined]
    words = (
        "usage: ",
        "options",
        "show this help message and exit",
        "the following arguments are required: %s",
    )
    for word in words:
        assert _argparse_gettext(word) == gettext.gettext(word)
    monkeypatch.setenv("LANGUAGE", "ja")
    for word in words:
        assert _argparse_gettext(word) == gettext.gettext(word)
