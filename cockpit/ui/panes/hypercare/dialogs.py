"""The Hypercare pane's dialogs: add or edit a KPI (name, unit, target, direction, Prometheus query), and
record a value by hand. Each writes through the session; a refused write is said under the fields."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.kpis import Direction, Kpi, target_text
from cockpit.ui.widgets.date_time import from_qt, to_qt
from cockpit.ui.widgets.write_dialog import WriteDialog
from cockpit.words.labels import kpi_direction_label
from cockpit.words.rows import field_label


class KpiDialog(WriteDialog):
    """Add or edit one KPI; OK needs a name and a number for the target (the service checks the rest)."""

    submitted = Signal()  # OK with the fields filled: the pane writes ``values()``

    def __init__(self, kpi: Kpi | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add KPI") if kpi is None else self.tr("Edit KPI"))
        self.name = QLineEdit(kpi.name if kpi else "")
        self.name.setObjectName("kpi_name")
        self.unit = QLineEdit(kpi.unit if kpi else "")
        self.unit.setObjectName("kpi_unit")
        self.unit.setPlaceholderText(self.tr("e.g. %, ms"))
        self.target = QLineEdit(f"{kpi.target:g}" if kpi else "")
        self.target.setObjectName("kpi_target")
        self.direction = QComboBox()
        self.direction.setObjectName("kpi_direction")
        for direction in Direction:
            self.direction.addItem(kpi_direction_label(direction), direction.value)
        if kpi is not None:
            self.direction.setCurrentIndex(self.direction.findData(kpi.direction.value))
        self.query = QLineEdit(kpi.query if kpi else "")
        self.query.setObjectName("kpi_query")
        self.query.setPlaceholderText(self.tr("Optional: the PromQL a Prometheus source asks for"))
        form = QFormLayout()
        form.addRow(field_label("kpis", "name"), self.name)
        form.addRow(field_label("kpis", "target"), self.target)
        form.addRow(field_label("kpis", "direction"), self.direction)
        form.addRow(field_label("kpis", "unit"), self.unit)
        form.addRow(field_label("kpis", "query"), self.query)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "unit": self.unit.text().strip(),
            "target": self.target.text().strip(),
            "direction": self.direction.currentData(),
            "query": self.query.text().strip(),
        }

    def accept(self) -> None:
        if not self.name.text().strip() or not self.target.text().strip():
            self.show_problem(self.tr("Give the KPI a name and a target, e.g. Uptime ≥ 99.9."))
            return
        self.wait_for_write()
        self.submitted.emit()


class RecordValueDialog(WriteDialog):
    """Type one KPI value, measured now or at a time in the launch's zone."""

    submitted = Signal()  # OK with a value typed: the pane writes ``values()``

    def __init__(
        self, kpis: tuple[Kpi, ...], chosen: Kpi | None, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record KPI value"))
        self.kpi = QComboBox()
        self.kpi.setObjectName("kpi_choice")
        for kpi in kpis:
            self.kpi.addItem(f"{kpi.name}  ({target_text(kpi)})", kpi.id)
        if chosen is not None:
            self.kpi.setCurrentIndex(self.kpi.findData(chosen.id))
        self.value = QLineEdit()
        self.value.setObjectName("kpi_value")
        self.now = QCheckBox(self.tr("Measured now"))
        self.now.setChecked(True)
        self.at = QDateTimeEdit(to_qt(now))
        self.at.setObjectName("kpi_at")
        self.at.setCalendarPopup(True)
        self.at.setEnabled(False)
        self.now.toggled.connect(lambda checked: self.at.setEnabled(not checked))
        form = QFormLayout()
        form.addRow(field_label("kpi_values", "kpi_id"), self.kpi)
        form.addRow(field_label("kpi_values", "value"), self.value)
        form.addRow("", self.now)
        form.addRow(field_label("kpi_values", "at"), self.at)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        at = None if self.now.isChecked() else from_qt(self.at.dateTime()).isoformat()
        return {"kpi": str(self.kpi.currentData()), "value": self.value.text().strip(), "at": at}

    def accept(self) -> None:
        if not self.value.text().strip():
            self.show_problem(self.tr("Type the value, e.g. 99.95."))
            return
        self.wait_for_write()
        self.submitted.emit()
