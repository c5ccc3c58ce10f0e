"""A real compiled catalog answers the widgets' tr(), QCoreApplication.translate and cockpit.i18n.tr() alike."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cockpit import i18n
from cockpit.ui.app import GettextTranslator


def compile_japanese(locale_dir: Path, words: dict[str, str]) -> None:
    """What `make catalogs` leaves in resources/locale: ja/LC_MESSAGES/cockpit.mo."""
    catalog = Catalog(locale="ja", domain="cockpit")
    for source, japanese in words.items():
        catalog.add(source, japanese)
    target = locale_dir / "ja" / "LC_MESSAGES" / "cockpit.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as compiled:
        write_mo(compiled, catalog)


def test_one_compiled_catalog_translates_qt_strings_and_the_qt_free_ones(
    qapp: QApplication, monkeypatch, tmp_path: Path
):
    compile_japanese(tmp_path, {"Undo": "元に戻す", "and %n more": "ほか %n 件", "Met": "達成"})
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    i18n.set_language("ja")
    translator = GettextTranslator(qapp)
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "Undo") == "元に戻す"
        # Qt's plural call: the catalog has one form for Japanese, Qt fills %n.
        assert QCoreApplication.translate("migration", "and %n more", "", 3) == "ほか 3 件"
        assert i18n.tr("Met") == "達成"
    finally:
        qapp.removeTranslator(translator)
