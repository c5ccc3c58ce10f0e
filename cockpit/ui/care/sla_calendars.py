"""Launch ▸ SLA calendars and holidays…: how each severity's SLA clocks count (every minute, or working days
and hours less public holidays) and the team's own days off, in the window as ``cockpit sla calendar`` and
``cockpit holiday add|remove|list`` do on the command line, through the same services.

OK saves the calendars that were changed; a team holiday is added or removed at once (the list shows what
the file holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QTime, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.business_hours import days_text
from cockpit.domain.launch import LaunchData
from cockpit.domain.support import Severity, SlaPolicy, policies_by_severity
from cockpit.errors import CockpitError
from cockpit.services import support_clocks
from cockpit.services.edits import Edit
from cockpit.services.rules import now
from cockpit.store.launchfile import LaunchFile
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.write_dialog import WriteDialog

WORKING_DAYS = frozenset(range(5))  # Monday to Friday
DAY_START, DAY_END = time(9, 0), time(18, 0)
JAPAN = "JP"


@dataclass(frozen=True, slots=True)
class CalendarChoice:
    """One severity's calendar as the dialog shows it; ``round_the_clock`` ignores the rest but keeps it."""

    round_the_clock: bool
    days: frozenset[int]  # 0 = Monday
    day_start: time
    day_end: time
    public_holidays: str
    update_minutes: int  # 0: no update clock

    @classmethod
    def of(cls, policy: SlaPolicy) -> CalendarChoice:
        calendar = policy.calendar
        return cls(
            round_the_clock=calendar is None,
            days=calendar.working_days if calendar else WORKING_DAYS,
            day_start=calendar.day_start if calendar else DAY_START,
            day_end=calendar.day_end if calendar else DAY_END,
            public_holidays=calendar.public_holidays if calendar else JAPAN,
            update_minutes=policy.update_minutes or 0,
        )

    def arguments(self) -> dict[str, Any]:
        """What ``support_clocks.set_sla_calendar`` takes for this choice."""
        update: dict[str, Any] = (
            {"update_minutes": self.update_minutes} if self.update_minutes else {"no_update_clock": True}
        )
        if self.round_the_clock:
            return {"days": support_clocks.ROUND_THE_CLOCK, **update}
        return {
            "days": days_text(self.days),
            "hours": f"{self.day_start:%H:%M}-{self.day_end:%H:%M}",
            "public_holidays": self.public_holidays,
            **update,
        }


class DayPicker(QWidget):
    """The working days as seven boxes, Monday first, named in the viewer's language."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__()
        names = (
            dialog.tr("Mon"),
            dialog.tr("Tue"),
            dialog.tr("Wed"),
            dialog.tr("Thu"),
            dialog.tr("Fri"),
            dialog.tr("Sat"),
            dialog.tr("Sun"),
        )
        self.boxes = tuple(QCheckBox(name) for name in names)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.boxes:
            row.addWidget(box)

    def set_days(self, days: frozenset[int]) -> None:
        for number, box in enumerate(self.boxes):
            box.setChecked(number in days)

    def days(self) -> frozenset[int]:
        return frozenset(number for number, box in enumerate(self.boxes) if box.isChecked())


class SeverityRow:
    """The fields of one severity's calendar, in one row of the dialog's grid."""

    def __init__(self, dialog: SlaCalendarsDialog, policy: SlaPolicy) -> None:
        self.policy = policy
        self.before = CalendarChoice.of(policy)
        self.round_the_clock = QCheckBox(dialog.tr("24×7"))
        self.round_the_clock.setToolTip(dialog.tr("Every minute counts: nights, weekends and holidays too"))
        self.days = DayPicker(dialog)
        self.day_start, self.day_end = QTimeEdit(), QTimeEdit()
        for edit in (self.day_start, self.day_end):
            edit.setDisplayFormat("HH:mm")
        self.public_holidays = QComboBox()
        self.public_holidays.addItem(dialog.tr("Japanese public holidays"), JAPAN)
        self.public_holidays.addItem(dialog.tr("No public holidays"), "")
        self.update = QSpinBox()
        self.update.setRange(0, 7 * 24 * 60)
        self.update.setSuffix(dialog.tr(" min"))
        self.update.setSpecialValueText(dialog.tr("no update clock"))
        self.round_the_clock.toggled.connect(self._follow_mode)
        self.show(self.before)

    def show(self, choice: CalendarChoice) -> None:
        self.round_the_clock.setChecked(choice.round_the_clock)
        self.days.set_days(choice.days)
        self.day_start.setTime(QTime(choice.day_start.hour, choice.day_start.minute))
        self.day_end.setTime(QTime(choice.day_end.hour, choice.day_end.minute))
        self.public_holidays.setCurrentIndex(max(self.public_holidays.findData(choice.public_holidays), 0))
        self.update.setValue(choice.update_minutes)
        self._follow_mode(choice.round_the_clock)

    def _follow_mode(self, round_the_clock: bool) -> None:
        for widget in (self.days, self.day_start, self.day_end, self.public_holidays):
            widget.setEnabled(not round_the_clock)

    def widgets(self) -> tuple[QWidget, ...]:
        return (
            self.round_the_clock,
            self.days,
            self.day_start,
            self.day_end,
            self.public_holidays,
            self.update,
        )

    def choice(self) -> CalendarChoice:
        start, end = self.day_start.time(), self.day_end.time()
        return CalendarChoice(
            round_the_clock=self.round_the_clock.isChecked(),
            days=self.days.days(),
            day_start=time(start.hour(), start.minute()),
            day_end=time(end.hour(), end.minute()),
            public_holidays=str(self.public_holidays.currentData()),
            update_minutes=self.update.value(),
        )

    def changed(self) -> bool:
        return self.choice() != self.before


class SlaCalendarsDialog(WriteDialog):
    """``submitted({severity: arguments})`` on OK with the calendars changed; ``add_holiday(day, name)`` and
    ``remove_holiday(day)`` at once, from the holidays box."""

    submitted = Signal(dict)
    add_holiday = Signal(object, str)  # date, name
    remove_holiday = Signal(object)  # date

    def __init__(self, data: LaunchData, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SLA calendars and holidays"))
        self.setMinimumWidth(900)
        policies = policies_by_severity(data.sla_policies)
        self.rows = {
            severity: SeverityRow(self, policies[severity]) for severity in Severity if severity in policies
        }

        calendars = QGroupBox(
            self.tr("How each severity's SLA clocks count (hours in the launch's time zone)")
        )
        grid = QGridLayout(calendars)
        headers = (
            self.tr("Severity"),
            "",
            self.tr("Working days"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Public holidays"),
            self.tr("Update every"),
        )
        for column, text in enumerate(headers):
            header = QLabel(text)
            header.setProperty("role", "muted")
            grid.addWidget(header, 0, column)
        for line, (severity, row) in enumerate(self.rows.items(), start=1):
            grid.addWidget(QLabel(severity.value), line, 0)
            for column, widget in enumerate(row.widgets(), start=1):
                grid.addWidget(widget, line, column)
        grid.setColumnStretch(2, 1)
        missing = [s.value for s in Severity if s not in policies]
        if missing:
            note = QLabel(
                self.tr("No SLA target yet for {severities}: set one first (cockpit sla set).").format(
                    severities=", ".join(missing)
                )
            )
            note.setWordWrap(True)
            note.setProperty("role", "muted")
            grid.addWidget(note, len(self.rows) + 1, 0, 1, len(headers))

        holidays = QGroupBox(
            self.tr("Team holidays: days the business-hours clocks skip (年末年始, company holidays)")
        )
        self.holiday_list = QListWidget()
        self.holiday_list.setMinimumHeight(120)
        self.holiday_day = QDateEdit()
        self.holiday_day.setCalendarPopup(True)
        self.holiday_day.setDisplayFormat("yyyy-MM-dd")
        self.holiday_day.setDate(QDate(today.year, today.month, today.day))
        self.holiday_name = QLineEdit()
        self.holiday_name.setPlaceholderText(self.tr("Name, e.g. 年末年始"))
        self.add_button = QPushButton(self.tr("Add holiday"))
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self._remove)
        self.remove_button.setEnabled(False)
        self.holiday_list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))
        adding = QHBoxLayout()
        adding.addWidget(self.holiday_day)
        adding.addWidget(self.holiday_name, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        box = QVBoxLayout(holidays)
        box.addWidget(self.holiday_list)
        box.addLayout(adding)

        layout = QVBoxLayout(self)
        layout.addWidget(calendars)
        layout.addWidget(holidays, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def show_holidays(self, holidays: tuple[tuple[date, str], ...]) -> None:
        self.holiday_list.clear()
        for day, name in holidays:
            item = QListWidgetItem(f"{day.isoformat()}  {name}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.holiday_list.addItem(item)
        self.remove_button.setEnabled(self.holiday_list.currentRow() >= 0)

    def holidays_shown(self) -> list[str]:
        return [self.holiday_list.item(i).text() for i in range(self.holiday_list.count())]

    def _add(self) -> None:
        picked = self.holiday_day.date()
        self.problem.hide()
        self.add_holiday.emit(
            date(picked.year(), picked.month(), picked.day()), self.holiday_name.text().strip()
        )

    def _remove(self) -> None:
        item = self.holiday_list.currentItem()
        if item is not None:
            self.problem.hide()
            self.remove_holiday.emit(item.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        changed = {
            severity.value: row.choice().arguments() for severity, row in self.rows.items() if row.changed()
        }
        if not changed:
            self.written()  # nothing to save: OK just closes
            return
        self.wait_for_write()
        self.submitted.emit(changed)


def _save_calendars(lf: LaunchFile, *, actor: str, calendars: dict[str, dict[str, Any]]) -> Changes:
    """Each changed severity in its own short transaction, P1 first; the first refusal stops the rest."""
    edits = [
        support_clocks.set_sla_calendar(lf, actor=actor, severity=severity, **arguments)
        for severity, arguments in calendars.items()
    ]
    return Changes.union(*(edit.changes for edit in edits))


class SlaCalendarActions(QObject):
    """The Launch menu's entry and the one dialog it opens."""

    def __init__(self, *, parent: QWidget, current_session: Callable[[], LaunchSession | None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self.dialog: SlaCalendarsDialog | None = None
        self.action: QAction | None = None

    def add_action(self, menu: QMenu) -> QAction:
        action = menu.addAction(self.tr("SLA &calendars and holidays…"))
        action.setObjectName("slaCalendarsAction")
        action.setToolTip(
            self.tr("Working days and hours each severity's SLA clocks count, and the team's days off")
        )
        action.triggered.connect(lambda _checked=False: self.open_dialog())
        menu.aboutToShow.connect(self._update_enabled)
        self.action = action
        return action

    def _update_enabled(self) -> None:
        session = self._current_session()
        if self.action is not None:
            self.action.setEnabled(session is not None and session.data is not None and not session.read_only)

    def open_dialog(self) -> SlaCalendarsDialog | None:
        session = self._current_session()
        if session is None or session.data is None or session.read_only:
            return None
        data = session.data
        dialog = SlaCalendarsDialog(data, now().astimezone(data.launch.zone).date(), self._window)
        dialog.submitted.connect(lambda calendars: self._save(session, dialog, calendars))
        dialog.add_holiday.connect(
            lambda day, name: self._holiday(
                session,
                dialog,
                lambda lf, actor: support_clocks.add_team_holiday(lf, actor=actor, day=day, name=name),
            )
        )
        dialog.remove_holiday.connect(
            lambda day: self._holiday(
                session,
                dialog,
                lambda lf, actor: support_clocks.remove_team_holiday(lf, actor=actor, day=day),
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        self._list_holidays(session, dialog)
        dialog.open()
        return dialog

    def _save(self, session: LaunchSession, dialog: SlaCalendarsDialog, calendars: dict) -> None:
        session.run(
            lambda lf, actor: _save_calendars(lf, actor=actor, calendars=calendars),
            on_done=lambda _changes: dialog.written(),
            on_error=lambda exc: _said(exc, dialog),
        )

    def _holiday(
        self, session: LaunchSession, dialog: SlaCalendarsDialog, write: Callable[..., Edit]
    ) -> None:
        session.run(
            write,
            on_done=lambda _edit: self._list_holidays(session, dialog),
            on_error=lambda exc: _said(exc, dialog),
        )

    def _list_holidays(self, session: LaunchSession, dialog: SlaCalendarsDialog) -> None:
        session.run_quietly(
            lambda lf, _actor: support_clocks.team_holidays(lf),
            on_done=dialog.show_holidays,
            on_error=lambda exc: _said(exc, dialog),
        )


def _said(exc: BaseException, dialog: SlaCalendarsDialog) -> None:
    if not isinstance(exc, CockpitError):
        raise exc
    dialog.show_problem(str(exc))


def add_sla_calendars_menu(
    window: QWidget, menu: QMenu, current_session: Callable[[], LaunchSession | None]
) -> SlaCalendarActions:
    """Launch ▸ SLA calendars and holidays…, for the main window (which only places it)."""
    actions = SlaCalendarActions(parent=window, current_session=current_session)
    actions.add_action(menu)
    return actions
