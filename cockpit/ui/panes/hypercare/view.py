"""The Hypercare pane (Ctrl+7): each KPI's latest value against its target, the trend chart the report
prints too, and every value that missed its target; KPIs are added, edited and removed here, and values
typed in."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.charts.kpi_marks import kpi_trend_marks
from cockpit.domain.kpis import Kpi, breaches, kpi_readings, summarize_kpis
from cockpit.domain.launch import LaunchData, Stage
from cockpit.errors import CockpitError
from cockpit.services.edits import Edit
from cockpit.services.kpis import add_kpi, record_kpi_value, remove_kpi, update_kpi
from cockpit.ui.charts.kpi_chart import KpiTrendsChart
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.hypercare.dialogs import KpiDialog, RecordValueDialog
from cockpit.ui.panes.hypercare.model import Breach, breach_columns, reading_columns
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.column_fit import fit_columns
from cockpit.ui.widgets.row_model import RowRole, RowTableModel, make_table
from cockpit.ui.widgets.theme import OVERDUE, scaled_font
from cockpit.ui.widgets.write_dialog import WriteDialog
from cockpit.words.labels import stage_label


def _fit(view: QTableView, model: RowTableModel[Any], *, stretch: int) -> None:
    """Every column but the stretching one as wide as its words: a time cut to "2026-12-02 …" says nothing."""
    texts = {
        column: [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
        for column in range(model.columnCount())
        if column != stretch
    }
    fit_columns(view, view.horizontalHeader(), texts)


class HypercarePane(BasePane):
    pane_id = "hypercare"
    tables = frozenset({"kpis", "kpi_values"})

    @classmethod
    def title(cls) -> str:
        return stage_label(Stage.HYPERCARE)  # the pane is the stage's: the same word

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._zone: tzinfo = UTC
        self._data: LaunchData | None = None
        self.dialog: WriteDialog | None = None  # the one open last, for tests

        self.headline = QLabel()
        self.headline.setObjectName("kpiHeadline")
        self.headline.setFont(scaled_font(self.font(), 1.3, bold=True))
        self.record_button = QPushButton(self.tr("&Record value…"))
        self.add_button = QPushButton(self.tr("&Add KPI…"))
        self.edit_button = QPushButton(self.tr("&Edit KPI…"))
        self.remove_button = QPushButton(self.tr("Re&move KPI…"))
        self.record_button.clicked.connect(self.record_value)
        self.add_button.clicked.connect(self.add_kpi)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        for button in (self.record_button, self.add_button, self.edit_button, self.remove_button):
            top.addWidget(button)

        self.model: RowTableModel[Any] = RowTableModel(
            columns=reading_columns(lambda: self._zone), key=lambda r: r.kpi.id, parent=self
        )
        self.table = make_table(self.model, stretch_column=0)
        self.table.setObjectName("kpiTable")
        self.table.setSortingEnabled(False)  # in the file's order, as the team set them up
        self.model.sort(-1)
        self.table.doubleClicked.connect(lambda _index: self.record_value())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.breach_title = QLabel()
        self.breach_title.setStyleSheet(f"color: {OVERDUE};")
        self.breach_model: RowTableModel[Breach] = RowTableModel(
            columns=breach_columns(lambda: self._zone), key=lambda b: b[1].id, parent=self
        )
        self.breach_table = make_table(self.breach_model, stretch_column=1)
        self.breach_table.setObjectName("kpiBreaches")
        self.breach_table.setSortingEnabled(False)  # newest first, as breaches() gives them
        self.breach_model.sort(-1)

        self.chart = KpiTrendsChart()
        self.chart.setMinimumHeight(260)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 2)
        left_layout.addWidget(self.breach_title)
        left_layout.addWidget(self.breach_table, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([400, 600])  # the trends need the width: one small plot per KPI, two abreast
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # -- showing ------------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self._data = data
        self._zone = data.launch.zone
        if not self.touched(changes, *self.tables):
            return
        summary = summarize_kpis(data.kpis, data.kpi_values)
        self.headline.setText(summary.text)
        self.headline.setStyleSheet(f"color: {OVERDUE};" if summary.breached else "")
        self.model.set_rows(kpi_readings(data.kpis, data.kpi_values))
        missed = breaches(data.kpis, data.kpi_values)
        self.breach_title.setText(
            self.tr("Values that missed their target: {count}").format(count=len(missed))
        )
        self.breach_model.set_rows(missed)
        self.chart.show_marks(kpi_trend_marks(data.kpis, data.kpi_values, tz=data.launch.timezone))
        _fit(self.table, self.model, stretch=0)
        _fit(self.breach_table, self.breach_model, stretch=1)
        self._update_buttons()

    def selected(self) -> Kpi | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RowRole.ROW).kpi if rows else None

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        has_kpis = bool(self._data and self._data.kpis)
        chosen = self.selected() is not None
        self.add_button.setEnabled(writable)
        self.record_button.setEnabled(writable and has_kpis)
        self.edit_button.setEnabled(writable and chosen)
        self.remove_button.setEnabled(writable and chosen)

    # -- writing --------------------------------------------------------------------------------------------------------

    def _write(self, dialog: WriteDialog, service: Any, arguments: dict[str, Any]) -> None:
        """Run ``service`` on the session's writer; a refusal is said in the dialog, which keeps the input."""

        def done(_edit: Edit) -> None:
            if dialog is self.dialog:
                dialog.written()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, CockpitError):
                raise exc
            if dialog is self.dialog and dialog.isVisible():
                dialog.show_problem(str(exc))
            else:
                self.session.show_problem(str(exc))

        self.session.run(
            lambda lf, actor: service(lf, actor=actor, **arguments), on_done=done, on_error=failed
        )

    def _open(self, dialog: WriteDialog) -> WriteDialog:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def record_value(self) -> WriteDialog | None:
        data = self._data
        if data is None or not data.kpis or self.session.read_only:
            return None
        now = datetime.now(UTC).astimezone(data.launch.zone)
        dialog = RecordValueDialog(data.kpis, self.selected(), now, self)
        dialog.submitted.connect(lambda: self._write(dialog, record_kpi_value, dialog.values()))
        return self._open(dialog)

    def add_kpi(self) -> WriteDialog | None:
        if self.session.read_only:
            return None
        dialog = KpiDialog(parent=self)
        dialog.submitted.connect(lambda: self._write(dialog, add_kpi, dialog.values()))
        return self._open(dialog)

    def edit_selected(self) -> WriteDialog | None:
        kpi = self.selected()
        if kpi is None or self.session.read_only:
            return None
        dialog = KpiDialog(kpi, parent=self)
        dialog.submitted.connect(
            lambda: self._write(
                dialog, update_kpi, {**dialog.values(), "kpi_id": kpi.id, "expect_version": kpi.version}
            )
        )
        return self._open(dialog)

    def remove_selected(self) -> None:
        kpi = self.selected()
        if kpi is None or self.session.read_only:
            return
        question = self.tr("Remove the KPI {name} and all its values?").format(name=kpi.name)
        if QMessageBox.question(self, self.title(), question) == QMessageBox.StandardButton.Yes:
            self.session.edit(
                remove_kpi,
                text=self.tr("Remove KPI {name}").format(name=kpi.name),
                kpi_id=kpi.id,
                expect_version=kpi.version,
            )
