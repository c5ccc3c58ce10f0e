"""View ▸ Language: the choice is remembered per user and applied at the next start, which the window says."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest

from cockpit import i18n
from cockpit.ui import settings as keys
from cockpit.ui.language_menu import RESTART_NOTICE
from cockpit.ui.settings import open_settings


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def test_the_menu_offers_each_language_in_its_own_words(make_window, english) -> None:
    window = make_window()
    menu = window.language_menu
    assert [a.text() for a in menu.actions.values()] == ["English", "日本語"]
    assert menu.actions["en"].isChecked() and not menu.actions["ja"].isChecked()
    texts = [a.text() for a in window.view_menu.actions()]
    assert "&Language" in texts


def test_choosing_japanese_is_remembered_and_a_restart_applies_it(
    make_window, settings_path, english, qtbot
) -> None:
    window = make_window()
    window.language_menu.actions["ja"].trigger()

    notice = window.language_menu.notice
    assert notice is not None and notice.isVisible()
    assert "日本語" in notice.text() and "Restart" in notice.text()
    notice.close()
    assert i18n.language() == "en"  # this window goes on as it was built
    assert window.language_menu.actions["ja"].isChecked()
    assert keys.read(open_settings(settings_path), keys.LANGUAGE) == "ja"

    again = make_window()  # the next start reads the same settings
    assert again.language_menu.actions["ja"].isChecked()


def test_the_restart_notice_is_also_said_in_the_language_chosen(make_window, english, monkeypatch) -> None:
    class StandInJapanese(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "{language}で次回起動から表示します。" if message == RESTART_NOTICE else message

    monkeypatch.setattr(i18n, "_catalogs", {**i18n._catalogs, "ja": StandInJapanese()})
    window = make_window()
    window.language_menu.actions["ja"].trigger()
    notice = window.language_menu.notice
    assert notice is not None
    english_part, japanese_part = notice.text().split("\n\n")
    assert english_part.startswith("The cockpit will speak 日本語")
    assert japanese_part == "日本語で次回起動から表示します。"
    notice.close()


def test_choosing_the_language_shown_needs_no_restart(make_window, settings_path, english) -> None:
    window = make_window()
    window.language_menu.actions["en"].trigger()
    assert window.language_menu.notice is None
    assert keys.read(open_settings(settings_path), keys.LANGUAGE) == "en"
