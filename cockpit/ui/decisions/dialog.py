"""Launch ▸ Decisions…: every go/no-go round, and the chosen round's screen.

A round's screen shows each criterion as frozen when the round opened beside how it stands now, and
whether it changed since the round before; the verdicts; the round's conditions and those of earlier
rounds still open. Its buttons open a round, give a verdict, record the decision and mark a condition met;
every write goes through ``session.edit``, so the panes and this dialog refresh from the same change.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.domain.people import is_named, same_login
from cockpit.domain.round_view import CriterionLine, RoundView, round_view
from cockpit.domain.rounds import Condition, DecisionRound, RoundVerdict, open_round
from cockpit.services.rounds import decide_round, mark_condition_met, open_new_round, sign_in_round
from cockpit.ui.decisions.columns import condition_columns, criterion_columns, round_columns, verdict_columns
from cockpit.ui.decisions.forms import ConditionMetForm, DecideForm, OpenRoundForm, SignForm
from cockpit.ui.session.launch_session import LaunchSession, Problem
from cockpit.ui.widgets.column_fit import fit_columns
from cockpit.ui.widgets.row_model import RowRole, RowTableModel, make_table
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OVERDUE
from cockpit.words.moments import short_moment_text
from cockpit.words.rounds import round_state_label, round_title


class DecisionsDialog(QDialog):
    def __init__(self, *, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Go/no-go decisions"))
        self.form: QDialog | None = None  # the form open over this dialog, for tests
        self.view: RoundView | None = None
        self.zone: tzinfo | None = None
        self.now = datetime.now(UTC)
        self._latest_shown: int | None = None

        self.rounds_model: RowTableModel[DecisionRound] = RowTableModel(
            columns=round_columns(self), key=lambda r: r.id, parent=self
        )
        self.rounds_view = self._table(self.rounds_model, stretch=1)
        self.rounds_view.setObjectName("roundsTable")
        self.rounds_view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.heading = QLabel()
        self.heading.setObjectName("roundHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.criteria_model: RowTableModel[CriterionLine] = RowTableModel(
            columns=criterion_columns(self), key=lambda line: line.criterion_id, parent=self
        )
        self.criteria_view = self._table(self.criteria_model, stretch=2)
        self.criteria_view.setObjectName("roundCriteria")
        # The numbers are read in full: wrapped, never elided.
        self.criteria_view.setWordWrap(True)
        self.criteria_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.criteria_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verdicts_model: RowTableModel[RoundVerdict] = RowTableModel(
            columns=verdict_columns(self), key=lambda v: v.id, parent=self
        )
        self.verdicts_view = self._table(self.verdicts_model, stretch=2)
        self.conditions_model: RowTableModel[Condition] = RowTableModel(
            columns=condition_columns(self), key=lambda c: c.id, parent=self
        )
        self.conditions_view = self._table(self.conditions_model, stretch=2)
        self.conditions_view.setObjectName("roundConditions")
        self.conditions_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.error = QLabel()
        self.error.setObjectName("decisionsError")
        self.error.setStyleSheet(f"color: {OVERDUE};")
        self.error.setWordWrap(True)
        self.error.hide()
        self.open_button = QPushButton(self.tr("&Open a round…"))
        self.sign_button = QPushButton(self.tr("&Give my verdict…"))
        self.decide_button = QPushButton(self.tr("Record the &decision…"))
        self.met_button = QPushButton(self.tr("Condition &met…"))
        self.open_button.clicked.connect(self.open_round)
        self.sign_button.clicked.connect(self.sign)
        self.decide_button.clicked.connect(self.decide)
        self.met_button.clicked.connect(self.condition_met)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.sign_button, self.decide_button, self.met_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self._caption(self.tr("Criteria: frozen when the round opened, and now")))
        detail_layout.addWidget(self.criteria_view, 3)
        detail_layout.addWidget(self._caption(self.tr("Verdicts")))
        detail_layout.addWidget(self.verdicts_view, 1)
        detail_layout.addWidget(
            self._caption(self.tr("Conditions (this round's, and earlier rounds' still open)"))
        )
        detail_layout.addWidget(self.conditions_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.rounds_view)
        splitter.addWidget(detail)
        splitter.setSizes([140, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(1100, 760)

        session.data_loaded.connect(self._on_data)
        session.problem.connect(self._on_problem)
        session.edit_done.connect(lambda _edit: self.error.hide())
        if session.data is not None:
            self._fill(session.data)

    # -- tables -----------------------------------------------------------------------------------------------------

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "heading")
        return label

    def _table(self, model: RowTableModel, *, stretch: int) -> QTableView:
        view = make_table(model, stretch_column=stretch)
        view.setSortingEnabled(False)
        model.sort(-1)
        return view

    # -- data -------------------------------------------------------------------------------------------------------

    def rounds(self) -> tuple[DecisionRound, ...]:
        data = self.session.data
        return data.rounds if data is not None else ()

    def _on_data(self, data: LaunchData, _changes: Changes | None) -> None:
        self._fill(data)

    def _fill(self, data: LaunchData) -> None:
        self.zone = data.launch.zone
        self.now = datetime.now(UTC)
        chosen = self.selected_round()
        latest = data.rounds[-1].number if data.rounds else None
        if latest is not None and latest != self._latest_shown:
            chosen = None  # a round just opened: show it
        self._latest_shown = latest
        self.rounds_model.set_rows(data.rounds)
        number = chosen.number if chosen else latest
        if number is not None:
            self.select_round(number)
        self._show_selected()

    def selected_round(self) -> DecisionRound | None:
        rows = self.rounds_view.selectionModel().selectedRows()
        return rows[0].data(RowRole.ROW) if rows else None

    def select_round(self, number: int) -> None:
        found = next((r for r in self.rounds() if r.number == number), None)
        position = self.rounds_model.row_of_key(found.id) if found else -1
        if position >= 0:
            self.rounds_view.selectRow(position)

    def _show_selected(self) -> None:
        data = self.session.data
        chosen = self.selected_round()
        if data is None or chosen is None:
            self.view = None
            self.heading.setText(
                self.tr("No go/no-go round yet. Open one: it freezes the criteria as they stand now.")
            )
            for model in (self.criteria_model, self.verdicts_model, self.conditions_model):
                model.set_rows([])
            self._update_buttons()
            return
        self.view = round_view(data, data.rounds, chosen.number, now=self.now)
        r = self.view.round
        self.heading.setText(
            self.tr(
                "{title} · {when} · {state}\nChair: {chair} · Attendees: {attendees}\nSHA-256 of the frozen evidence: {sha256}"
            ).format(
                title=round_title(r.number, r.title),
                when=short_moment_text(r.held_at, self.zone),
                state=round_state_label(r.decision.value if r.decision else None),
                chair=r.chair,
                attendees=", ".join(r.attendees),
                sha256=r.evidence_sha256,
            )
        )
        self.criteria_model.set_rows(self.view.lines)
        self.verdicts_model.set_rows(r.verdicts)
        self.conditions_model.set_rows([*r.conditions, *self.view.carried])
        self._fit(self.rounds_view, stretch=1)
        # The numbers are sentences: each gets a share of the width, the marks only what they need.
        self._fit(self.criteria_view, stretch=2, most={0: 280, 4: 330})
        self._fit(self.verdicts_view, stretch=2)
        self._fit(self.conditions_view, stretch=2)
        header = self.conditions_view.horizontalHeader()
        header.resizeSection(5, header.sectionSize(5) + 24)  # the overdue state is bold
        self._update_buttons()

    def _fit(self, view: QTableView, *, stretch: int, most: dict[int, int] | None = None) -> None:
        model = view.model()
        texts = {
            column: [str(model.index(row, column).data() or "") for row in range(model.rowCount())]
            for column in range(model.columnCount())
            if column != stretch
        }
        fit_columns(view, view.horizontalHeader(), texts, most=most)

    def selected_condition(self) -> Condition | None:
        rows = self.conditions_view.selectionModel().selectedRows()
        return rows[0].data(RowRole.ROW) if rows else None

    def _my_name(self) -> str | None:
        """The roster name of the person at the keyboard, if they are on the roster."""
        data = self.session.data
        if data is None:
            return None
        actor = self.session.actor
        me = [p for p in data.people if p.login and same_login(p.login, actor)]
        for s in data.signoffs:
            if s.person == actor or same_login(s.person, actor) or any(is_named(s.person, p) for p in me):
                return s.person
        return None

    def _update_buttons(self) -> None:
        writable = not self.session.read_only and self.session.data is not None
        current = open_round(self.rounds())
        chosen = self.selected_round()
        self.open_button.setEnabled(writable and current is None)
        self.sign_button.setEnabled(writable and current is not None and self._my_name() is not None)
        self.decide_button.setEnabled(writable and chosen is not None and chosen.is_open)
        condition = self.selected_condition()
        self.met_button.setEnabled(writable and condition is not None and not condition.is_met)

    def _on_problem(self, problem: Problem) -> None:
        if self.isVisible():
            self.error.setText(f"{NOT_OK_SYMBOL} {problem.message}")
            self.error.show()

    # -- the buttons ------------------------------------------------------------------------------------------------

    def _show_form(self, form: QDialog) -> QDialog:
        self.error.hide()
        form.finished.connect(form.deleteLater)
        self.form = form
        form.open()
        return form

    def open_round(self) -> QDialog | None:
        data = self.session.data
        if data is None:
            return None
        number = max((r.number for r in data.rounds), default=0) + 1
        now = datetime.now(UTC).astimezone(data.launch.zone).replace(tzinfo=None)
        form = OpenRoundForm(data.people, number=number, now=now, parent=self)
        form.accepted.connect(
            lambda: self.session.edit(
                open_new_round,
                text=self.tr("Open go/no-go meeting {number}").format(number=number),
                **form.values(),
            )
        )
        return self._show_form(form)

    def sign(self) -> QDialog | None:
        data, name = self.session.data, self._my_name()
        if data is None or name is None:
            return None
        now = datetime.now(UTC).astimezone(data.launch.zone).replace(tzinfo=None)
        form = SignForm(person=name, now=now, parent=self)
        form.accepted.connect(
            lambda: self.session.edit(
                sign_in_round, text=self.tr("Verdict of {person}").format(person=name), **form.values()
            )
        )
        return self._show_form(form)

    def decide(self) -> QDialog | None:
        chosen = self.selected_round()
        if chosen is None or not chosen.is_open:
            return None
        title = round_title(chosen.number, chosen.title)
        form = DecideForm(title=title, parent=self)
        form.accepted.connect(
            lambda: self.session.edit(
                decide_round,
                text=self.tr("Decision of {title}").format(title=title),
                round_number=chosen.number,
                expect_version=chosen.version,
                **form.values(),
            )
        )
        return self._show_form(form)

    def condition_met(self) -> QDialog | None:
        condition = self.selected_condition()
        if condition is None or condition.is_met:
            return None
        form = ConditionMetForm(condition, parent=self)
        form.accepted.connect(
            lambda: self.session.edit(
                mark_condition_met,
                text=self.tr("Condition met: {text}").format(text=condition.text),
                condition_id=condition.id,
                expect_version=condition.version,
                **form.values(),
            )
        )
        return self._show_form(form)
