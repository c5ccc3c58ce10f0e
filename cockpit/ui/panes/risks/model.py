"""The risk heat map (5×5 counts) and the risk register, as Qt models over the launch's ``Risk`` rows.

Both follow one rating mode: inherent (before mitigation) or residual (after it, or inherent when not
reassessed), so a heat-map cell and the register rows it filters always agree. The register is a
``RowTableModel`` over ``RatedRisk`` rows: a change to one risk repaints (or moves) that row only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
from cockpit.ui.widgets.row_model import Column as RowColumn
from cockpit.ui.widgets.row_model import FilterProxy, Look, RowRole, RowTableModel
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
    RISK = Qt.ItemDataRole.UserRole + 11
    RATING = Qt.ItemDataRole.UserRole + 12  # (likelihood, impact) in the current rating mode
    NEEDS_CONTINGENCY = Qt.ItemDataRole.UserRole + 13  # open, red now, and no contingency plan
    SORT = RowRole.SORT


@dataclass(frozen=True, slots=True)
class RatedRisk:
    """A register row: the risk, rated in the register's mode, worked out once per change of the risk."""

    risk: Risk
    likelihood: int
    impact: int
    missing: bool  # needs a contingency plan it does not have
    thresholds: RiskThresholds

    @property
    def zone(self) -> Zone:
        return zone(self.likelihood * self.impact, self.thresholds)


def _symbol(risk_score: int, thresholds: RiskThresholds) -> str:
    return RAG_LOOKS[ZONE_RAG[zone(risk_score, thresholds)]].symbol


def _change_text(row: RatedRisk) -> str:
    risk = row.risk
    before = score(risk.likelihood, risk.impact)
    if risk.residual_likelihood is None and risk.residual_impact is None:
        return _t("{score} {symbol} → not reassessed").format(
            score=before, symbol=_symbol(before, row.thresholds)
        )
    after = score(*residual_rating(risk))
    return f"{before} {_symbol(before, row.thresholds)} → {after} {_symbol(after, row.thresholds)}"


def _contingency_text(row: RatedRisk) -> str:
    if row.missing:
        return _t("{symbol} Missing").format(symbol=OVERDUE_SYMBOL)
    if row.risk.contingency.strip():
        return _t("{symbol} Yes").format(symbol=OK_SYMBOL)
    return _t("{symbol} None").format(symbol=NOT_OK_SYMBOL)


def _title_tooltip(row: RatedRisk) -> str:
    lines = [row.risk.title]
    if row.missing:
        lines.append(_t("Red risk without a contingency plan (緊急対応計画)"))
    if row.risk.mitigation:
        lines.append(_t("Mitigation: {text}").format(text=row.risk.mitigation))
    return "\n".join(lines)


def _plain_look(row: RatedRisk) -> Look | None:
    return None if is_open(row.risk) else Look(ink=MUTED_INK)


def _flagged_look(row: RatedRisk) -> Look | None:
    """The title and contingency of a red risk without a plan stand out; a closed risk is muted."""
    return Look(ink=OVERDUE, bold=True) if row.missing else _plain_look(row)


def _zone_look(row: RatedRisk) -> Look:
    return Look(fill=RAG_LOOKS[ZONE_RAG[row.zone]].fill, ink=None if is_open(row.risk) else MUTED_INK)


class RiskTableModel(RowTableModel[RatedRisk]):
    """The register: one row per risk, rated inherent or residual; sorted by the model, filtered by ``RiskFilter``."""

    def __init__(self, parent=None) -> None:
        self.residual = True
        self.narrow = False  # the register is short of room: long headers take two lines
        self._thresholds = RiskThresholds()
        self._rated: dict[int, RatedRisk] = {}  # by risk id: reused while the risk and the mode stay

        def header(section: int) -> Callable[[], str]:
            return lambda: self.header_text(section, narrow=self.narrow)

        def rating_tip() -> str:
            return _t("residual, after mitigation") if self.residual else _t("inherent, before mitigation")

        cell = lambda r: cell_text(r.likelihood, r.impact)  # noqa: E731
        columns: tuple[RowColumn[RatedRisk], ...] = (
            RowColumn(header(0), lambda r: str(r.risk.id), sort=lambda r: r.risk.id, numeric=True),
            RowColumn(
                header(1),
                lambda r: f"{OVERDUE_SYMBOL} {r.risk.title}" if r.missing else r.risk.title,
                sort=lambda r: r.risk.title.casefold(),
                tooltip=_title_tooltip,
                look=_flagged_look,
            ),
            RowColumn(
                header(2), lambda r: r.risk.owner, sort=lambda r: r.risk.owner.casefold(), look=_plain_look
            ),
            RowColumn(
                header(3),
                lambda r: str(r.likelihood),
                sort=lambda r: r.likelihood,
                tooltip=cell,
                look=_plain_look,
                numeric=True,
                header_tooltip=lambda: _t("Likelihood (発生可能性), {mode}").format(mode=rating_tip()),
            ),
            RowColumn(
                header(4),
                lambda r: str(r.impact),
                sort=lambda r: r.impact,
                tooltip=cell,
                look=_plain_look,
                numeric=True,
                header_tooltip=lambda: _t("Impact (影響度), {mode}").format(mode=rating_tip()),
            ),
            RowColumn(
                header(5),
                lambda r: str(r.likelihood * r.impact),
                sort=lambda r: r.likelihood * r.impact,
                tooltip=cell,
                look=_plain_look,
                numeric=True,
                header_tooltip=lambda: _t("Likelihood × impact, {mode}").format(mode=rating_tip()),
            ),
            RowColumn(
                header(6),
                lambda r: zone_text(r.zone),
                sort=lambda r: r.likelihood * r.impact,
                look=_zone_look,
                header_tooltip=lambda: _t("Likelihood × impact, {mode}").format(mode=rating_tip()),
            ),
            RowColumn(
                header(7),
                _change_text,
                sort=lambda r: score(r.risk.likelihood, r.risk.impact),
                look=_plain_look,
                header_tooltip=lambda: _t("Score before mitigation (inherent) → now, after it (residual)"),
            ),
            RowColumn(
                header(8),
                lambda r: risk_status_label(r.risk.status),
                sort=lambda r: list(RiskStatus).index(r.risk.status),
                look=_plain_look,
            ),
            RowColumn(
                header(9),
                _contingency_text,
                sort=lambda r: (bool(r.risk.contingency.strip()), r.risk.id),
                tooltip=lambda r: r.risk.contingency if r.risk.contingency.strip() else "",
                look=_flagged_look,
                header_tooltip=lambda: field_label("risks", "contingency"),
            ),
        )
        super().__init__(columns=columns, key=lambda r: r.risk.id, parent=parent)

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

    def set_risks(self, risks: tuple[Risk, ...], *, thresholds: RiskThresholds, residual: bool) -> None:
        """Show ``risks``; a risk that is the same object as before, in the same mode, keeps its row as it is."""
        mode_changed = residual != self.residual or thresholds != self._thresholds
        self.residual, self._thresholds = residual, thresholds
        if mode_changed:
            self._rated = {}
        previous, self._rated = self._rated, {}
        for risk in risks:
            kept = previous.get(risk.id)
            self._rated[risk.id] = kept if kept is not None and kept.risk is risk else self._rate(risk)
        self.set_rows([self._rated[risk.id] for risk in risks])
        if mode_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def _rate(self, risk: Risk) -> RatedRisk:
        likelihood, impact = rating_of(risk, residual=self.residual)
        missing = needs_contingency(risk, self._thresholds)
        return RatedRisk(risk, likelihood, impact, missing, self._thresholds)

    def rated_row(self, row: int) -> tuple[Risk, tuple[int, int, bool]]:
        rated = self._rows[row]
        return rated.risk, (rated.likelihood, rated.impact, rated.missing)

    def risk(self, risk_id: int) -> Risk | None:
        rated = self._rated.get(risk_id)
        return rated.risk if rated is not None else None

    def row_of(self, risk_id: int) -> int:
        return self.row_of_key(risk_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Role.RISK, Role.RATING, Role.NEEDS_CONTINGENCY):
            if not index.isValid() or not 0 <= index.row() < len(self._rows):
                return None
            rated = self._rows[index.row()]
            if role == Role.RISK:
                return rated.risk
            return (rated.likelihood, rated.impact) if role == Role.RATING else rated.missing
        return super().data(index, role)


class RiskFilter(FilterProxy):
    """A heat-map cell, open risks only, red without a contingency plan, and free text; the model sorts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
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
        source = self.sourceModel()
        if not isinstance(source, RiskTableModel):  # made for the risk table only
            return False
        risk, (likelihood, impact, missing) = source.rated_row(source_row)
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
