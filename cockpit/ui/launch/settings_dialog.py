"""Launch ▸ Settings…: name, go-live, time zone, rollback deadline, risk bands and the SLA targets, in one dialog.

The dialog asks for only what the user changed (``update_launch``'s arguments), checks what it can at once
(an unknown zone, bands that leave a zone empty, a first response due after the resolution) and says the
problem under the fields. The write goes through the session; until it is done the dialog stays open, so a
refused write (a teammate changed the settings meanwhile, the file is locked) is shown in the same place
with everything the user typed still there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.launch import LaunchData
from cockpit.domain.refusal import Refusal
from cockpit.domain.support import Severity, check_sla_target
from cockpit.errors import BadInput, CockpitError
from cockpit.services.launch_settings import SlaTarget, check_risk_bands, checked_zone
from cockpit.ui.dialogs import COMMON_ZONES
from cockpit.ui.widgets import date_time
from cockpit.ui.widgets.write_dialog import WriteDialog
from cockpit.words.labels import severity_label
from cockpit.words.rows import field_label

MAX_SCORE = 25
MAX_SLA_MINUTES = 60 * 24 * 90  # a quarter: no SLA target of a launch is longer


def _time_edit(value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(date_time.to_qt(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


class SettingsDialog(WriteDialog):
    """The launch's settings as ``data`` has them; ``submitted`` carries what to change."""

    submitted = Signal(dict)  # update_launch's arguments (only what changed), with expect_version

    def __init__(self, data: LaunchData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Launch settings"))
        self._data = data
        launch, bands = data.launch, data.risk_thresholds
        zone = launch.zone
        self.name = QLineEdit(launch.name)
        # Room for a whole launch name ("販売管理システム サービスイン"): the form's fields take the width left.
        self.name.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 28)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems([launch.timezone, *(z for z in COMMON_ZONES if z != launch.timezone)])
        self.zone.setCurrentText(launch.timezone)
        self._shown_go_live = launch.go_live.astimezone(zone)
        self.go_live = _time_edit(self._shown_go_live)
        deadline = launch.rollback_deadline
        self._shown_deadline = deadline.astimezone(zone) if deadline is not None else None
        self.has_deadline = QCheckBox(self.tr("Rollback deadline"))
        self.has_deadline.setChecked(deadline is not None)
        self.deadline = _time_edit(self._shown_deadline or self._shown_go_live)
        self.deadline.setEnabled(deadline is not None)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.red = _spin(1, MAX_SCORE, bands.red_min)
        self.amber = _spin(1, MAX_SCORE, bands.amber_min)

        form = QFormLayout()
        form.addRow(field_label("launch", "name"), self.name)
        form.addRow(field_label("launch", "go_live"), self.go_live)
        form.addRow(field_label("launch", "timezone"), self.zone)
        form.addRow(self.has_deadline, self.deadline)
        form.addRow(field_label("launch", "risk_red_min"), self.red)
        form.addRow(field_label("launch", "risk_amber_min"), self.amber)

        self.sla: dict[Severity, tuple[QSpinBox, QSpinBox]] = {}
        sla_box = QGroupBox(self.tr("SLA targets (minutes)"))
        grid = QGridLayout(sla_box)
        grid.addWidget(QLabel(field_label("sla_policies", "first_response_minutes")), 0, 1)
        grid.addWidget(QLabel(field_label("sla_policies", "resolution_minutes")), 0, 2)
        policies = {p.severity: p for p in data.sla_policies}
        for row, severity in enumerate(Severity, start=1):
            policy = policies.get(severity)
            first = _spin(1, MAX_SLA_MINUTES, policy.first_response_minutes if policy else 60)
            resolution = _spin(1, MAX_SLA_MINUTES, policy.resolution_minutes if policy else 480)
            self.sla[severity] = (first, resolution)
            grid.addWidget(QLabel(severity_label(severity)), row, 0)
            grid.addWidget(first, row, 1)
            grid.addWidget(resolution, row, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sla_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    # -- what the user asks for ---------------------------------------------------------------------------------

    def wanted(self) -> dict[str, Any]:
        """``update_launch``'s arguments for what the user changed; raises ``CockpitError``/``Refusal`` with
        the problem when a field cannot be taken as it is."""
        launch, bands = self._data.launch, self._data.risk_thresholds
        wanted: dict[str, Any] = {}
        name = self.name.text().strip()
        if not name:
            raise BadInput(self.tr("Give the launch a name."))
        if name != launch.name:
            wanted["name"] = name
        zone = launch.zone  # a stored name this machine lacks stays as it is unless the user picks another
        if self.zone.currentText().strip() != launch.timezone:
            wanted["timezone"] = checked_zone(self.zone.currentText())
            zone = ZoneInfo(wanted["timezone"])
        # A time the user did not touch is not sent: a new zone alone keeps the go-live's instant.
        go_live = date_time.from_qt(self.go_live.dateTime())
        if go_live != self._shown_go_live.replace(tzinfo=None):
            wanted["go_live"] = go_live.replace(tzinfo=zone)
        if not self.has_deadline.isChecked():
            if launch.rollback_deadline is not None:
                wanted["rollback_deadline"] = None
        else:
            deadline = date_time.from_qt(self.deadline.dateTime())
            shown = self._shown_deadline
            if shown is None or deadline != shown.replace(tzinfo=None):
                wanted["rollback_deadline"] = deadline.replace(tzinfo=zone)
        red, amber = self.red.value(), self.amber.value()
        if (red, amber) != (bands.red_min, bands.amber_min):
            check_risk_bands(red, amber)
            wanted.update(risk_red_min=red, risk_amber_min=amber)
        policies = {p.severity: p for p in self._data.sla_policies}
        targets: dict[str, SlaTarget] = {}
        for severity, (first_spin, resolution_spin) in self.sla.items():
            first, resolution = first_spin.value(), resolution_spin.value()
            policy = policies.get(severity)
            if policy is not None and (first, resolution) == (
                policy.first_response_minutes,
                policy.resolution_minutes,
            ):
                continue
            check_sla_target(severity, first, resolution)
            targets[severity.value] = SlaTarget(first, resolution, policy.version if policy else None)
        if targets:
            wanted["sla"] = targets
        if wanted:
            wanted["expect_version"] = launch.version
        return wanted

    def accept(self) -> None:
        try:
            wanted = self.wanted()
        except (CockpitError, Refusal) as problem:
            self.show_problem(str(problem))
            return
        if not wanted:
            super().accept()  # nothing changed: nothing to write
            return
        self.wait_for_write()
        self.submitted.emit(wanted)
