"""The Migration pane: big numbers, the runbook time chart, the step table with its moves (start, finish, fail,
retry, skip) and its planning (add, edit, remove), the ledger with its counts and accepted differences."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import (
    MigrationObject,
    ReconStatus,
    RunbookForecast,
    RunbookStep,
    current_step,
    reconcile,
)
from cockpit.domain.rollback import forecast_current_path
from cockpit.domain.status import Pane
from cockpit.ui import settings as keys
from cockpit.ui.charts.runbook_view import RunbookTimeline
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.migration.actions import LedgerActions, StepActions
from cockpit.ui.panes.migration.headline import (
    FigureTile,
    backup_figure,
    eta_figure,
    progress_figure,
    slack_figure,
)
from cockpit.ui.panes.migration.model import (
    accepted_text,
    ledger_model,
    ledger_rows,
    step_history_lines,
    steps_model,
)
from cockpit.ui.panes.migration.rehearsal_model import path_lines
from cockpit.ui.panes.migration.rehearsal_page import REHEARSAL_TABLES, RehearsalPage
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.row_model import RowRole, make_table, sorted_proxy
from cockpit.ui.widgets.theme import OVERDUE
from cockpit.words.labels import pane_title


class MigrationPane(BasePane):
    pane_id = "migration"
    tables = frozenset({"runbook_steps", "step_deps", "migration_objects", *REHEARSAL_TABLES})

    @classmethod
    def title(cls) -> str:
        return pane_title(Pane.MIGRATION)

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self._zone: list[tzinfo | None] = [None]
        self.forecast: RunbookForecast | None = None
        self.now_step_id: int | None = None  # the step in progress (domain.current_step), kept in view
        self._table_to_now = True  # scroll the step table to it once its rows are in

        self.eta_tile, self.slack_tile, self.progress_tile, self.backup_tile = (
            FigureTile() for _ in range(4)
        )
        tiles = QHBoxLayout()
        # Widths by what each says: a time; two big numbers with a line; the backups by name, the widest.
        for tile, stretch in (
            (self.eta_tile, 2),
            (self.slack_tile, 3),
            (self.progress_tile, 3),
            (self.backup_tile, 4),
        ):
            tiles.addWidget(tile, stretch)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {OVERDUE};")
        self.problem.hide()
        # Painted natively: a change shows at once, whatever the runbook's size.
        self.timeline = RunbookTimeline()
        # The legend (◆ critical path, ▶ late, now, rollback deadline) stays put above the scrolling rows.
        self.timeline_header = self.timeline.key
        self._drawn_runbook: tuple | None = None  # what the chart shows: redrawn only when that changes
        # The chart opens at the step in progress and follows it as steps finish, until the user scrolls.
        self.timeline.following_changed.connect(self._on_timeline_following)
        chart = QWidget()
        chart_layout = QVBoxLayout(chart)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(0)
        chart_layout.addWidget(self.timeline_header)
        chart_layout.addWidget(self.timeline, 1)

        self.steps = steps_model(self._zone, self)
        self.steps_proxy = sorted_proxy(self.steps, self)
        self.steps_table = make_table(self.steps_proxy, stretch_column=1)
        self.steps_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.steps_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        table_bar = self.steps_table.verticalScrollBar()
        # The table lays its rows out after it is shown: scrolled to now once it can be, unless the user
        # scrolls it first.
        table_bar.rangeChanged.connect(lambda *_: self._scroll_table_to_now())
        table_bar.actionTriggered.connect(lambda *_: setattr(self, "_table_to_now", False))
        for column, width in (
            (0, 56),
            (2, 110),
            (3, 130),
            (4, 100),
            (5, 90),
            (6, 100),
            (7, 100),
            (8, 150),  # room for "◎ Running · attempt 2"
            (9, 100),
        ):
            self.steps_table.setColumnWidth(column, width)
        self.now_button = QPushButton(self.tr("Back to &now"))
        self.now_button.setToolTip(
            self.tr(
                "Scroll the time chart and the step table back to the step in progress, and follow it "
                "again as steps finish (Alt+N; showing the pane again does the same)"
            )
        )
        self.now_button.setEnabled(False)  # enabled once the user has scrolled the chart away from now
        self.now_button.clicked.connect(self.follow_now)
        self.step_actions = StepActions(self, self)
        self.start_button = self.step_actions.start_button
        self.finish_button = self.step_actions.finish_button
        actions = QHBoxLayout()
        self.selection_label = QLabel()
        self.selection_label.setProperty("role", "muted")
        actions.addWidget(self.selection_label, 1)
        actions.addWidget(self.now_button)
        actions.addSpacing(12)
        for button in self.step_actions.moves:
            actions.addWidget(button)
        planning = QHBoxLayout()
        # Why the step failed or was skipped, and its earlier attempts: what the table has no room for.
        self.step_detail = QLabel()
        self.step_detail.setWordWrap(True)
        self.step_detail.setProperty("role", "muted")
        planning.addWidget(self.step_detail, 1)
        for button in self.step_actions.planning:
            planning.addWidget(button)
        steps_page = QWidget()
        steps_layout = QVBoxLayout(steps_page)
        steps_layout.setContentsMargins(0, 4, 0, 0)
        steps_layout.addLayout(actions)
        steps_layout.addLayout(planning)
        steps_layout.addWidget(self.steps_table, 1)

        self.ledger = ledger_model(self, self._zone)
        self.ledger_proxy = sorted_proxy(self.ledger, self)
        self.ledger_table = make_table(self.ledger_proxy, stretch_column=1)
        self.ledger_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # mismatches on top
        # Room for "△ Accepted difference", ten-million row counts and "−12,345 / ±12,345"; the name takes the rest.
        for column, width in ((0, 170), (2, 130), (3, 100), (4, 90), (5, 100), (6, 100), (7, 140)):
            self.ledger_table.setColumnWidth(column, width)
        self.ledger_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.ledger_actions = LedgerActions(self, self)
        # A double click opens the row's dialog, as in the checklist (read-only: the buttons stay off).
        self.steps_table.doubleClicked.connect(lambda _: self._open_if_editable(self.step_actions.edit))
        self.ledger_table.doubleClicked.connect(lambda _: self._open_if_editable(self.ledger_actions.edit))
        ledger_bar = QHBoxLayout()
        self.object_detail = QLabel()  # who accepted the selected object's difference, when, why
        self.object_detail.setWordWrap(True)
        self.object_detail.setProperty("role", "muted")
        ledger_bar.addWidget(self.object_detail, 1)
        for button in self.ledger_actions.buttons:
            ledger_bar.addWidget(button)
        ledger_page = QWidget()
        ledger_layout = QVBoxLayout(ledger_page)
        ledger_layout.setContentsMargins(0, 4, 0, 0)
        ledger_layout.addLayout(ledger_bar)
        ledger_layout.addWidget(self.ledger_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(steps_page, "")
        self.tabs.addTab(ledger_page, "")
        self.rehearsal_page = RehearsalPage(self, self)
        self.tabs.addTab(self.rehearsal_page, "")
        self._rehearsals_behind = False  # the data changed since the rehearsal page last showed it
        self.tabs.currentChanged.connect(lambda _: self._catch_up_rehearsals())

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(chart)
        self.splitter.addWidget(self.tabs)
        # The chart is what the pane is for: three fifths of the height, the tables the rest.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(tiles)
        layout.addWidget(self.problem)
        layout.addWidget(self.splitter, 1)

    # -- data -----------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self._data = data
        self._zone[0] = data.launch.zone
        if self.touched(changes, "runbook_steps", "step_deps"):
            self._show_runbook(data, now)
        if self.touched(changes, "migration_objects"):
            self._show_ledger(data)
        if self.touched(changes, "runbook_steps", "step_deps", "migration_objects", *REHEARSAL_TABLES):
            self._rehearsals_behind = True
            self._catch_up_rehearsals(now)
            self.tabs.setTabText(2, self.tr("Rehea&rsals ({count})").format(count=len(data.rehearsals)))
        self._update_actions()

    def _catch_up_rehearsals(self, now: datetime | None = None) -> None:
        """The rehearsal comparison is worked out when its tab shows: on the pane's first show it was half
        the UI thread's time (every step against every rehearsal, 90 ms at five times the large demo)."""
        if (
            self._rehearsals_behind
            and self._data is not None
            and self.tabs.currentWidget() is self.rehearsal_page
        ):
            self._rehearsals_behind = False
            self.rehearsal_page.show_data(self._data, now if now is not None else self.session.now())

    def _show_runbook(self, data: LaunchData, now: datetime) -> None:
        """The forecast, its tiles and the time chart: worked out and drawn again only when steps changed."""
        launch = data.launch
        try:
            forecast = forecast_current_path(
                data.steps, data.rollback_decisions, now=now, rollback_deadline=launch.rollback_deadline
            )
        except ValueError as exc:  # a dependency cycle: say so, keep the tables
            self.forecast = self.now_step_id = None
            self.problem.setText(str(exc))
            self.problem.show()
            self.steps.set_rows([])
        else:
            self.forecast = forecast
            self.problem.hide()
            self.steps.set_rows(forecast.steps)
            now_step = current_step(forecast)
            self.now_step_id = now_step.step.id if now_step is not None else None
            self.timeline.set_focus(self.now_step_id)
            if self._table_to_now:
                QTimer.singleShot(0, self, self._scroll_table_to_now)  # once the table has laid out its rows
            deadline = (
                launch.rollback_deadline.astimezone(self._zone[0]).strftime("%H:%M")
                if launch.rollback_deadline
                else "—"
            )
            self.eta_tile.show_figure(eta_figure(forecast, self._zone[0]))
            self.slack_tile.show_figure(slack_figure(forecast, deadline))
            self.progress_tile.show_figure(progress_figure(forecast))
            times: dict[str, Any] = {
                "now": now,
                "rollback_deadline": launch.rollback_deadline,
                "tz": launch.timezone,
            }
            self.timeline_header.setVisible(bool(forecast.steps))  # no rows, nothing to explain
            drawn = (forecast, launch.rollback_deadline, launch.timezone)
            if drawn == self._drawn_runbook:
                self.timeline.set_now(now)  # only the clock moved: the now-line moves, the rows stay
            else:
                self._drawn_runbook = drawn
                self.timeline.show_forecast(forecast, **times)
        self.backup_tile.show_figure(backup_figure(data.steps))
        self.tabs.setTabText(0, self.tr("Runbook steps ({count})").format(count=len(data.steps)))

    def _show_ledger(self, data: LaunchData) -> None:
        rows = ledger_rows(data.objects)
        self.ledger.set_rows(rows)
        mismatches = sum(r.status == ReconStatus.MISMATCH for r in rows)
        heading = (
            self.tr("Reconciliation ({count}, 1 mismatch)")
            if mismatches == 1
            else self.tr("Reconciliation ({count}, {mismatches} mismatches)")
        )
        self.tabs.setTabText(1, heading.format(count=len(rows), mismatches=mismatches))

    def tick(self, now: datetime) -> None:
        # The now-line, the forecast and "late" move with the clock: redraw once a minute, not every second.
        if now.second == 0 and self._data is not None:
            self._show_runbook(self._data, now)
            self._update_actions()

    # -- following now ----------------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        # Coming back to the pane (Ctrl+4, the navigation) shows now again: on a wall, where someone
        # scrolled to look at a step and walked away, the chart must not stay there. A window restored
        # from the task bar (a spontaneous show) keeps where the user was.
        super().showEvent(event)
        if not event.spontaneous():
            self.follow_now()

    def _on_timeline_following(self, following: bool) -> None:
        self.now_button.setEnabled(not following)  # "Back to now" once the user scrolled the chart away

    def follow_now(self) -> None:
        """The chart and the step table back to the step in progress; the chart follows it again."""
        self.timeline.follow()
        self._table_to_now = True
        QTimer.singleShot(0, self, self._scroll_table_to_now)

    def _scroll_table_to_now(self) -> None:
        row = self.steps.row_of_key(self.now_step_id) if self.now_step_id is not None else -1
        if row < 0 or not self._table_to_now:
            return
        table = self.steps_table
        at = self.steps_proxy.mapFromSource(self.steps.index(row, 0)).row()
        # One row before it stays in view (in the table's own order), like the chart's finished rows.
        table.scrollTo(self.steps_proxy.index(max(at - 1, 0), 0), QAbstractItemView.ScrollHint.PositionAtTop)
        if table.viewport().rect().contains(table.visualRect(self.steps_proxy.index(at, 0))):
            self._table_to_now = False  # done; until then every new range (the first layout) tries again

    # -- Start / Finish ---------------------------------------------------------------------------------------------

    def selected_step(self) -> RunbookStep | None:
        row = self.steps_table.currentIndex().data(RowRole.ROW)
        return row.step if row is not None else None

    def select_step(self, step_id: int) -> None:
        row = self.steps.row_of_key(step_id)
        if row >= 0:
            self.steps_table.setCurrentIndex(self.steps_proxy.mapFromSource(self.steps.index(row, 1)))

    def selected_object(self) -> MigrationObject | None:
        row = self.ledger_table.currentIndex().data(RowRole.ROW)
        return row.object if row is not None else None

    def select_object(self, object_id: int) -> None:
        row = self.ledger.row_of_key(object_id)
        if row >= 0:
            self.ledger_table.setCurrentIndex(self.ledger_proxy.mapFromSource(self.ledger.index(row, 1)))

    @property
    def data(self) -> LaunchData | None:
        """The launch as the pane last drew it."""
        return self._data

    def _update_actions(self) -> None:
        step = self.selected_step()
        writable = not self.session.read_only
        self.step_actions.update(step, writable)
        self.selection_label.setText(
            self.tr("#{seq} {title}").format(seq=step.seq, title=step.title)
            if step is not None
            else self.tr("Select a step to start or finish it.")
        )
        detail = (
            step_history_lines(step, self._zone[0]) + path_lines(step, self._data, self._zone[0])
            if step
            else []
        )
        self.step_detail.setText(" · ".join(detail))
        obj = self.selected_object()
        self.ledger_actions.update(obj, writable)
        recon = reconcile(obj) if obj is not None else None
        self.object_detail.setText(accepted_text(recon, self._zone[0]) if recon is not None else "")

    def _open_if_editable(self, open_dialog) -> None:
        if not self.session.read_only:
            open_dialog()

    def act_on_selected(self, action: str) -> None:
        """Move the selected step (start, finish, retry…); a refusal shows the service's message."""
        self.step_actions.move(action)

    # -- state ----------------------------------------------------------------------------------------------------

    def _states(self):
        return {
            "splitter": self.splitter,
            "steps_header": self.steps_table.horizontalHeader(),
            "ledger_header": self.ledger_table.horizontalHeader(),
        }

    def save_state(self, settings: QSettings) -> None:
        for name, widget in self._states().items():
            keys.write(settings, keys.pane_state(self.pane_id, name), widget.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for name, widget in self._states().items():
            state = keys.read(settings, keys.pane_state(self.pane_id, name))
            if not state.isEmpty():
                widget.restoreState(state)
