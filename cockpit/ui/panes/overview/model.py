"""Table models of the go/no-go panel: the criteria, live, and the sign-offs."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from cockpit.domain.gate import CriterionResult, Decision, SignOff
from cockpit.domain.status import Rag
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, RAG_LOOKS
from cockpit.words.gate import criterion_label
from cockpit.words.labels import decision_label
from cockpit.words.moments import table_moment_text
from cockpit.words.rows import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root every flat model hangs its rows under
_DECISION_RAG = {Decision.GO: Rag.GREEN, Decision.CONDITIONAL_GO: Rag.AMBER, Decision.NO_GO: Rag.RED}


class CriteriaModel(QAbstractTableModel):
    """One row per enabled criterion: met or not (symbol and word), its label, and the numbers behind it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._results: tuple[CriterionResult, ...] = ()

    def set_results(self, results: tuple[CriterionResult, ...]) -> None:
        self.beginResetModel()
        self._results = tuple(results)
        self.endResetModel()

    def results(self) -> tuple[CriterionResult, ...]:
        return self._results

    def result(self, row: int) -> CriterionResult:
        return self._results[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return (self.tr("Met"), self.tr("Criterion"), self.tr("Detail"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (
                    f"{OK_SYMBOL} {self.tr('Met')}" if result.ok else f"{NOT_OK_SYMBOL} {self.tr('Not met')}"
                )
            if column == 1:
                return criterion_label(result.criterion.kind, result.criterion.params)
            return result.detail
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor(RAG_LOOKS[Rag.GREEN if result.ok else Rag.RED].colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.detail
        return None


class SignOffModel(QAbstractTableModel):
    """Who, role, decision, when (in the launch's time zone), comment."""

    COLUMNS = 5

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._signoffs: tuple[SignOff, ...] = ()
        self._zone: tzinfo | None = None

    def set_signoffs(self, signoffs: tuple[SignOff, ...], *, zone: tzinfo) -> None:
        self.beginResetModel()
        self._signoffs, self._zone = tuple(signoffs), zone
        self.endResetModel()

    def signoff(self, row: int) -> SignOff:
        return self._signoffs[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._signoffs)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = (
                self.tr("Who"),
                field_label("signoffs", "role"),
                field_label("signoffs", "decision"),
                self.tr("When"),
                field_label("signoffs", "comment"),
            )
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._signoffs):
            return None
        signoff = self._signoffs[index.row()]
        column = index.column()
        rag = _DECISION_RAG.get(signoff.decision)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return signoff.person
            if column == 1:
                return signoff.role
            if column == 2:
                symbol = RAG_LOOKS[rag].symbol + " " if rag is not None else "… "
                return symbol + decision_label(signoff.decision)
            if column == 3:
                when = signoff.decided_at
                return table_moment_text(when, self._zone)
            return signoff.comment
        if role == Qt.ItemDataRole.BackgroundRole and column == 2 and rag is not None:
            return QColor(RAG_LOOKS[rag].fill)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4:
            return signoff.comment or None
        return None
