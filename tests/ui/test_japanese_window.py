"""The window in Japanese, as a Japanese launch team sees it: every pane, menu, table heading and the main
dialogs, walked widget by widget on a Japanese demo launch, show no English word but the proper nouns and
abbreviations a Japanese PMO writes in Latin letters too (Go, SLA, P1, UAT…).

A string the code forgot to wrap in tr(), or one the catalog lacks, shows up here as the English word it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from cockpit import i18n
from cockpit.services.demo import write_demo
from cockpit.ui.app import GettextTranslator

# Latin-letter words a Japanese launch team writes as they are: decisions, severities, test and file kinds,
# units and zones, product names in the demo's data.
ALLOWED = {
    "go", "no", "sla", "eta", "uat", "csv", "xlsx", "pdf", "junit", "xml", "url", "http", "https", "id", "jst",
    "utc", "edi", "web", "api", "db", "os", "it", "pc", "kpi", "pdca", "faq", "vpn", "ok", "min", "p1", "p2",
    "p3", "p4", "t", "d", "h", "ja", "en", "golive", "cockpit", "sso", "erp", "wms", "crm", "ec", "ci", "qa",
    "sql", "ip", "dns", "ssl", "tls", "bi", "ad", "ldap", "hr", "ux", "ui", "vs", "gb", "tb", "mb", "ver",
    "dba", "pmo", "excel", "live", "nunit", "xunit", "trx", "testng", "alt", "ctrl", "shift",
    "alice", "tester",  # the test's own users, named in the status bar
    "english",  # View ▸ Language names each language in its own words
    "prometheus", "promql", "ms",  # the KPI source's product and query language, a response time's unit

}  # fmt: skip
CATALOG = (
    Path(i18n.__file__).resolve().parent.parent / "resources" / "locale" / "ja" / "LC_MESSAGES" / "cockpit.po"
)
WORD = re.compile(r"[A-Za-z]{2,}")
SYMBOLS = re.compile(r"^[^A-Za-z0-9\u3000-\u9fff]+|\s*\(&\w\)|&")


def english_sources() -> frozenset[str]:
    """The English strings the catalog translates: a table cell or a list entry showing one is untranslated
    (other cells are the team's own data: names, logins, zones)."""
    sources = set()
    for message in read_po(CATALOG.open(encoding="utf-8")):
        if message.id and message.string and message.string != message.id:  # "Go" stays "Go"
            for text in [message.id] if isinstance(message.id, str) else message.id:
                sources.add(SYMBOLS.sub("", text).strip())
    return frozenset(s for s in sources if WORD.search(s))


@pytest.fixture
def japanese(qapp: QApplication, monkeypatch) -> Iterator[None]:
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    i18n.set_language("ja")
    translator = GettextTranslator(qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def japanese_demo(tmp_path: Path, japanese) -> Path:
    # The demo's KPIs fill the Hypercare pane: some met, the response time breached.
    return write_demo(tmp_path / "demo-ja.golive", size="small", lang="ja", actor="tester")


def english_words(text: str) -> list[str]:
    text = re.sub(r"\(&\w\)|&", "", text or "")
    text = re.sub(r"https?://\S+|[\w.-]+\.(golive|csv|xlsx|pdf|xml)\b|/\S+", "", text)  # links and paths
    text = re.sub(r"\bSHA-256\b|\b[0-9a-f]{64}\b", "", text)  # a frozen round's evidence hash, as it is
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


class Cell(str):
    """A table cell or a list entry: the team's data unless it is one of the catalog's English strings."""


def model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), 30)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield Cell(value)


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every text a user can read in ``root``: labels, buttons, tabs, group titles, placeholders, combo entries,
    tables (headings and the first rows), with where it was found."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield where, Cell(widget.itemText(i))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield where, widget.tabText(i)
        elif isinstance(widget, QAbstractItemView):
            for text in model_texts(widget.model()):
                yield where, text
        tip = widget.toolTip()
        if tip:
            yield where + " (tooltip)", tip


def menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        yield f"menu {menu.title()}", action.text()
        if action.menu() is not None:
            yield from menu_texts(action.menu())


def english_in(pairs: Iterator[tuple[str, str]]) -> list[str]:
    found = []
    sources = english_sources()
    for where, text in pairs:
        if isinstance(text, Cell):
            if SYMBOLS.sub("", text).strip() in sources:
                found.append(f"{where}: {text!r} (an English label)")
            continue
        words = english_words(text)
        if words:
            found.append(f"{where}: {text!r} ({', '.join(words)})")
    return sorted(set(found))


def test_every_pane_and_menu_reads_in_japanese(qtbot, make_window, japanese_demo):
    window = make_window(japanese_demo)
    found = english_in(
        pair for menu in window.menuBar().findChildren(QMenu) for pair in menu_texts(menu)
    )  # fmt: skip
    for pane_id in ("overview", "checklist", "tests", "migration", "risks", "support", "hypercare"):
        window.show_pane(pane_id)
        qtbot.waitUntil(lambda pid=pane_id: window.pane(pid).isVisible(), timeout=30_000)
        found += english_in(visible_texts(window))
    assert not found, "English words in the Japanese window:\n" + "\n".join(found)


def dialogs_of(window) -> Iterator[tuple[str, QDialog]]:
    """The main dialogs, each opened as a user opens it."""
    window.launch_actions.settings_action.trigger()
    yield "settings", window.launch_actions.settings_dialog
    for entry in window.launch_menu.actions():
        if entry.menu() is None and entry.text() and entry is not window.launch_actions.settings_action:
            entry.trigger()
            opened = (
                window.decisions.dialog
                if entry is window.decisions.decisions_action
                else window.sla_calendars.dialog
                if entry is window.sla_calendars.action
                else window.roster.dialog
            )
            yield entry.text(), opened
    for pane_id, attribute in (
        ("checklist", "item_dialog"),
        ("risks", "risk_dialog"),
        ("support", "ticket_dialog"),
    ):
        window.show_pane(pane_id)
        pane = window.pane(pane_id)
        pane.add_button.click()
        yield pane_id, getattr(pane, attribute)
    window.show_pane("migration")
    migration = window.pane("migration")
    migration.step_actions.add_button.click()
    yield "step", migration.step_actions.dialog
    migration.tabs.setCurrentIndex(1)
    migration.ledger_actions.add_button.click()
    yield "object", migration.ledger_actions.dialog
    window.show_pane("hypercare")
    hypercare = window.pane("hypercare")
    hypercare.add_button.click()
    yield "kpi", hypercare.dialog
    hypercare.record_button.click()
    yield "kpi value", hypercare.dialog


def test_the_main_dialogs_read_in_japanese(qtbot, make_window, japanese_demo):
    window = make_window(japanese_demo)
    found = []
    for name, dialog in dialogs_of(window):
        qtbot.waitUntil(dialog.isVisible, timeout=30_000)
        found += [f"[{name}] {line}" for line in english_in(visible_texts(dialog))]
        dialog.reject()
    assert not found, "English words in the Japanese dialogs:\n" + "\n".join(found)
