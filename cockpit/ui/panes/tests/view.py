"""The Tests pane: levels with their pass rate, a trend per level, the latest run's failures, and importing results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import LaunchData
from cockpit.domain.status import pass_rate_thresholds
from cockpit.domain.tests import TestLevel, TestRun, run_history
from cockpit.services.import_results import ImportOutcome
from cockpit.ui import settings as keys
from cockpit.ui.chart_view import ChartView
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.tests.dialogs import ImportDialog
from cockpit.ui.panes.tests.importing import ResultImport
from cockpit.ui.panes.tests.model import (
    FlaggedCase,
    LevelRow,
    failures_model,
    flag_text,
    flagged_cases,
    level_name,
    level_rows,
    levels_model,
    outcome_name,
    runs_model,
)
from cockpit.ui.row_model import RowRole, make_table, sorted_proxy
from cockpit.ui.session import LaunchSession
from cockpit.ui.tasks import Tasks
from cockpit.ui.theme import scaled_font


def trend_figure(runs: tuple[TestRun, ...], *, level: TestLevel, threshold: float | None):
    """Built on the chart worker: importing the chart module here keeps matplotlib out of the first paint."""
    from cockpit.charts.tests import test_trend

    return test_trend(runs, level=level, threshold=threshold)


class TestsPane(BasePane):
    __test__ = False  # not a pytest class
    pane_id = "tests"
    tables = frozenset({"test_runs", "test_cases", "gate_criteria"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Tests")

    def __init__(
        self, session: LaunchSession, parent: QWidget | None = None, *, import_tasks: Tasks | None = None
    ) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self._zone: list[tzinfo | None] = [None]
        self._chart_key: tuple | None = None
        self.import_dialog: ImportDialog | None = None
        self._import_level: TestLevel | None = None
        self._sized = False  # columns fit their contents once; after that the user's widths stay
        self.importer = ResultImport(session, tasks=import_tasks, parent=self)
        self.importer.finished.connect(self._imported)
        self.setAcceptDrops(True)

        heading = QLabel(self.title())
        heading.setFont(scaled_font(self.font(), 1.4, bold=True))
        self.drop_hint = QLabel(
            self.tr("Drop JUnit, NUnit, xUnit, TRX or TestNG result files here to import them")
        )
        self.drop_hint.setProperty("role", "muted")
        self.drop_hint.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import results…"))
        self.import_button.clicked.connect(lambda: self.open_import_dialog())
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addSpacing(16)
        bar.addWidget(self.drop_hint, 1)
        bar.addWidget(self.import_button)

        self.levels = levels_model(self)
        self.levels_proxy = sorted_proxy(self.levels, self)
        self.levels_table = make_table(self.levels_proxy, stretch_column=0)
        self.levels_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the levels' own order
        self.levels_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_level())
        self.trend = ChartView()

        self.runs = runs_model(self._zone, self)
        self.runs_proxy = sorted_proxy(self.runs, self)
        self.runs_table = make_table(self.runs_proxy, stretch_column=0)
        self.runs_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest run first

        self.failures = failures_model(self)
        self.failures_proxy = sorted_proxy(self.failures, self)
        self.failures_table = make_table(self.failures_proxy, stretch_column=5)
        self.failures_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # new failures first
        self.failures_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_case())
        for column, width in ((0, 130), (1, 220), (2, 200), (3, 80), (4, 70)):
            self.failures_table.setColumnWidth(column, width)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.detail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detail.setPlaceholderText(self.tr("Select a failure to read its message and stack trace."))
        self.failures_label = QLabel()
        self.failures_label.setProperty("role", "heading")
        failures_page = QWidget()
        failures_layout = QVBoxLayout(failures_page)
        failures_layout.setContentsMargins(0, 4, 0, 0)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.addWidget(self.failures_table)
        self.detail_splitter.addWidget(self.detail)
        self.detail_splitter.setSizes([700, 500])
        failures_layout.addWidget(self.failures_label)
        failures_layout.addWidget(self.detail_splitter, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(failures_page, "")
        self.tabs.addTab(self.runs_table, "")

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(self.levels_table)
        self.top_splitter.addWidget(self.trend)
        self.top_splitter.setSizes([480, 900])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([440, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- data -----------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime) -> None:
        self._data = data
        try:
            self._zone[0] = ZoneInfo(data.launch.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            self._zone[0] = now.tzinfo
        current = self.selected_level()
        self.levels.set_rows(level_rows(data.runs, data.cases, pass_rate_thresholds(data)))
        self.import_button.setEnabled(not self.session.read_only)
        self.select_level(current or self._first_level_worth_a_look())
        self._show_level()
        if not self._sized:
            self._sized = True
            self.levels_table.resizeColumnsToContents()
            self.runs_table.resizeColumnsToContents()

    def _first_level_worth_a_look(self) -> TestLevel | None:
        rows = sorted(
            self.levels.rows, key=lambda r: not r.below
        )  # stable: the levels' order within each group
        return rows[0].level if rows else None

    def selected_level_row(self) -> LevelRow | None:
        return self.levels_table.currentIndex().data(RowRole.ROW)

    def selected_level(self) -> TestLevel | None:
        row = self.selected_level_row()
        return row.level if row is not None else None

    def select_level(self, level: TestLevel | None) -> None:
        if level is None:
            return
        row = self.levels.row_of_key(level.value)
        if row < 0:
            return
        index = self.levels_proxy.mapFromSource(self.levels.index(row, 0))
        self.levels_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _show_level(self) -> None:
        row = self.selected_level_row()
        if self._data is None:
            return
        level = row.level if row is not None else None
        history = run_history(self._data.runs, level=level) if level is not None else ()
        self.runs.set_rows(history)
        flagged = flagged_cases(row.summary if row is not None else None)
        selected_case = self.selected_case()
        self.failures.set_rows(flagged)
        self._reselect_case(selected_case.case.id if selected_case else None)
        name = level_name(level) if level is not None else ""
        latest = row.summary.latest if row is not None else None
        failing = sum(1 for f in flagged if f.case.outcome.value in ("failed", "error"))
        self.tabs.setTabText(0, self.tr("Latest run: failures ({count})").format(count=failing))
        self.tabs.setTabText(1, self.tr("{level} runs ({count})").format(level=name, count=len(history)))
        self.failures_label.setText(
            self.tr("{run}: {failures} failing, {flaky} flaky").format(
                run=latest.name, failures=failing, flaky=len(flagged) - failing
            )
            if latest is not None
            else self.tr("No runs for this level yet.")
        )
        if level is not None:
            threshold = row.threshold
            key = (level, history, threshold)
            if key != self._chart_key:
                self._chart_key = key
                self.trend.show_chart(partial(trend_figure, history, level=level, threshold=threshold))

    def selected_case(self) -> FlaggedCase | None:
        return self.failures_table.currentIndex().data(RowRole.ROW)

    def _reselect_case(self, case_id: int | None) -> None:
        row = self.failures.row_of_key(case_id) if case_id is not None else -1
        # Without an earlier choice, the first row (a new failure, when there is one) shows its trace at once.
        index = (
            self.failures_proxy.mapFromSource(self.failures.index(row, 0))
            if row >= 0
            else self.failures_proxy.index(0, 0)
        )
        if not index.isValid():
            self.detail.clear()
            return
        self.failures_table.setCurrentIndex(index)
        self._show_case()

    def _show_case(self) -> None:
        flagged = self.selected_case()
        if flagged is None:
            self.detail.clear()
            return
        case = flagged.case
        title = f"{case.classname}.{case.name}" if case.classname else case.name
        parts = [f"{title}\n{flag_text(flagged.flag)} · {outcome_name(case.outcome)}", case.message.strip()]
        if case.details.strip():
            parts.append(case.details.rstrip())
        self.detail.setPlainText("\n\n".join(p for p in parts if p))

    # -- importing ------------------------------------------------------------------------------------------------

    def open_import_dialog(self, paths: Sequence[Path] = ()) -> ImportDialog | None:
        """File ▸ Import ▸ Test results…, the button, and dropped files all come here."""
        if self.importer.running:
            return None
        dialog = ImportDialog(paths=paths, level=self.selected_level(), parent=self)
        dialog.accepted.connect(
            lambda: self.import_files(
                dialog.paths(), level=dialog.chosen_level(), run_name=dialog.chosen_run_name()
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def import_files(self, paths: Sequence[Path], *, level: TestLevel, run_name: str = "") -> bool:
        self._import_level = level
        return self.importer.start(paths=[Path(p) for p in paths], level=level, run_name=run_name)

    def _imported(self, outcome: ImportOutcome) -> None:
        self._chart_key = None
        self.select_level(self._import_level)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_paths(event) and not self.session.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.open_import_dialog(paths)

    @staticmethod
    def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    # -- state ----------------------------------------------------------------------------------------------------

    def _states(self):
        return {
            "splitter": self.splitter,
            "top_splitter": self.top_splitter,
            "detail_splitter": self.detail_splitter,
            "levels_header": self.levels_table.horizontalHeader(),
            "failures_header": self.failures_table.horizontalHeader(),
        }

    def save_state(self, settings: QSettings) -> None:
        for name, widget in self._states().items():
            keys.write(settings, keys.pane_state(self.pane_id, name), widget.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for name, widget in self._states().items():
            state = keys.read(settings, keys.pane_state(self.pane_id, name))
            if not state.isEmpty():
                widget.restoreState(state)
