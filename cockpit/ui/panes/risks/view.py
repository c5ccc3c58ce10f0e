"""The risks pane: a clickable 5×5 heat map beside the risk register, and the risk dialog.

The heat map is a plain Qt grid (no matplotlib), so it paints with the window; clicking a cell narrows
the register to the risks counted in it, and the filter is said in words above the register.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.figures import risks_figure
from cockpit.domain.launch import LaunchData
from cockpit.domain.risks import MAX_SCORE, SCALE, Risk, Zone, needs_contingency
from cockpit.domain.status import Pane
from cockpit.services.edits import add_risk, update_risk
from cockpit.ui import settings as keys
from cockpit.ui.care.row_links import RowLinks
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.risks.dialogs import RiskDialog, update_arguments
from cockpit.ui.panes.risks.model import Column, HeatmapModel, RiskFilter, RiskTableModel, Role
from cockpit.ui.panes.risks.register import RegisterTable
from cockpit.ui.panes.risks.words import cell_text, zone_text
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.theme import OVERDUE, OVERDUE_SYMBOL, scaled_font
from cockpit.words.labels import pane_title

CELL_SIZE = 56  # the smallest heat-map cell; a larger font or longer words make cells larger


class RisksPane(BasePane):
    pane_id = "risks"
    tables = frozenset(
        {"risks", "ticket_links"}
    )  # thresholds live on the launch row, which every pane follows

    @classmethod
    def title(cls) -> str:
        return pane_title(Pane.RISKS)

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self.risk_dialog: RiskDialog | None = None

        self.heatmap_model = HeatmapModel(self)
        self.model = RiskTableModel(self)
        self.proxy = RiskFilter(self)
        self.proxy.setSourceModel(self.model)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._build_heatmap_side())
        self.splitter.addWidget(self._build_register_side())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.splitter)
        self._show_filter()

    # -- building -------------------------------------------------------------------------------------------------

    def _build_heatmap_side(self) -> QWidget:
        heading = QLabel(self.tr("Heat map: likelihood × impact"))
        heading.setFont(scaled_font(self.font(), 1.15, bold=True))
        self.inherent_button = QRadioButton(self.tr("Inherent (before mitigation)"))
        self.residual_button = QRadioButton(self.tr("Residual (now, after mitigation)"))
        self.residual_button.setChecked(True)
        self.rating_group = QButtonGroup(self)
        self.rating_group.addButton(self.inherent_button)
        self.rating_group.addButton(self.residual_button)
        self.residual_button.toggled.connect(self._redraw)

        self.heatmap = QTableView()
        self.heatmap.setObjectName("riskHeatmap")
        self.heatmap.setModel(self.heatmap_model)
        self.heatmap.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.heatmap.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heatmap.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.heatmap.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.heatmap.setCursor(Qt.CursorShape.PointingHandCursor)
        self.heatmap.setStyleSheet(
            "QTableView#riskHeatmap { gridline-color: white; }"
            "QTableView#riskHeatmap::item:selected { border: 3px solid #222222; }"
        )
        for header, size in (
            (self.heatmap.horizontalHeader(), CELL_SIZE),
            (self.heatmap.verticalHeader(), CELL_SIZE),
        ):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setDefaultSectionSize(size)
            header.setSectionsClickable(False)
        self.heatmap.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.heatmap.clicked.connect(self.click_cell)
        self._fit_heatmap()

        likelihood_axis = QLabel(self.tr("↑ Likelihood (発生可能性)"))
        impact_axis = QLabel(self.tr("Impact (影響度) →"))
        impact_axis.setAlignment(Qt.AlignmentFlag.AlignRight)
        for label in (likelihood_axis, impact_axis):
            label.setProperty("role", "muted")
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setProperty("role", "muted")

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(heading)
        column.addWidget(self.inherent_button)
        column.addWidget(self.residual_button)
        column.addWidget(likelihood_axis)
        column.addWidget(self.heatmap)
        column.addWidget(impact_axis)
        column.addWidget(self.legend)
        column.addStretch(1)
        side.setMaximumWidth(side.sizeHint().width())  # what the grid needs; the register takes the rest
        return side

    def _fit_heatmap(self) -> None:
        """Square cells as wide as the longest impact word needs and as tall as three lines (the likelihood
        header's number and two words): the grid never scrolls or squeezes, and takes no more width than that."""
        metrics = self.heatmap.fontMetrics()
        line = metrics.height()
        horizontal, vertical = self.heatmap.horizontalHeader(), self.heatmap.verticalHeader()
        margin = self.heatmap.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, horizontal)
        words = [self.heatmap_model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(SCALE))]
        widest = max(metrics.horizontalAdvance(part) for word in words for part in word.split("\n"))
        cell = max(CELL_SIZE, widest + 2 * margin + 2, 3 * line + 12)
        for header in (horizontal, vertical):
            header.setDefaultSectionSize(cell)
        horizontal.setFixedHeight(2 * line + 12)
        frame = 2 * self.heatmap.frameWidth()
        self.heatmap.setFixedSize(
            vertical.sizeHint().width() + len(SCALE) * cell + frame,
            horizontal.height() + len(SCALE) * cell + frame,
        )

    def _build_register_side(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter: title, owner, plans, #id…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._set_filters(text=text))
        self.open_only = QCheckBox(self.tr("Open risks only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self._open_only_toggled)
        self.missing_only = QCheckBox(
            self.tr("{symbol} Red without contingency plan").format(symbol=OVERDUE_SYMBOL)
        )
        self.missing_only.toggled.connect(lambda on: self._set_filters(missing_contingency_only=on))
        self.add_button = QPushButton(self.tr("Add risk…"))
        self.add_button.clicked.connect(self.add_risk)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        # Two rows, so the pane still fits beside the heat map on a laptop screen.
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        toggles = QHBoxLayout()
        toggles.addWidget(self.open_only)
        toggles.addWidget(self.missing_only)
        toggles.addStretch(1)

        self.summary = QLabel()
        self.summary.setProperty("role", "muted")
        self.alert = QLabel()
        self.alert.setWordWrap(True)
        self.alert.setStyleSheet(f"color: {OVERDUE}; font-weight: 600;")
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        self.clear_button = QPushButton(self.tr("Clear filter"))
        self.clear_button.clicked.connect(self.clear_cell)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.clear_button)

        # Columns as wide as their words, the title takes the rest (two lines a row when room is short).
        self.table = RegisterTable(self.proxy, self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.SCORE, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.incidents = RowLinks("riskIncidents")  # a risk that occurred: its tickets, each a link
        self.incidents.open_row.connect(self.open_row)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.incidents.show_incidents(self.selected_risk(), self._data)
        )

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(8, 0, 0, 0)
        column.addLayout(bar)
        column.addLayout(toggles)
        column.addWidget(self.summary)
        column.addWidget(self.alert)
        column.addLayout(filter_row)
        column.addWidget(self.table, 1)
        column.addWidget(self.incidents)
        return side

    # -- data -----------------------------------------------------------------------------------------------------

    @property
    def residual(self) -> bool:
        return self.residual_button.isChecked()

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self._data = data
        self._redraw()
        writable = not self.session.read_only
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable)

    def _redraw(self) -> None:
        data = self._data
        if data is None:
            return
        selected = self.selected_risk()
        thresholds = data.risk_thresholds
        self.heatmap_model.set_counts(
            data.risks, thresholds=thresholds, residual=self.residual, open_only=self.open_only.isChecked()
        )
        self.model.set_risks(data.risks, thresholds=thresholds, residual=self.residual)
        self.table.measure()
        self.legend.setText(
            self.tr(
                "Zones by score (likelihood × impact):\n{red}: {red_min}–{max}\n{amber}: {amber_min}–{amber_max}\n"
                "{green}: 1–{green_max}"
            ).format(
                red=zone_text(Zone.RED),
                red_min=thresholds.red_min,
                max=MAX_SCORE,
                amber=zone_text(Zone.AMBER),
                amber_min=thresholds.amber_min,
                amber_max=thresholds.red_min - 1,
                green=zone_text(Zone.GREEN),
                green_max=thresholds.amber_min - 1,
            )
        )
        figure = risks_figure(data)
        uncovered = [r for r in data.risks if needs_contingency(r, thresholds)]
        self.summary.setText(
            self.tr("{open} open of {total} risks · {red} red open (residual)").format(
                open=figure.open, total=figure.total, red=figure.red_open
            )
        )
        self.summary.setToolTip(figure.counts())
        self.alert.setText(
            self.tr("{symbol} {count} red risk(s) without a contingency plan: {ids}").format(
                symbol=OVERDUE_SYMBOL, count=len(uncovered), ids=", ".join(f"#{r.id}" for r in uncovered)
            )
        )
        self.alert.setVisible(bool(uncovered))
        self._show_filter()
        if selected is not None:
            self.select_risk(selected.id)
        self.incidents.show_incidents(self.selected_risk(), data)

    # -- the heat-map filter --------------------------------------------------------------------------------------

    def click_cell(self, index: QModelIndex) -> None:
        """A click filters the register to that cell; a second click on the same cell lifts the filter."""
        cell = index.data(HeatmapModel.CELL_ROLE)
        if cell is None or cell == self.proxy.cell:
            self.clear_cell()
            return
        self._set_filters(cell=cell)
        self.heatmap.setCurrentIndex(index)

    def clear_cell(self) -> None:
        self.heatmap.clearSelection()
        self._set_filters(cell=None)

    def _open_only_toggled(self, on: bool) -> None:
        self._set_filters(open_only=on)
        self._redraw()  # the heat map counts what the register lists

    def _set_filters(self, **filters) -> None:
        self.proxy.set_filters(**filters)
        self._show_filter()

    def _show_filter(self) -> None:
        cell = self.proxy.cell
        shown = self.proxy.rowCount()
        if cell is None:
            self.filter_label.setText(
                self.tr("Showing {count} risk(s). Click a heat-map cell to list its risks.").format(
                    count=shown
                )
            )
        else:
            mode = self.tr("residual") if self.residual else self.tr("inherent")
            self.filter_label.setText(
                self.tr("Showing {count} risk(s) in {cell} (score {score}, {mode})").format(
                    count=shown, cell=cell_text(*cell), score=cell[0] * cell[1], mode=mode
                )
            )
        self.filter_label.setFont(scaled_font(self.font(), 1.0, bold=cell is not None))
        self.clear_button.setVisible(cell is not None)

    def visible_risk_ids(self) -> list[int]:
        return [self.proxy.index(row, 0).data(Role.RISK).id for row in range(self.proxy.rowCount())]

    def set_filters(self, **filters) -> None:
        """Drive the filter bar as a user would: ``text``, ``open_only``, ``missing_contingency_only``."""
        if "text" in filters:
            self.search.setText(filters["text"])
        if "open_only" in filters:
            self.open_only.setChecked(filters["open_only"])
        if "missing_contingency_only" in filters:
            self.missing_only.setChecked(filters["missing_contingency_only"])

    def focus_find(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # -- edits ----------------------------------------------------------------------------------------------------

    def selected_risk(self) -> Risk | None:
        return self.table.currentIndex().data(Role.RISK)

    def select_risk(self, risk_id: int) -> None:
        row = self.model.row_of(risk_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def _open_dialog(self, risk: Risk | None) -> RiskDialog | None:
        if self._data is None or self.session.read_only:
            return None
        owners = [r.owner for r in self._data.risks if r.owner] + [p.name for p in self._data.people]
        dialog = RiskDialog(risk=risk, thresholds=self._data.risk_thresholds, owners=owners, parent=self)
        dialog.finished.connect(dialog.deleteLater)
        self.risk_dialog = dialog
        dialog.open()
        return dialog

    def add_risk(self) -> None:
        dialog = self._open_dialog(None)
        if dialog is not None:
            dialog.accepted.connect(
                lambda: self.session.edit(
                    add_risk,
                    text=self.tr("Add risk “{title}”").format(title=dialog.values()["title"]),
                    undo_add=True,
                    **dialog.values(),
                )
            )

    def edit_selected(self) -> None:
        risk = self.selected_risk()
        if risk is None:
            return
        dialog = self._open_dialog(risk)
        if dialog is not None:
            dialog.accepted.connect(lambda: self.submit_risk_changes(risk, dialog.values()))

    def edit_again(self, risk_id: int, wanted: dict) -> None:
        """After keeping a teammate's version: the dialog on the risk as it now is, with what I had typed."""
        risk = next((r for r in self._data.risks if r.id == risk_id), None) if self._data else None
        if risk is None:  # removed since: nothing to edit again
            return
        dialog = self._open_dialog(risk)
        if dialog is not None:
            dialog.fill(wanted)
            dialog.accepted.connect(lambda: self.submit_risk_changes(risk, dialog.values()))

    def submit_risk_changes(self, risk: Risk, values: dict) -> None:
        """Send only what changed, with the values the user saw for undo."""
        changed, undo = update_arguments(risk, values)
        if not changed:
            return
        self.session.edit(
            update_risk,
            text=self.tr("Edit risk #{id}").format(id=risk.id),
            undo_values=undo,
            reopen=lambda wanted: self.edit_again(risk.id, wanted),
            risk_id=risk.id,
            expect_version=risk.version,
            **changed,
        )

    # -- state ----------------------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        keys.write(settings, keys.pane_state(self.pane_id, "splitter"), self.splitter.saveState())
        keys.write(
            settings, keys.pane_state(self.pane_id, "header"), self.table.horizontalHeader().saveState()
        )

    def restore_state(self, settings: QSettings) -> None:
        splitter = keys.read(settings, keys.pane_state(self.pane_id, "splitter"))
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = keys.read(settings, keys.pane_state(self.pane_id, "header"))
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            self.table.forget_user_widths()
