"""The CLI speaks the system locale's language: under LANG=ja_JP.UTF-8 its messages are the catalog's Japanese.

The Japanese test fails until the translations are merged into resources/locale/ja/LC_MESSAGES/cockpit.po.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.conftest import cockpit_env
from tests.unit.i18n.catalogs import JAPANESE, read_catalog, translatable

BAD_GO_LIVE = "--go-live {text!r} is not an ISO 8601 time; write e.g. 2026-12-01T09:00+09:00."
ERROR_LINE = "cockpit: {message}"


def japanese(msgid: str) -> str:
    entry = translatable(read_catalog(JAPANESE, locale="ja")).get(msgid)
    assert entry is not None and entry.string and not entry.fuzzy, f"no finished Japanese for {msgid!r}"
    assert isinstance(entry.string, str)
    return entry.string


def new_launch_in_locale(folder: Path, lang: str) -> subprocess.CompletedProcess:
    """``cockpit new`` with a go-live that is not a time, the language left to the system locale alone."""
    env = cockpit_env(LANG=lang)
    del env["COCKPIT_LANG"]
    return subprocess.run(
        [sys.executable, "-m", "cockpit", "new", str(folder / "launch.golive"), "--name", "販売管理システム",
         "--go-live", "tomorrow"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60,
    )  # fmt: skip


def test_a_bad_input_message_is_in_japanese_under_a_japanese_locale(tmp_path: Path):
    result = new_launch_in_locale(tmp_path, "ja_JP.UTF-8")
    assert result.returncode == 2, result.stderr
    reason = japanese(BAD_GO_LIVE).format(text="tomorrow")
    assert result.stderr.strip() == japanese(ERROR_LINE).format(message=reason)
    assert not (tmp_path / "launch.golive").exists()


def test_the_same_message_is_english_under_an_english_locale(tmp_path: Path):
    result = new_launch_in_locale(tmp_path, "en_US.UTF-8")
    assert result.returncode == 2
    assert result.stderr.strip() == ERROR_LINE.format(message=BAD_GO_LIVE.format(text="tomorrow"))
