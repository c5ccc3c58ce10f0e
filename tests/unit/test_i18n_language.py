"""Which language a start speaks: --lang, then COCKPIT_LANG, then the window's remembered choice, then the system."""

from __future__ import annotations

import pytest

from cockpit import i18n


@pytest.fixture(autouse=True)
def english_system(monkeypatch) -> None:
    for var in ("COCKPIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def test_the_system_locale_decides_when_nothing_else_does(monkeypatch) -> None:
    assert i18n.startup_language() == "en"
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.startup_language() == "ja"


def test_without_locale_variables_the_system_locale_given_decides(monkeypatch) -> None:
    """Windows and macOS set no LANG: the window passes Qt's system locale."""
    monkeypatch.setenv("LANG", "C")
    assert i18n.startup_language(system="ja_JP") == "ja"
    assert i18n.startup_language(system="de_DE") == "en"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert i18n.startup_language(system="ja_JP") == "en"  # the variables are the system's own word


def test_a_remembered_choice_beats_the_system(monkeypatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.startup_language(remembered="en") == "en"


def test_cockpit_lang_beats_the_remembered_choice(monkeypatch) -> None:
    monkeypatch.setenv("COCKPIT_LANG", "ja")
    assert i18n.startup_language(remembered="en") == "ja"


def test_lang_beats_everything(monkeypatch) -> None:
    monkeypatch.setenv("COCKPIT_LANG", "ja")
    assert i18n.startup_language("en", remembered="ja") == "en"


def test_a_language_we_do_not_ship_is_passed_over(monkeypatch) -> None:
    monkeypatch.setenv("COCKPIT_LANG", "fr_FR.UTF-8")
    assert i18n.startup_language(remembered="xx") == "en"


def test_a_count_reads_with_thousands_separators() -> None:
    assert i18n.ntr("{n} row", "{n} rows", 1_204_500) == "1,204,500 rows"
    assert i18n.ntr("{n} row", "{n} rows", 1) == "1 row"
