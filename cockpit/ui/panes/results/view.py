"""The Tests pane: levels with their pass rate, a trend per level, the latest run's failures, and importing results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.charts.test_trend_marks import trend_marks
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane, pass_rate_thresholds
from cockpit.domain.tests import TestLevel, run_history
from cockpit.services.import_results import ImportOutcome
from cockpit.ui import settings as keys
from cockpit.ui.charts.test_trend_view import TestTrendChart
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.results.dialogs import ImportDialog
from cockpit.ui.panes.results.importing import ResultImport
from cockpit.ui.panes.results.model import (
    FailureFilter,
    FlaggedCase,
    LevelRow,
    failures_model,
    flag_text,
    flagged_cases,
    level_rows,
    levels_model,
    runs_model,
)
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.column_fit import FittedColumns, cell_width, heading_width
from cockpit.ui.widgets.row_model import RowRole, make_table, sorted_proxy
from cockpit.ui.widgets.theme import scaled_font
from cockpit.words.labels import level_label, outcome_label, pane_title

MIN_CHART_WIDTH = 360  # the trend chart keeps at least this much beside the levels table
# Test and class names longer than this are elided in the table; the detail beside it has them whole.
FAILURE_COLUMN_MOST = {1: 260, 2: 220}


class TestsPane(BasePane):
    __test__ = False  # not a pytest class
    pane_id = "tests"
    tables = frozenset({"test_runs", "test_cases", "gate_criteria"})

    @classmethod
    def title(cls) -> str:
        return pane_title(Pane.TESTS)

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self._zone: list[tzinfo | None] = [None]
        self._chart_key: tuple | None = None
        self.import_dialog: ImportDialog | None = None
        self._import_level: TestLevel | None = None
        self._fit_top = True  # the levels table as wide as its columns, until the user moves the splitter
        self.importer = ResultImport(session, parent=self)
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
        self.levels_columns = FittedColumns(self.levels_table, self.levels_table.horizontalHeader())
        self.trend = TestTrendChart()

        self.runs = runs_model(self._zone, self)
        self.runs_proxy = sorted_proxy(self.runs, self)
        self.runs_table = make_table(self.runs_proxy, stretch_column=0)
        self.runs_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest run first
        self.runs_columns = FittedColumns(self.runs_table, self.runs_table.horizontalHeader())

        self.failures = failures_model(self)
        self.failures_proxy = FailureFilter(self.failures, self)
        self.failures_table = make_table(self.failures_proxy, stretch_column=5)
        self.failures_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # new failures first
        self.failures_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_case())
        self.failures_columns = FittedColumns(self.failures_table, self.failures_table.horizontalHeader())
        self._failures_text = ""  # the failures heading, without the filter's count
        self.failure_search = QLineEdit()
        self.failure_search.setPlaceholderText(self.tr("Filter failures: test, class, message…"))
        self.failure_search.setClearButtonEnabled(True)
        self.failure_search.textChanged.connect(self._filter_failures)
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
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        self.detail_splitter.setSizes([600, 400])
        failures_bar = QHBoxLayout()
        failures_bar.addWidget(self.failures_label, 1)
        failures_bar.addWidget(self.failure_search, 1)
        failures_layout.addLayout(failures_bar)
        failures_layout.addWidget(self.detail_splitter, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(failures_page, "")
        self.tabs.addTab(self.runs_table, "")

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(self.levels_table)
        self.top_splitter.addWidget(self.trend)
        # A wider window widens the chart; the levels table keeps its fit.
        self.top_splitter.setStretchFactor(1, 1)
        self.top_splitter.setSizes([480, 900])
        self.top_splitter.splitterMoved.connect(lambda *_: setattr(self, "_fit_top", False))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.tabs)
        self.splitter.setSizes([440, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # -- data -----------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self._data = data
        self._zone[0] = data.launch.zone
        current = self.selected_level()
        self.levels.set_rows(level_rows(data.runs, data.cases, pass_rate_thresholds(data)))
        self.import_button.setEnabled(not self.session.read_only)
        self.select_level(current or self._first_level_worth_a_look())
        self._show_level()
        self._fit_levels()

    def _fit_levels(self) -> None:
        """Every level column as wide as its words; the levels table as wide as its columns, the chart the rest."""
        self.levels_columns.fit(_column_texts(self.levels, skip=0))
        self._size_top_splitter()

    def _size_top_splitter(self) -> None:
        if not self._fit_top:
            return
        table = self.levels_table
        header = table.horizontalHeader()
        names = [level_label(row.level) for row in self.levels.rows]
        first = max(cell_width(table, names), heading_width(header, self.levels.columns[0].header(), 0))
        need = first + sum(header.sectionSize(c) for c in range(1, header.count()))
        need += 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        room = self.top_splitter.width() - self.top_splitter.handleWidth()
        if room <= 0:
            return
        levels = max(min(need, room - MIN_CHART_WIDTH), room // 4)
        self.top_splitter.setSizes([levels, room - levels])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_top_splitter()

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
        self.runs_columns.fit(_column_texts(self.runs, skip=0))
        flagged = flagged_cases(row.summary if row is not None else None)
        selected_case = self.selected_case()
        self.failures.set_rows(flagged)
        self.failures_columns.fit(_column_texts(self.failures, skip=5), most=FAILURE_COLUMN_MOST)
        self._reselect_case(selected_case.case.id if selected_case else None)
        name = level_label(level) if level is not None else ""
        latest = row.summary.latest if row is not None else None
        failing = sum(1 for f in flagged if f.case.outcome.value in ("failed", "error"))
        self.tabs.setTabText(0, self.tr("Latest run: failures ({count})").format(count=failing))
        self.tabs.setTabText(1, self.tr("{level} runs ({count})").format(level=name, count=len(history)))
        self._failures_text = (
            self.tr("{run}: {failures} failing, {flaky} flaky").format(
                run=latest.name, failures=failing, flaky=len(flagged) - failing
            )
            if latest is not None
            else self.tr("No runs for this level yet.")
        )
        self._show_failures_count()
        if row is not None and level is not None:
            threshold = row.threshold
            key = (level, history, threshold)
            if key != self._chart_key:
                self._chart_key = key
                self.trend.show_trend(trend_marks(history, level=level, threshold=threshold))

    # -- finding a failure ----------------------------------------------------------------------------------------

    def focus_find(self) -> bool:
        self.tabs.setCurrentIndex(0)
        self.failure_search.setFocus()
        self.failure_search.selectAll()
        return True

    def _filter_failures(self, text: str) -> None:
        self.failures_proxy.set_text(text)
        if not self.failures_table.currentIndex().isValid():
            self._reselect_case(None)  # the one shown was filtered out: show the first that is left
        self._show_failures_count()

    def _show_failures_count(self) -> None:
        text = self._failures_text
        if self.failures_proxy.text:
            text += self.tr(" · {shown} of {total} shown").format(
                shown=self.failures_proxy.rowCount(), total=self.failures.rowCount()
            )
        self.failures_label.setText(text)

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
        parts = [f"{title}\n{flag_text(flagged.flag)} · {outcome_label(case.outcome)}", case.message.strip()]
        if case.details.strip():
            parts.append(case.details.rstrip())
        self.detail.setPlainText("\n\n".join(p for p in parts if p))

    # -- importing ------------------------------------------------------------------------------------------------

    def status_widgets(self) -> tuple[QWidget, ...]:
        return (self.importer.indicator,)

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
        if (
            outcome.notes
        ):  # what an import cut off earlier had left, removed first: the user may want it again
            self.session.show_problem(" ".join(outcome.notes))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_paths(event) and not self.session.read_only:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
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
            state = widget.saveState()
            if widget is self.top_splitter and self._fit_top:
                state = QByteArray()  # never moved by the user: fit the levels table on the next screen too
            keys.write(settings, keys.pane_state(self.pane_id, name), state)

    def restore_state(self, settings: QSettings) -> None:
        for name, widget in self._states().items():
            state = keys.read(settings, keys.pane_state(self.pane_id, name))
            if not state.isEmpty():
                widget.restoreState(state)
                self._fit_top = self._fit_top and widget is not self.top_splitter
        # A restored header brings back the sort order; widths follow the words (and this screen) again.
        for columns in (self.levels_columns, self.failures_columns):
            columns.user_sized.clear()


def _column_texts(model, *, skip: int) -> dict[int, list[str]]:
    """What each column but ``skip`` (the stretching one) shows in every row: the widths are measured from these."""
    return {
        c: [column.display(row) for row in model.rows] for c, column in enumerate(model.columns) if c != skip
    }
