"""The Migration pane's Rehearsals tab: start and close a rehearsal (移行リハーサル), record step times and object
counts in it or in the live run (the "Record in" selector), compare plan, rehearsals and live per step, the
rehearsal forecast (ETA and slack at P50 and P80), and the rollback decision at a rollback point.

Every write goes through ``session.edit``, as the steps tab's buttons do.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import EtaForecast, RunbookStep, StepStatus
from cockpit.domain.rehearsals import Rehearsal, forecast_from_rehearsals, ordered, rehearsal_title
from cockpit.domain.rollback import PathState, RollbackChoice, current_path, decision_for, path_state
from cockpit.domain.runbook import StepAction
from cockpit.services.rehearsals import close_rehearsal, rehearsal_count, rehearsal_step, start_rehearsal
from cockpit.services.rollback import decide_rollback
from cockpit.services.runbook import step_action
from cockpit.ui.panes.migration.dialogs import ReasonDialog
from cockpit.ui.panes.migration.rehearsal_model import ComparisonRow, comparison_model, comparison_rows
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.row_model import RowRole, RowTableModel, make_table, sorted_proxy
from cockpit.words.moments import short_moment_text

LIVE = 0  # the selector's first entry; a rehearsal's entry carries its number
# What the page shows: a change to any of these redraws it.
REHEARSAL_TABLES = ("rehearsals", "rehearsal_steps", "rehearsal_counts", "rollback_decisions")


class Pane(Protocol):
    session: LaunchSession


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


class RehearsalPage(QWidget):
    def __init__(self, pane: Pane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = pane.session
        self._data: LaunchData | None = None
        self.dialog: ReasonDialog | None = None  # the decision dialog open now (tests fill it in)

        self.selector = QComboBox()
        self.selector.setToolTip(
            self.tr("Where Start and Finish record the step's times: live, or a rehearsal")
        )
        self.selector.currentIndexChanged.connect(lambda *_: self._update_actions())
        self._user_chose = False
        self.selector.activated.connect(lambda *_: setattr(self, "_user_chose", True))
        self.start_rehearsal_button = _button(
            self.tr("Start rehearsal"), self.tr("Open the next rehearsal of the runbook (リハーサル)")
        )
        self.start_rehearsal_button.clicked.connect(self.start_rehearsal)
        self.close_rehearsal_button = _button(
            self.tr("Close rehearsal"),
            self.tr("Close the open rehearsal: its times become the forecast's evidence"),
        )
        self.close_rehearsal_button.clicked.connect(self.close_rehearsal)
        self.start_button = _button(self.tr("Start"), self.tr("Record the selected step's start now"))
        self.start_button.clicked.connect(lambda: self.move_step(StepAction.START))
        self.finish_button = _button(self.tr("Finish"), self.tr("Record the selected step's end now"))
        self.finish_button.clicked.connect(lambda: self.move_step(StepAction.FINISH))
        self.continue_button = _button(
            self.tr("Continue…"),
            self.tr("At the selected rollback point: continue the cutover, with the reason"),
        )
        self.continue_button.clicked.connect(lambda: self.decide(RollbackChoice.CONTINUE))
        self.roll_back_button = _button(
            self.tr("Roll back…"),
            self.tr("At the selected rollback point: roll back; the rollback path becomes the current path"),
        )
        self.roll_back_button.clicked.connect(lambda: self.decide(RollbackChoice.ROLL_BACK))

        record_label = QLabel(self.tr("Record &in:"))
        record_label.setBuddy(self.selector)
        top = QHBoxLayout()
        top.addWidget(record_label)
        top.addWidget(self.selector)
        for button in (self.start_rehearsal_button, self.close_rehearsal_button):
            top.addWidget(button)
        top.addStretch(1)
        for button in (self.start_button, self.finish_button, self.continue_button, self.roll_back_button):
            top.addWidget(button)

        self.forecast_label = QLabel()
        self.forecast_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.decision_label.setProperty("role", "muted")

        self.model: RowTableModel[ComparisonRow] = comparison_model((), self)
        self.proxy = sorted_proxy(self.model, self)
        self.table = make_table(self.proxy, stretch_column=1)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self._columns_for = 0  # how many rehearsals the model has columns for
        self._size_columns()

        self.object_box = QComboBox()
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 2_000_000_000)
        self.count_spin.setGroupSeparatorShown(True)
        self.count_button = _button(
            self.tr("Record count"), self.tr("Record the object's loaded rows in the rehearsal chosen above")
        )
        self.count_button.clicked.connect(self.record_count)
        counts = QHBoxLayout()
        counts.addWidget(QLabel(self.tr("Rehearsal count:")))
        counts.addWidget(self.object_box, 1)
        counts.addWidget(self.count_spin)
        counts.addWidget(self.count_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.forecast_label)
        layout.addWidget(self.decision_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(counts)

    # -- data -------------------------------------------------------------------------------------------------

    def show_data(self, data: LaunchData, now: datetime) -> None:
        self._data = data
        if len(data.rehearsals) != self._columns_for:  # a column per rehearsal: a new model for a new one
            self._columns_for = len(data.rehearsals)
            self.model = comparison_model(data.rehearsals, self)
            self.proxy.setSourceModel(self.model)
            self._size_columns()
        self.model.set_rows(comparison_rows(data))
        self._fill_selector(data.rehearsals)
        self._fill_objects(data)
        self.forecast_label.setText(self._forecast_text(data, now))
        self.decision_label.setText(self._decision_text(data))
        self._update_actions()

    def _size_columns(self) -> None:
        # Room for "◇ Rollback path (standby)" and "150 min (+25.0%)"; the step's title takes the rest.
        widths = [48, 0, 190, 80] + [150] * (self.model.columnCount() - 4)
        for column, width in enumerate(widths):
            if width:
                self.table.setColumnWidth(column, width)

    def _fill_selector(self, rehearsals: tuple[Rehearsal, ...]) -> None:
        chosen = self.selector.currentData() if self._user_chose else None
        open_one = next((r.number for r in rehearsals if r.is_open), None)
        self.selector.blockSignals(True)
        self.selector.clear()
        self.selector.addItem(self.tr("Live"), LIVE)
        for r in ordered(rehearsals):
            name = rehearsal_title(r)
            self.selector.addItem(self.tr("{name} (open)").format(name=name) if r.is_open else name, r.number)
        # Until the user chooses, the open rehearsal is where the times go (else live).
        wanted = chosen if chosen is not None else (open_one if open_one is not None else LIVE)
        self.selector.setCurrentIndex(max(self.selector.findData(wanted), 0))
        self.selector.blockSignals(False)

    def _fill_objects(self, data: LaunchData) -> None:
        chosen = self.object_box.currentData()
        self.object_box.blockSignals(True)
        self.object_box.clear()
        for obj in data.objects:
            self.object_box.addItem(f"#{obj.id} {obj.name}", obj.id)
        self.object_box.setCurrentIndex(max(self.object_box.findData(chosen), 0))
        self.object_box.blockSignals(False)

    def _eta_text(self, label: str, eta: EtaForecast, data: LaunchData) -> str:
        when = short_moment_text(eta.eta, data.launch.zone) if eta.eta is not None else "—"
        if eta.slack_minutes is None:
            return self.tr("{label} {eta}").format(label=label, eta=when)
        return self.tr("{label} {eta} (slack {slack:+} min)").format(
            label=label, eta=when, slack=eta.slack_minutes
        )

    def _forecast_text(self, data: LaunchData, now: datetime) -> str:
        if not data.rehearsals:
            return self.tr("No rehearsal yet: start one to time the runbook on a copy of production.")
        try:
            forecast = forecast_from_rehearsals(
                current_path(data.steps, data.rollback_decisions),
                data.rehearsals,
                now=now,
                rollback_deadline=data.launch.rollback_deadline,
            )
        except ValueError as exc:  # a dependency cycle: the steps tab says so too
            return str(exc)
        return self.tr("Rehearsal forecast: ETA {p50} · {p80}").format(
            p50=self._eta_text("P50", forecast.p50, data), p80=self._eta_text("P80", forecast.p80, data)
        )

    def _decision_text(self, data: LaunchData) -> str:
        lines = []
        titles = {s.id: f"#{s.seq} {s.title}" for s in data.steps}
        for d in data.rollback_decisions:
            choice = self.tr("roll back") if d.decision is RollbackChoice.ROLL_BACK else self.tr("continue")
            lines.append(
                self.tr("Rollback decision at {step}: {choice} — {who}, {when}: {reason}").format(
                    step=titles.get(d.step_id, f"#{d.step_id}"),
                    choice=choice,
                    who=d.decided_by,
                    when=short_moment_text(d.decided_at, data.launch.zone),
                    reason=d.reason,
                )
            )
        return "\n".join(lines)

    # -- actions ------------------------------------------------------------------------------------------------

    def selected_step(self) -> RunbookStep | None:
        row = self.table.currentIndex().data(RowRole.ROW)
        return row.comparison.step if row is not None else None

    def select_step(self, step_id: int) -> None:
        row = self.model.row_of_key(step_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 1)))

    def select_record_in(self, number: int) -> None:
        """Record in rehearsal ``number`` (``LIVE``: the live run), as the user's own choice."""
        self._user_chose = True
        self.selector.setCurrentIndex(self.selector.findData(number))

    def _chosen_rehearsal(self) -> Rehearsal | None:
        number = self.selector.currentData()
        data = self._data
        if data is None or number in (None, LIVE):
            return None
        return next((r for r in data.rehearsals if r.number == number), None)

    def _update_actions(self) -> None:
        data, step = self._data, self.selected_step()
        writable = not self.session.read_only and data is not None
        open_one = any(r.is_open for r in data.rehearsals) if data is not None else False
        self.start_rehearsal_button.setEnabled(writable and not open_one)
        self.close_rehearsal_button.setEnabled(writable and open_one)
        rehearsal = self._chosen_rehearsal()
        can_start = can_finish = False
        if step is not None and rehearsal is not None:
            times = rehearsal.step(step.id)
            can_start = rehearsal.is_open and times is None
            can_finish = rehearsal.is_open and times is not None and times.actual_end is None
        elif step is not None and data is not None:
            decisions = data.rollback_decisions
            # A rollback point asks for the decision instead; a step off the current path waits or is not taken.
            can_start = (
                step.status is StepStatus.PENDING
                and path_state(step, decisions) is PathState.CURRENT
                and not (step.rollback_point and decision_for(step.id, decisions) is None)
            )
            can_finish = step.status is StepStatus.RUNNING
        self.start_button.setEnabled(writable and can_start)
        self.finish_button.setEnabled(writable and can_finish)
        deciding = (
            writable
            and step is not None
            and step.rollback_point
            and data is not None
            and decision_for(step.id, data.rollback_decisions) is None
            and path_state(step, data.rollback_decisions) is PathState.CURRENT
            and step.status is StepStatus.PENDING
        )
        self.continue_button.setEnabled(deciding)
        self.roll_back_button.setEnabled(deciding)
        self.count_button.setEnabled(
            writable and rehearsal is not None and rehearsal.is_open and self.object_box.count() > 0
        )

    def start_rehearsal(self) -> None:
        self.session.edit(start_rehearsal, text=self.tr("Start a rehearsal"))

    def close_rehearsal(self) -> None:
        self.session.edit(close_rehearsal, text=self.tr("Close the rehearsal"))

    def move_step(self, action: StepAction) -> None:
        """Start or finish the selected step in the chosen rehearsal, or live (undone like the steps tab's)."""
        step, rehearsal = self.selected_step(), self._chosen_rehearsal()
        if step is None:
            return
        if rehearsal is None:
            texts = {
                StepAction.START: self.tr("Start step #{seq}"),
                StepAction.FINISH: self.tr("Finish step #{seq}"),
            }
            undo = StepAction.RESET if action is StepAction.START else StepAction.REOPEN
            self.session.edit(
                step_action,
                text=texts[action].format(seq=step.seq),
                undo_values={"action": undo.value, "reason": ""},
                step_id=step.id,
                action=action.value,
                expect_version=step.version,
            )
            return
        texts = {
            StepAction.START: self.tr("Start step #{seq} in {rehearsal}"),
            StepAction.FINISH: self.tr("Finish step #{seq} in {rehearsal}"),
        }
        self.session.edit(
            rehearsal_step,
            text=texts[action].format(seq=step.seq, rehearsal=rehearsal_title(rehearsal)),
            number=rehearsal.number,
            step_id=step.id,
            move=action.value,
        )

    def record_count(self) -> None:
        rehearsal, object_id = self._chosen_rehearsal(), self.object_box.currentData()
        if rehearsal is None or object_id is None:
            return
        self.session.edit(
            rehearsal_count,
            text=self.tr("Record a count in {rehearsal}").format(rehearsal=rehearsal_title(rehearsal)),
            number=rehearsal.number,
            object_id=object_id,
            target_rows=self.count_spin.value(),
        )

    def decide(self, choice: RollbackChoice) -> None:
        """Ask why, then record the decision at the selected rollback point."""
        step = self.selected_step()
        if step is None:
            return
        title = (
            self.tr("Roll back at step #{seq}?")
            if choice is RollbackChoice.ROLL_BACK
            else self.tr("Continue at step #{seq}?")
        )
        dialog = ReasonDialog(
            title=title.format(seq=step.seq),
            subject=f"#{step.seq} {step.title}",
            placeholder=self.tr("Why: what the team saw at this point (counts, checks, time left)"),
            parent=self,
        )
        dialog.accepted.connect(
            lambda: self.session.edit(
                decide_rollback,
                text=title.format(seq=step.seq),
                step_id=step.id,
                decision=choice.value,
                reason=dialog.reason_text(),
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
