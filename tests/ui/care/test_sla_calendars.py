"""Launch ▸ SLA calendars and holidays…: a severity's clocks set to working days and hours, a bad list of days
refused with its fix (nothing written), and a team holiday added and removed, on a launch made like
``cockpit new``."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox

from cockpit.domain.support import Severity, policies_by_severity

WAIT = 30_000


def open_dialog(qtbot, window):
    action = window.sla_calendars.action
    assert action is not None and action.text().replace("&", "") == "SLA calendars and holidays…"
    action.trigger()
    dialog = window.sla_calendars.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    return dialog


def press_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def policy(window, severity: Severity):
    return policies_by_severity(window.session.data.sla_policies)[severity]


def test_a_severity_counts_working_hours_after_ok(qtbot, make_window, small_launch: Path):
    window = make_window(small_launch)
    dialog = open_dialog(qtbot, window)
    p2 = dialog.rows[Severity.P2]
    assert p2.round_the_clock.isChecked() and not p2.days.isEnabled()  # a new launch counts every minute
    p2.round_the_clock.setChecked(False)
    assert p2.days.isEnabled() and p2.days.days() == frozenset(range(5))  # Monday to Friday
    assert [box.text() for box in p2.days.boxes] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    p2.days.boxes[5].setChecked(True)  # and Saturday
    p2.day_start.setTime(QTime(8, 30))
    p2.day_end.setTime(QTime(17, 30))
    p2.update.setValue(240)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):  # written: the dialog closes (and is deleted)
        press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: policy(window, Severity.P2).calendar is not None, timeout=WAIT)
    calendar = policy(window, Severity.P2).calendar
    assert calendar.working_days == frozenset(range(6))
    assert (calendar.day_start, calendar.day_end, calendar.public_holidays) == (
        time(8, 30),
        time(17, 30),
        "JP",
    )
    assert policy(window, Severity.P2).update_minutes == 240
    assert policy(window, Severity.P1).calendar is None  # untouched rows are not written

    # Opened again, the dialog shows what the file holds.
    again = open_dialog(qtbot, window)
    assert not again.rows[Severity.P2].round_the_clock.isChecked()
    assert again.rows[Severity.P2].day_start.time() == QTime(8, 30)


def test_a_day_ending_before_it_starts_is_refused_with_its_fix_and_nothing_is_written(
    qtbot, make_window, small_launch: Path
):
    window = make_window(small_launch)
    before = small_launch.read_bytes()
    dialog = open_dialog(qtbot, window)
    p3 = dialog.rows[Severity.P3]
    p3.round_the_clock.setChecked(False)
    p3.day_end.setTime(QTime(8, 0))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=WAIT)
    assert "The working day must end after it starts (09:00–08:00)" in dialog.problem.text()
    assert dialog.isVisible() and p3.day_end.time() == QTime(8, 0)  # what the user chose stays
    assert small_launch.read_bytes() == before
    dialog.reject()


def test_a_team_holiday_is_added_and_removed(qtbot, make_window, small_launch: Path):
    window = make_window(small_launch)
    dialog = open_dialog(qtbot, window)
    assert dialog.holidays_shown() == []
    dialog.holiday_day.setDate(QDate(2026, 12, 31))
    dialog.holiday_name.setText("年末")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.holidays_shown() == ["2026-12-31  年末"], timeout=WAIT)

    # The same day twice: refused, naming the fix.
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.problem.isVisible, timeout=WAIT)
    assert (
        "2026-12-31 is already a team holiday (年末); remove it first to rename it." in dialog.problem.text()
    )

    # A business-hours calendar skips it.
    dialog.rows[Severity.P2].round_the_clock.setChecked(False)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: policy(window, Severity.P2).calendar is not None, timeout=WAIT)
    assert date(2026, 12, 31) in policy(window, Severity.P2).calendar.team_holidays

    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.holidays_shown() == ["2026-12-31  年末"], timeout=WAIT)
    dialog.holiday_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.holidays_shown() == [], timeout=WAIT)
    qtbot.waitUntil(lambda: not policy(window, Severity.P2).calendar.team_holidays, timeout=WAIT)
    dialog.reject()


def test_the_entry_is_off_on_a_read_only_file(qtbot, make_window, small_launch: Path):
    window = make_window(small_launch, read_only=True)
    window.launch_menu.aboutToShow.emit()
    assert not window.sla_calendars.action.isEnabled()
    assert window.sla_calendars.open_dialog() is None
