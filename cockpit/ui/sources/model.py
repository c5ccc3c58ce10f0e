"""The launch's remote sources as a table: what each feeds, how it is polled, and how its last refresh went."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cockpit.domain.moments import FALLBACK_ZONE, zone_of
from cockpit.domain.sources import AuthKind, RefreshStatus, Source, SourceKind
from cockpit.domain.status import Rag
from cockpit.domain.url_secrets import redact_url, was_redacted
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, RAG_LOOKS, WAITING_SYMBOL
from cockpit.words.labels import refresh_status_label, table_kind_label
from cockpit.words.moments import table_moment_text

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _t(text: str) -> str:
    return QCoreApplication.translate("sources", text)


@dataclass(frozen=True, slots=True)
class ListedSource:
    source: Source
    has_credential: bool  # whether this machine (keyring or this session) holds what the source needs


REFRESH_SYMBOLS = {
    RefreshStatus.NEVER: WAITING_SYMBOL,
    RefreshStatus.IMPORTED: OK_SYMBOL,
    RefreshStatus.NOT_MODIFIED: OK_SYMBOL,
    RefreshStatus.UNCHANGED: OK_SYMBOL,
    RefreshStatus.FAILED: NOT_OK_SYMBOL,
}


def status_text(status: RefreshStatus) -> str:
    """The last refresh in a symbol and words."""
    return f"{REFRESH_SYMBOLS[status]} {refresh_status_label(status)}"


def feeds_text(source: Source) -> str:
    if source.kind is SourceKind.RESULTS:
        return _t("Test results · {level}").format(level=source.level or "?")
    if source.kind is SourceKind.PROMETHEUS:
        return _t("Prometheus · KPIs")
    if source.table_kind is None:
        return _t("Table")
    return _t("Table · {kind}").format(kind=table_kind_label(source.table_kind))


def polling_text(source: Source) -> str:
    if source.poll_minutes is None:
        return _t("On demand")
    return _t("Every {n} min").format(n=source.poll_minutes)


def redacted_url_text() -> str:
    return _t(
        "The credential this URL held was removed from the launch file, where every teammate could read it. "
        "Enter the URL again without it (Edit…); the credential goes in the keyring."
    )


def credential_text(listed: ListedSource) -> str:
    auth = listed.source.auth
    if auth is AuthKind.NONE:
        return _t("None needed")
    kind = (
        _t("Token")
        if auth is AuthKind.TOKEN
        else _t("User {user} and password").format(user=listed.source.username)
    )
    if listed.has_credential:
        return OK_SYMBOL + " " + kind
    return NOT_OK_SYMBOL + " " + _t("{kind}: missing on this machine").format(kind=kind)


class SourcesModel(QAbstractTableModel):
    NAME, FEEDS, URL, POLLING, CREDENTIAL, LAST_POLLED, STATUS = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: tuple[ListedSource, ...] = ()
        self._zone = FALLBACK_ZONE

    def set_sources(self, rows: tuple[ListedSource, ...], *, zone: str) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self._zone = zone_of(zone)
        self.endResetModel()

    def listed(self, row: int) -> ListedSource:
        return self._rows[row]

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 7:
            return None
        return (
            _t("Name"),
            _t("Feeds"),
            _t("URL"),
            _t("Polling"),
            _t("Credential"),
            _t("Last polled"),
            _t("Last status"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        listed = self._rows[index.row()]
        source, column = listed.source, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(listed, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS:
                return source.last_message or None
            if column == self.URL:
                return redacted_url_text() if was_redacted(source.url) else redact_url(source.url)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            failed = column == self.STATUS and source.last_status is RefreshStatus.FAILED
            missing = column == self.CREDENTIAL and source.needs_credential and not listed.has_credential
            redacted = column == self.URL and was_redacted(source.url)
            return QColor(RAG_LOOKS[Rag.RED].colour) if failed or missing or redacted else None
        if role == Qt.ItemDataRole.UserRole:
            return source.id
        return None

    def _display(self, listed: ListedSource, column: int) -> str | None:
        source = listed.source
        if column == self.NAME:
            return source.name
        if column == self.FEEDS:
            return feeds_text(source)
        if column == self.URL:
            shown = redact_url(source.url)
            return NOT_OK_SYMBOL + " " + shown if was_redacted(source.url) else shown
        if column == self.POLLING:
            return polling_text(source)
        if column == self.CREDENTIAL:
            return credential_text(listed)
        if column == self.LAST_POLLED:
            if source.last_polled_at is None:
                return "–"
            return table_moment_text(source.last_polled_at, self._zone)
        if column == self.STATUS:
            text = status_text(source.last_status)
            return f"{text}: {source.last_message}" if source.last_message else text
        return None
