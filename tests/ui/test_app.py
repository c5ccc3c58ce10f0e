"""Starting the app: no display means a clear message, Japanese has a font, Qt's tr() reads the gettext catalog."""

from __future__ import annotations

import gettext

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from cockpit import i18n
from cockpit.domain.launch import Stage
from cockpit.domain.status import Pane
from cockpit.ui.app import GettextTranslator, bundled_japanese_font, install_fonts, run_app
from cockpit.ui.panes.checklist.view import ChecklistPane
from cockpit.ui.widgets.theme import (
    BLOCKED_SYMBOL,
    GATE_SYMBOL,
    NOT_OK_SYMBOL,
    OK_SYMBOL,
    OVERDUE_SYMBOL,
    RAG_LOOKS,
    WAITING_SYMBOL,
)
from cockpit.words.labels import pane_title, stage_label


def test_without_a_display_the_app_says_so_and_exits_1(monkeypatch, capsys):
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert run_app(path=None, read_only=False, war_room=False, lang="en") == 1
    assert "No display found" in capsys.readouterr().err


def test_the_bundled_japanese_font_is_registered_as_a_fallback(qapp: QApplication):
    assert bundled_japanese_font() is not None
    family = install_fonts(qapp)
    assert family in QFontDatabase.families()
    assert family in qapp.font().families()
    assert QFontMetrics(qapp.font()).inFontUcs4(ord("移"))


def test_latin_punctuation_keeps_the_system_font_once_the_fallback_is_in(qapp: QApplication):
    system = QFont(QFontInfo(qapp.font()).family(), qapp.font().pointSize())
    install_fonts(qapp)
    merged = QFont(qapp.font())
    merged.setPointSize(system.pointSize())
    for text in ("“quoted”", "it’s", "Sign off…"):
        assert QFontMetrics(merged).horizontalAdvance(text) == QFontMetrics(system).horizontalAdvance(text), (
            text
        )


def test_untranslated_strings_fall_back_to_the_source(qapp: QApplication):
    translator = GettextTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("panes", "Checklist") == "Checklist"
        assert (
            translator.translate("panes", "Checklist") is None
        )  # null: Qt keeps looking, then uses the source
    finally:
        qapp.removeTranslator(translator)


class _Catalog(gettext.NullTranslations):
    """A stand-in for a compiled catalog: three words in Japanese."""

    WORDS = {"Checklist": "チェックリスト", "Cutover": "本番移行", "Undo": "元に戻す"}

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


def test_a_widgets_tr_and_the_shared_words_read_one_catalog(qapp: QApplication, monkeypatch):
    """One language switch (``i18n``) reaches Qt's tr() in the widgets and the Qt-free words alike."""
    monkeypatch.setattr(i18n, "_translation", _Catalog())
    translator = GettextTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Undo") == "元に戻す"
        assert ChecklistPane.title() == pane_title(Pane.CHECKLIST) == "チェックリスト"
        assert stage_label(Stage.CUTOVER) == "本番移行"
    finally:
        qapp.removeTranslator(translator)


def test_japanese_without_a_catalog_reads_english_in_widgets_and_words(
    qapp: QApplication, monkeypatch, tmp_path
):
    """``--lang ja`` before a string is translated: the widgets and the shared words both show the English."""
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)  # a folder with no catalog at all
    monkeypatch.setattr(i18n, "_catalogs", {})  # nor one loaded before
    i18n.set_language("ja")
    translator = GettextTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        assert i18n.language() == "ja"
        assert QCoreApplication.translate("MainWindow", "Undo") == "Undo"
        assert ChecklistPane.title() == "Checklist"
        assert stage_label(Stage.HYPERCARE) == "Hypercare"
    finally:
        qapp.removeTranslator(translator)


def test_every_status_symbol_is_in_the_bundled_font(qapp: QApplication):
    family = install_fonts(qapp)
    metrics = QFontMetrics(QFont(family))
    symbols = [look.symbol for look in RAG_LOOKS.values()]
    symbols += [OK_SYMBOL, NOT_OK_SYMBOL, OVERDUE_SYMBOL, BLOCKED_SYMBOL, WAITING_SYMBOL, GATE_SYMBOL]
    assert [s for s in symbols if not metrics.inFontUcs4(ord(s))] == []
