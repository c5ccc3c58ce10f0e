"""The risk heat map (5×5 counts) and the risk register, as Qt models over the launch's ``Risk`` rows.

Both follow one rating mode: inherent (before mitigation) or residual (after it, or inherent when not
reassessed), so a heat-map cell and the register rows it filters always agree.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from cockpit.domain.risks import (
    SCALE,
    Risk,
    RiskStatus,
    RiskThresholds,
    Zone,
    is_open,
    needs_contingency,
    residual_rating,
    score,
    zone,
)
from cockpit.ui.panes.risks.words import ZONE_RAG, cell_text, rating_of, zone_text
from cockpit.ui.widgets.theme import MUTED_INK, NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE, OVERDUE_SYMBOL, RAG_LOOKS
from cockpit.words.labels import impact_word, likelihood_word, risk_status_label, risk_zone_label
from cockpit.words.rows import field_label

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def _t(text: str) -> str:
    return QCoreApplication.translate("risks", text)


class HeatmapModel(QAbstractTableModel):
    """Rows are likelihood from 5 (top) to 1, columns impact 1 to 5: the usual reading of a risk matrix."""

    CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # (likelihood, impact)
    COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
    ZONE_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._counts: dict[tuple[int, int], int] = {}
        self._thresholds = RiskThresholds()

    def set_counts(
        self, risks: tuple[Risk, ...], *, thresholds: RiskThresholds, residual: bool, open_only: bool
    ) -> None:
        counts: dict[tuple[int, int], int] = {}
        for risk in risks:
            if open_only and not is_open(risk):
                continue
            cell = rating_of(risk, residual=residual)
            counts[cell] = counts.get(cell, 0) + 1
        self._counts, self._thresholds = counts, thresholds
        # The grid never changes shape: every refresh is a dataChanged over the 25 cells.
        self.dataChanged.emit(self.index(0, 0), self.index(len(SCALE) - 1, len(SCALE) - 1))

    @staticmethod
    def cell_at(row: int, column: int) -> tuple[int, int]:
        return len(SCALE) - row, column + 1

    def index_of_cell(self, likelihood: int, impact: int) -> QModelIndex:
        return self.index(len(SCALE) - likelihood, impact - 1)

    def count(self, likelihood: int, impact: int) -> int:
        return self._counts.get((likelihood, impact), 0)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(SCALE)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(SCALE)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(SCALE):
            return None
        if orientation == Qt.Orientation.Vertical:
            # The number over its word, like the impact header, one word a line: a narrow header leaves
            # the register beside the grid room for its titles.
            level = len(SCALE) - section
            word = likelihood_word(level).replace(" ", "\n")
            return f"{level}\n{word}"
        return f"{section + 1}\n{impact_word(section + 1)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        likelihood, impact = self.cell_at(index.row(), index.column())
        cell_zone = zone(score(likelihood, impact), self._thresholds)
        count = self.count(likelihood, impact)
        look = RAG_LOOKS[ZONE_RAG[cell_zone]]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{look.symbol} {count}" if count else look.symbol
        if role == self.CELL_ROLE:
            return likelihood, impact
        if role == self.COUNT_ROLE:
            return count
        if role == self.ZONE_ROLE:
            return cell_zone
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(look.colour if count else look.fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("white" if count and cell_zone != Zone.AMBER else ("black" if count else MUTED_INK))
        if role == Qt.ItemDataRole.FontRole and count:
            font = QFont()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.3)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return _t("{cell}: score {score}, {zone} zone — {count} risk(s). Click to list them.").format(
                cell=cell_text(likelihood, impact),
                score=likelihood * impact,
                zone=risk_zone_label(cell_zone),
                count=count,
            )
        return None


class Column(IntEnum):
    ID = 0
    TITLE = 1
    OWNER = 2
    LIKELIHOOD = 3
    IMPACT = 4
    SCORE = 5
    ZONE = 6
    CHANGE = 7  # inherent → residual
    STATUS = 8
    CONTINGENCY = 9


class Role(IntEnum):
    RISK = Qt.ItemDataRole.UserRole + 1
    RATING = Qt.ItemDataRole.UserRole + 2  # (likelihood, impact) in the current rating mode
    SORT = Qt.ItemDataRole.UserRole + 3
    NEEDS_CONTINGENCY = Qt.ItemDataRole.UserRole + 4  # open, red now, and no contingency plan


class RiskTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._risks: list[Risk] = []
        self._rated: list[tuple[int, int, bool]] = []  # per row: likelihood, impact, needs a contingency plan
        self._thresholds = RiskThresholds()
        self.residual = True
        self.narrow = False  # the register is short of room: long headers take two lines

    def set_narrow(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    @staticmethod
    def header_text(section: int, *, narrow: bool) -> str:
        change = _t("Inherent →\nresidual") if narrow else _t("Inherent → residual")
        words = (
            _t("#"),
            _t("Risk"),
            field_label("risks", "owner"),
            _t("L"),
            _t("I"),
            _t("Score"),
            _t("Zone"),
            change,
        )
        return (*words, field_label("risks", "status"), _t("Contingency"))[section]

    def texts(self, column: int) -> list[str]:
        """What every row shows in ``column``: the view measures these to size its columns."""
        return [
            self._text(risk, column, *rated) for risk, rated in zip(self._risks, self._rated, strict=True)
        ]

    def set_risks(self, risks: tuple[Risk, ...], *, thresholds: RiskThresholds, residual: bool) -> None:
        same_rows = [r.id for r in risks] == [r.id for r in self._risks]
        if same_rows and self._risks:
            # Same rows, new values or another rating mode: a layout change has the proxy filter and sort
            # once more (the rating decides each row's heat-map cell) and keeps the selection.
            self.layoutAboutToBeChanged.emit()
            self._keep(risks, thresholds, residual)
            self.layoutChanged.emit()
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
            return
        self.beginResetModel()
        self._keep(risks, thresholds, residual)
        self.endResetModel()

    def _keep(self, risks: tuple[Risk, ...], thresholds: RiskThresholds, residual: bool) -> None:
        # Worked out once per refresh: views and the proxy ask for these again and again, per cell and role.
        self._risks, self._thresholds, self.residual = list(risks), thresholds, residual
        self._rated = [
            (*rating_of(risk, residual=residual), needs_contingency(risk, thresholds)) for risk in risks
        ]

    def rated_row(self, row: int) -> tuple[Risk, tuple[int, int, bool]]:
        return self._risks[row], self._rated[row]

    def risk(self, risk_id: int) -> Risk | None:
        return next((r for r in self._risks if r.id == risk_id), None)

    def row_of(self, risk_id: int) -> int:
        return next((row for row, r in enumerate(self._risks) if r.id == risk_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._risks)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section, narrow=self.narrow)
        if role == Qt.ItemDataRole.ToolTipRole:
            mode = _t("residual, after mitigation") if self.residual else _t("inherent, before mitigation")
            if section == Column.LIKELIHOOD:
                return _t("Likelihood (発生可能性), {mode}").format(mode=mode)
            if section == Column.IMPACT:
                return _t("Impact (影響度), {mode}").format(mode=mode)
            if section in (Column.SCORE, Column.ZONE):
                return _t("Likelihood × impact, {mode}").format(mode=mode)
            if section == Column.CONTINGENCY:
                return field_label("risks", "contingency")
            if section == Column.CHANGE:
                return _t("Score before mitigation (inherent) → now, after it (residual)")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._risks):
            return None
        risk = self._risks[index.row()]
        column = index.column()
        likelihood, impact, missing = self._rated[index.row()]
        if role == Role.RISK:
            return risk
        if role == Role.RATING:
            return likelihood, impact
        if role == Role.NEEDS_CONTINGENCY:
            return missing
        if role == Role.SORT:
            return self._sort_value(risk, column, likelihood, impact)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(risk, column, likelihood, impact, missing)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(risk, column, likelihood, impact, missing)
        if role == Qt.ItemDataRole.BackgroundRole and column == Column.ZONE:
            return QColor(RAG_LOOKS[ZONE_RAG[zone(likelihood * impact, self._thresholds)]].fill)
        if role == Qt.ItemDataRole.ForegroundRole:
            if missing and column in (Column.TITLE, Column.CONTINGENCY):
                return QColor(OVERDUE)
            if not is_open(risk):
                return QColor(MUTED_INK)
        if role == Qt.ItemDataRole.FontRole and missing and column in (Column.TITLE, Column.CONTINGENCY):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.ID,
            Column.LIKELIHOOD,
            Column.IMPACT,
            Column.SCORE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, risk: Risk, column: int, likelihood: int, impact: int, missing: bool) -> str:
        if column == Column.ID:
            return str(risk.id)
        if column == Column.TITLE:
            return f"{OVERDUE_SYMBOL} {risk.title}" if missing else risk.title
        if column == Column.OWNER:
            return risk.owner
        if column == Column.LIKELIHOOD:
            return str(likelihood)
        if column == Column.IMPACT:
            return str(impact)
        if column == Column.SCORE:
            return str(likelihood * impact)
        if column == Column.ZONE:
            return zone_text(zone(likelihood * impact, self._thresholds))
        if column == Column.CHANGE:
            before = score(risk.likelihood, risk.impact)
            if risk.residual_likelihood is None and risk.residual_impact is None:
                return _t("{score} {symbol} → not reassessed").format(
                    score=before, symbol=self._symbol(before)
                )
            after = score(*residual_rating(risk))
            return f"{before} {self._symbol(before)} → {after} {self._symbol(after)}"
        if column == Column.STATUS:
            return risk_status_label(risk.status)
        if missing:
            return _t("{symbol} Missing").format(symbol=OVERDUE_SYMBOL)
        if risk.contingency.strip():
            return _t("{symbol} Yes").format(symbol=OK_SYMBOL)
        return _t("{symbol} None").format(symbol=NOT_OK_SYMBOL)

    def _symbol(self, risk_score: int) -> str:
        return RAG_LOOKS[ZONE_RAG[zone(risk_score, self._thresholds)]].symbol

    def _tooltip(self, risk: Risk, column: int, likelihood: int, impact: int, missing: bool) -> str | None:
        if column == Column.TITLE:
            lines = [risk.title]
            if missing:
                lines.append(_t("Red risk without a contingency plan (緊急対応計画)"))
            if risk.mitigation:
                lines.append(_t("Mitigation: {text}").format(text=risk.mitigation))
            return "\n".join(lines)
        if column in (Column.LIKELIHOOD, Column.IMPACT, Column.SCORE):
            return cell_text(likelihood, impact)
        if column == Column.CONTINGENCY and risk.contingency.strip():
            return risk.contingency
        return None

    @staticmethod
    def _sort_value(risk: Risk, column: int, likelihood: int, impact: int) -> Any:
        if column == Column.ID:
            return risk.id
        if column == Column.LIKELIHOOD:
            return likelihood
        if column == Column.IMPACT:
            return impact
        if column in (Column.SCORE, Column.ZONE):
            return likelihood * impact
        if column == Column.CHANGE:
            return score(risk.likelihood, risk.impact)
        if column == Column.STATUS:
            return list(RiskStatus).index(risk.status)
        if column == Column.CONTINGENCY:
            return (bool(risk.contingency.strip()), risk.id)
        return (risk.title if column == Column.TITLE else risk.owner).casefold()


class RiskFilter(QSortFilterProxyModel):
    """A heat-map cell, open risks only, red without a contingency plan, and free text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.cell: tuple[int, int] | None = None
        self.open_only = True
        self.missing_contingency_only = False
        self.text = ""

    def set_filters(self, **filters: Any) -> None:
        """Any of ``cell``, ``open_only``, ``missing_contingency_only``, ``text``; the rest stay."""
        self.beginFilterChange()
        for name, value in filters.items():
            if name not in ("cell", "open_only", "missing_contingency_only", "text"):
                raise TypeError(name)
            setattr(self, name, value.strip().casefold() if name == "text" else value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_parent.isValid():
            return False
        risk, (likelihood, impact, missing) = self.sourceModel().rated_row(source_row)
        if self.open_only and not is_open(risk):
            return False
        if self.cell is not None and (likelihood, impact) != self.cell:
            return False
        if self.missing_contingency_only and not missing:
            return False
        if self.text:
            haystack = " ".join((f"#{risk.id}", risk.title, risk.owner, risk.mitigation, risk.contingency))
            return self.text in haystack.casefold()
        return True
