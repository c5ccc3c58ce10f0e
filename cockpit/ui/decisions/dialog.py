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
from cockpit.domain.rounds import Condition, DecisionRound, RoundVerdict, is_overdue, open_round
from cockpit.services.rounds import decide_round, mark_condition_met, open_new_round, sign_in_round
from cockpit.ui.decisions.forms import ConditionMetForm, DecideForm, OpenRoundForm, SignForm
from cockpit.ui.session.launch_session import LaunchSession, Problem
from cockpit.ui.widgets.column_fit import fit_columns
from cockpit.ui.widgets.row_model import Column, Look, RowRole, RowTableModel, make_table
from cockpit.ui.widgets.theme import NOT_OK_SYMBOL, OK_SYMBOL, OVERDUE, OVERDUE_SYMBOL
from cockpit.words.gate import criterion_label
from cockpit.words.moments import short_moment_text
from cockpit.words.rounds import round_state_label, round_title, verdict_label


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else (OK_SYMBOL if ok else NOT_OK_SYMBOL)


class DecisionsDialog(QDialog):
    def __init__(self, *, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Go/no-go decisions"))
        self.form: QDialog | None = None  # the form open over this dialog, for tests
        self.view: RoundView | None = None
        self._zone: tzinfo | None = None
        self._now = datetime.now(UTC)
        self._latest_shown: int | None = None

        self.rounds_model: RowTableModel[DecisionRound] = RowTableModel(
            columns=self._round_columns(), key=lambda r: r.id, parent=self
        )
        self.rounds_view = self._table(self.rounds_model, stretch=1)
        self.rounds_view.setObjectName("roundsTable")
        self.rounds_view.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.heading = QLabel()
        self.heading.setObjectName("roundHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.criteria_model: RowTableModel[CriterionLine] = RowTableModel(
            columns=self._criterion_columns(), key=lambda line: line.criterion_id, parent=self
        )
        self.criteria_view = self._table(self.criteria_model, stretch=2)
        self.criteria_view.setObjectName("roundCriteria")
        # The numbers are read in full: wrapped, never elided.
        self.criteria_view.setWordWrap(True)
        self.criteria_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.criteria_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verdicts_model: RowTableModel[RoundVerdict] = RowTableModel(
            columns=self._verdict_columns(), key=lambda v: v.id, parent=self
        )
        self.verdicts_view = self._table(self.verdicts_model, stretch=2)
        self.conditions_model: RowTableModel[Condition] = RowTableModel(
            columns=self._condition_columns(), key=lambda c: c.id, parent=self
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

    def _round_columns(self) -> list[Column[DecisionRound]]:
        return [
            Column(header=lambda: "#", display=lambda r: str(r.number)),
            Column(header=lambda: self.tr("Title"), display=lambda r: round_title(r.number, r.title)),
            Column(
                header=lambda: self.tr("Held"), display=lambda r: short_moment_text(r.held_at, self._zone)
            ),
            Column(header=lambda: self.tr("Chair"), display=lambda r: r.chair),
            Column(
                header=lambda: self.tr("State"),
                display=lambda r: round_state_label(r.decision.value if r.decision else None),
            ),
            Column(header=lambda: self.tr("Verdicts"), display=lambda r: str(len(r.verdicts)), numeric=True),
            Column(
                header=lambda: self.tr("Open conditions"),
                display=lambda r: str(sum(not c.is_met for c in r.conditions)),
                numeric=True,
            ),
        ]

    def _criterion_columns(self) -> list[Column[CriterionLine]]:
        def changed(line: CriterionLine) -> str:
            if self.view is None or self.view.previous is None:
                return "—"
            return self.tr("changed") if line.changed_since_previous else self.tr("same")

        def drifted(line: CriterionLine) -> Look | None:
            moved = line.frozen is not None and line.live is not None and line.live.ok != line.frozen.ok
            return Look(ink=OVERDUE, bold=True) if moved else None

        return [
            Column(
                header=lambda: self.tr("Criterion"),
                display=lambda line: criterion_label(line.kind, line.params),
            ),
            Column(
                header=lambda: self.tr("Frozen"),
                display=lambda line: _mark(line.frozen.ok if line.frozen else None),
            ),
            Column(
                header=lambda: self.tr("Numbers then"),
                display=lambda line: line.frozen.detail if line.frozen else self.tr("not in this round"),
            ),
            Column(
                header=lambda: self.tr("Now"),
                display=lambda line: _mark(line.live.ok if line.live else None),
                look=drifted,
            ),
            Column(
                header=lambda: self.tr("Numbers now"),
                display=lambda line: line.live.detail if line.live else "—",
            ),
            Column(header=lambda: self.tr("Since the round before"), display=changed),
        ]

    def _verdict_columns(self) -> list[Column[RoundVerdict]]:
        return [
            Column(
                header=lambda: self.tr("Signer"),
                display=lambda v: f"{v.person} ({v.role})" if v.role else v.person,
            ),
            Column(header=lambda: self.tr("Verdict"), display=lambda v: verdict_label(v.verdict.value)),
            Column(header=lambda: self.tr("Comment"), display=lambda v: v.comment),
            Column(
                header=lambda: self.tr("Signed"), display=lambda v: short_moment_text(v.signed_at, self._zone)
            ),
        ]

    def _condition_columns(self) -> list[Column[Condition]]:
        def state(c: Condition) -> str:
            if c.is_met:
                return self.tr("{mark} met by {who}: {evidence}").format(
                    mark=OK_SYMBOL, who=c.met_by, evidence=c.evidence
                )
            if is_overdue(c, now=self._now):
                return f"{OVERDUE_SYMBOL} {self.tr('overdue')}"
            return self.tr("open")

        def round_of(c: Condition) -> str:
            number = next((r.number for r in self._rounds() if r.id == c.round_id), 0)
            return self.tr("Round {number}").format(number=number)

        return [
            Column(header=lambda: "#", display=lambda c: str(c.id)),
            Column(header=lambda: self.tr("Round"), display=round_of),
            Column(header=lambda: self.tr("Condition"), display=lambda c: c.text),
            Column(header=lambda: self.tr("Owner"), display=lambda c: c.owner),
            Column(
                header=lambda: self.tr("Due"),
                display=lambda c: short_moment_text(c.due, self._zone) if c.due else "—",
            ),
            Column(
                header=lambda: self.tr("State"),
                display=state,
                look=lambda c: Look(ink=OVERDUE, bold=True) if is_overdue(c, now=self._now) else None,
            ),
        ]

    # -- data -------------------------------------------------------------------------------------------------------

    def _rounds(self) -> tuple[DecisionRound, ...]:
        data = self.session.data
        return data.rounds if data is not None else ()

    def _on_data(self, data: LaunchData, _changes: Changes | None) -> None:
        self._fill(data)

    def _fill(self, data: LaunchData) -> None:
        self._zone = data.launch.zone
        self._now = datetime.now(UTC)
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
        found = next((r for r in self._rounds() if r.number == number), None)
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
        self.view = round_view(data, data.rounds, chosen.number, now=self._now)
        r = self.view.round
        self.heading.setText(
            self.tr(
                "{title} · {when} · {state}\nChair: {chair} · Attendees: {attendees}\nSHA-256 of the frozen evidence: {sha256}"
            ).format(
                title=round_title(r.number, r.title),
                when=short_moment_text(r.held_at, self._zone),
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
        current = open_round(self._rounds())
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
