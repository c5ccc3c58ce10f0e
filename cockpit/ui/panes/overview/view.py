"""The overview pane: how long until go-live, one light per pane, and the go/no-go panel."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.figures import runbook_figure
from cockpit.domain.gate import GateResult, SignOff
from cockpit.domain.launch import LaunchData, Stage
from cockpit.domain.people import same_login
from cockpit.domain.rounds import open_round
from cockpit.domain.status import KpiLight, Pane, PaneStatus, kpi_light
from cockpit.services.edits import sign_off
from cockpit.ui import settings as keys
from cockpit.ui.care.overdue import OverdueActionsLabel
from cockpit.ui.decisions.overview import latest_round_label, sign_in_open_round
from cockpit.ui.decisions.words import latest_round_text
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.overview.dialogs import SignOffDialog
from cockpit.ui.panes.overview.lights import Lights, Plan, work_out
from cockpit.ui.panes.overview.model import CriteriaModel, SignOffModel
from cockpit.ui.panes.overview.runbook_line import runbook_words
from cockpit.ui.session.heap import no_full_collections
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import TaskRunner
from cockpit.ui.widgets.delegates import RoomyDelegate
from cockpit.ui.widgets.theme import OVERDUE, RAG_LOOKS, scaled_font
from cockpit.ui.words.launch import moment_text, person_text
from cockpit.words.labels import decision_label, pane_title, rag_label, stage_label
from cockpit.words.rounds import round_title

TILE_PANES = (Pane.CHECKLIST, Pane.TESTS, Pane.MIGRATION, Pane.RISKS, Pane.SUPPORT)
KPI_STAGES = (Stage.HYPERCARE, Stage.CLOSED)  # the KPI tile shows from hypercare on, or once a value arrives
# Lights worked out on the pane's worker when their tables changed: on the huge demo the SLA clock of every open
# ticket takes ~20 ms, the runbook's forecast ~10, the test cases of the recent runs more after an import.
# The others (checklist ~1.5 ms, risks, one gate criterion ~0.1) are worked out at once on the UI thread.
WORKER_LIGHTS = frozenset({Pane.SUPPORT, Pane.MIGRATION, Pane.TESTS})
MIN_CONTENT_WIDTH = 64  # a table column narrower than this wraps every word


def countdown_text(go_live: datetime, now: datetime) -> str:
    """'T−3d 04:05:06' before go-live, 'T+0d 01:00:00' after it."""
    delta = go_live - now
    sign = "−" if delta >= timedelta(0) else "+"
    seconds = int(abs(delta).total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"T{sign}{days}d {hours:02d}:{minutes:02d}:{seconds:02d}"


class Tile(QFrame):
    """One pane's light: title, symbol and word, the headline number, and why. Click to open the pane."""

    clicked = Signal()
    status: PaneStatus | KpiLight | None = None  # the one shown

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(title)
        self.title.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.light = QLabel()
        self.headline = QLabel()
        self.headline.setFont(scaled_font(self.font(), 2.0, bold=True))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        for widget in (self.title, self.light, self.headline, self.reason):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_status(self, status: PaneStatus | KpiLight) -> None:
        look = RAG_LOOKS[status.rag]
        self.status = status
        self.light.setText(f"{look.symbol} {rag_label(status.rag)}")
        self.light.setStyleSheet(f"color: {look.colour}; font-weight: 600;")
        self.headline.setText(status.headline)
        self.reason.setText(status.reason)
        self.setToolTip(status.reason)
        self.setStyleSheet(
            f"QFrame#tile {{ background: {look.fill}; border: 1px solid {look.colour};"
            f" border-left: 6px solid {look.colour}; border-radius: 4px; }}"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class FittedTable(QTableView):
    """A table as tall as its rows (no empty white area below a short list); it scrolls only when space runs out.

    The last column (a detail, a comment) keeps at least ``last_share`` of the width: when the other
    columns' contents would leave it less, the widest of them narrow to a common width and wrap their
    words, so every column stays in view and the comment stays readable on a laptop screen too.
    """

    def __init__(self, parent: QWidget | None = None, *, last_share: float = 0.4) -> None:
        super().__init__(parent)
        self.last_share = last_share
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.verticalHeader().sectionResized.connect(lambda *_: self.updateGeometry())

    def sizeHintForColumn(self, column: int) -> int:
        natural = super().sizeHintForColumn(column)
        last = self.model().columnCount() - 1 if self.model() is not None else 0
        if column >= last:
            return natural
        hints = [
            natural if c == column else super(FittedTable, self).sizeHintForColumn(c) for c in range(last)
        ]
        room = int(self.viewport().width() * (1 - self.last_share))
        return min(natural, max(MIN_CONTENT_WIDTH, _common_cap(hints, room)))

    def sizeHint(self) -> QSize:
        height = self.horizontalHeader().height() + self.verticalHeader().length() + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.horizontalHeader().height() * 4)


def _common_cap(widths: list[int], room: int) -> int:
    """The largest width W such that the widths, each cut down to at most W, add up to no more than ``room``."""
    if sum(widths) <= room:
        return max(widths, default=0)
    left, count = room, len(widths)
    for width in sorted(widths):
        if width * count > left:
            return left // count
        left, count = left - width, count - 1
    return 0


class OverviewPane(BasePane):
    pane_id = "overview"

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Overview")

    def affected_by(self, changes: Changes) -> bool:
        return bool(changes)  # every light here depends on some pane's rows

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._data: LaunchData | None = None
        self._generation = 0  # of the figures asked for; an older answer is dropped
        self._lights = Lights()  # the last light of each pane, each worked out again when its tables move
        self._shown = 0  # the generation whose figures are on screen
        self._figures = TaskRunner(name="cockpit-overview", parent=self)
        session.closed.connect(self._figures.shutdown)
        self.name = QLabel()
        self.name.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.stage = QLabel()
        self.stage_move = QLabel()  # the last move: who, when, why
        self.stage_move.setProperty("role", "muted")
        self.stage_move.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setFont(scaled_font(self.font(), 2.2, bold=True))
        self.countdown_caption = QLabel()
        self.countdown_caption.setProperty("role", "muted")
        header = QGridLayout()
        header.addWidget(self.name, 0, 0)
        header.addWidget(self.stage, 1, 0)
        header.addWidget(self.countdown, 0, 1, Qt.AlignmentFlag.AlignRight)
        header.addWidget(self.countdown_caption, 1, 1, Qt.AlignmentFlag.AlignRight)
        header.addWidget(self.stage_move, 2, 0, 1, 2)
        self.runbook = QLabel()  # progress, ETA against go-live and the rollback deadline
        self.runbook.setWordWrap(True)
        self.runbook.setTextFormat(Qt.TextFormat.PlainText)
        header.addWidget(self.runbook, 3, 0, 1, 2)
        self.overdue_actions = OverdueActionsLabel()
        header.addWidget(self.overdue_actions, 4, 0, 1, 2)

        self.tiles: dict[Pane, Tile] = {}
        tiles = QHBoxLayout()
        for pane in TILE_PANES:
            tile = Tile(pane_title(pane))
            tile.clicked.connect(lambda p=pane: self.open_pane.emit(p.value))
            self.tiles[pane] = tile
            tiles.addWidget(tile, 1)
        self.kpi_tile = Tile(self.tr("Hypercare KPIs"))  # beside the panes' lights once there is hypercare
        self.kpi_tile.clicked.connect(lambda: self.open_pane.emit("hypercare"))
        self.kpi_tile.hide()
        tiles.addWidget(self.kpi_tile, 1)

        self.gate_heading = QLabel()
        self.gate_heading.setFont(scaled_font(self.font(), 1.25, bold=True))
        self.round_line = latest_round_label()
        self.criteria_model = CriteriaModel(self)
        self.criteria_view = self._table(self.criteria_model, last_share=0.4)
        self.signoff_model = SignOffModel(self)
        self.signoff_view = self._table(self.signoff_model, last_share=0.35)
        self.sign_off_button = QPushButton(self.tr("Sign off…"))
        self.sign_off_button.clicked.connect(self.sign_off)
        signoff_bar = QHBoxLayout()
        signoff_label = QLabel(self.tr("Sign-offs"))
        signoff_label.setProperty("role", "heading")
        signoff_bar.addWidget(signoff_label)
        signoff_bar.addStretch(1)
        signoff_bar.addWidget(self.sign_off_button)
        signoffs = QWidget()
        signoffs_layout = QVBoxLayout(signoffs)
        signoffs_layout.setContentsMargins(0, 0, 0, 0)
        signoffs_layout.addLayout(signoff_bar)
        signoffs_layout.addWidget(self.signoff_view)
        signoffs_layout.addStretch(1)
        criteria = QWidget()
        criteria_layout = QVBoxLayout(criteria)
        criteria_layout.setContentsMargins(0, 0, 0, 0)
        criteria_layout.addWidget(self.criteria_view)
        criteria_layout.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(criteria)
        self.splitter.addWidget(signoffs)
        self.splitter.setSizes([600, 500])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(header)
        layout.addLayout(tiles)
        layout.addWidget(self.gate_heading)
        layout.addWidget(self.round_line)
        layout.addWidget(self.splitter, 1)

    def _table(self, model, *, last_share: float) -> QTableView:
        view = FittedTable(last_share=last_share)
        view.setModel(model)
        view.setItemDelegate(RoomyDelegate(view))
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        # Criteria details and sign-off comments are read in full, wrapped in the last column, never elided.
        view.setWordWrap(True)
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        return view

    # -- data -----------------------------------------------------------------------------------------------------

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        self._data = data
        launch = data.launch
        self.name.setText(launch.name)
        self.stage.setText(self.tr("Stage: {stage}").format(stage=stage_label(launch.stage)))
        zone = launch.zone
        self.stage_move.setText(self._stage_move_text(data))
        self.stage_move.setVisible(launch.last_stage_move is not None)
        if self.touched(changes, "signoffs", "people"):
            self.signoff_model.set_signoffs(data.signoffs, zone=zone)
        self._update_sign_off_action(data)
        if self.touched(changes, "kpis", "kpi_values"):
            measuring = bool(data.kpis) and (bool(data.kpi_values) or launch.stage in KPI_STAGES)
            self.kpi_tile.setVisible(measuring)
            if measuring:
                self.kpi_tile.show_status(kpi_light(data))
        if self.touched(changes, "runbook_steps", "step_deps"):
            self._show_runbook(data, now)
        self.round_line.setText(latest_round_text(data.rounds, now=now))
        self.tick(now)
        plan = self._lights.plan(changes, now)
        if not plan:
            return  # no light reads what moved (and none is on its way: a plan holds every change not shown)
        self._generation += 1
        generation = self._generation
        if changes is None or not (plan.everything or plan.panes & WORKER_LIGHTS):
            # The first paint (or a full reload) shows the lights at once; so does a change that leaves the
            # heavy lights as they were (a checklist item: its light and one gate criterion, ~2 ms).
            self._take(generation, plan, now, work_out(plan, data, now))
            return
        # A heavy light, or every light when a minute has passed: worked out on a worker, the latest answer shown.

        def figures() -> tuple[dict[Pane, PaneStatus], GateResult | None]:
            with no_full_collections():  # a full collection here held the GIL 40-50 ms (ui/session/heap.py)
                return work_out(plan, data, now)

        self._figures.submit(figures, on_done=lambda result: self._take(generation, plan, now, result))

    def _stage_move_text(self, data: LaunchData) -> str:
        move = data.launch.last_stage_move
        if move is None:
            return ""
        text = self.tr("Moved from {previous} to {stage} by {who} at {when}").format(
            previous=stage_label(move.previous),
            stage=stage_label(move.stage),
            who=person_text(move.by, data.people),
            when=moment_text(move.at, data.launch.zone),
        )
        return self.tr("{move} — {reason}").format(move=text, reason=move.reason) if move.reason else text

    def lights_current(self) -> bool:
        """Whether the lights on screen are those of the latest data (none is being worked out)."""
        return self._shown == self._generation

    def _take(
        self,
        generation: int,
        plan: Plan,
        now: datetime,
        result: tuple[dict[Pane, PaneStatus], GateResult | None],
    ) -> None:
        if generation != self._generation:
            return  # a newer change is on its way, its plan holds this one's tables too
        self._lights.keep(plan, now, *result)
        self._shown = generation
        gate = self._lights.gate
        assert gate is not None  # the first plan works out everything
        self._show_figures(generation, self._lights.statuses, gate)

    def _show_figures(self, generation: int, statuses: dict[Pane, PaneStatus], gate: GateResult) -> None:
        for pane, tile in self.tiles.items():
            if tile.status != statuses[pane]:
                tile.show_status(statuses[pane])
        met = sum(c.ok for c in gate.criteria)
        gate_rag = statuses[Pane.GATE].rag
        self.gate_heading.setText(
            self.tr(
                "Go/no-go: {symbol} {decision} · criteria met {met} of {total} · signed {signed} of {required}"
            ).format(
                symbol=RAG_LOOKS[gate_rag].symbol,
                decision=decision_label(gate.decision),
                met=met,
                total=len(gate.criteria),
                signed=gate.signed,
                required=gate.required,
            )
        )
        if gate.criteria != self.criteria_model.results():
            self.criteria_model.set_results(gate.criteria)

    def _show_runbook(self, data: LaunchData, now: datetime) -> None:
        said = runbook_words(data, runbook_figure(data, now=now))
        self.runbook.setVisible(said is not None)
        if said is None:
            return
        parts = [
            self.tr("Runbook: {progress}").format(progress=said.progress),
            said.eta,
            said.against_go_live,
        ]
        self.runbook.setText(" · ".join(p for p in (*parts, said.against_deadline) if p))
        alarm = said.after_go_live or said.past_deadline
        self.runbook.setStyleSheet(f"color: {OVERDUE}; font-weight: 600;" if alarm else "")

    def tick(self, now: datetime) -> None:
        if self._data is None:
            return
        if now.second == 0:  # the forecast moves with the clock: once a minute, as the Migration pane's
            self._show_runbook(self._data, now)
        launch = self._data.launch
        self.countdown.setText(countdown_text(launch.go_live, now))
        when = moment_text(launch.go_live, launch.zone)
        caption = (
            self.tr("until go-live at {when}")
            if launch.go_live >= now
            else self.tr("since go-live at {when}")
        )
        self.countdown_caption.setText(caption.format(when=when))
        self.overdue_actions.show_actions(self._data, now)

    # -- sign-off -------------------------------------------------------------------------------------------------

    def my_signoff(self) -> SignOff | None:
        """The sign-off row of the person at the keyboard: by login (people table) or by name."""
        if self._data is None:
            return None
        actor = self.session.actor
        names = {actor} | {p.name for p in self._data.people if p.login and same_login(p.login, actor)}
        return next((s for s in self._data.signoffs if s.person in names), None)

    def _update_sign_off_action(self, data: LaunchData) -> None:
        mine = self.my_signoff()
        allowed = mine is not None and not self.session.read_only
        self.sign_off_button.setEnabled(allowed)
        if self.session.read_only:
            self.sign_off_button.setToolTip(self.tr("The file is open read-only."))
        elif mine is None:
            self.sign_off_button.setToolTip(
                self.tr("{actor} is not on the sign-off list.").format(actor=self.session.actor)
            )
        else:
            self.sign_off_button.setToolTip(self.tr("Record your decision as {role}.").format(role=mine.role))

    def sign_off(self) -> None:
        mine = self.my_signoff()
        if mine is None:
            return
        meeting = open_round(self._data.rounds) if self._data is not None else None
        dialog = SignOffDialog(
            mine, self, meeting=round_title(meeting.number, meeting.title) if meeting is not None else ""
        )
        dialog.accepted.connect(
            lambda: self.submit_sign_off(mine, dialog.chosen_decision().value, dialog.comment_text())
        )
        dialog.finished.connect(dialog.deleteLater)
        self.sign_off_dialog = dialog
        dialog.open()

    def submit_sign_off(self, signoff: SignOff, decision: str, comment: str) -> None:
        text = self.tr("Sign off as {person}").format(person=signoff.person)
        if sign_in_open_round(self.session, self._data, decision=decision, comment=comment, text=text):
            return
        self.session.edit(
            sign_off,
            text=text,
            undo_values={"decision": signoff.decision.value, "comment": signoff.comment},
            signoff_id=signoff.id,
            decision=decision,
            comment=comment,
            expect_version=signoff.version,
        )

    def save_state(self, settings) -> None:
        keys.write(settings, keys.pane_state(self.pane_id, "splitter"), self.splitter.saveState())

    def restore_state(self, settings) -> None:
        state = keys.read(settings, keys.pane_state(self.pane_id, "splitter"))
        if not state.isEmpty():
            self.splitter.restoreState(state)
