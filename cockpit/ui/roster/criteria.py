"""Launch ▸ Go/no-go criteria…: what must hold before the go, with typed thresholds per kind.

A pass rate takes a test level and a minimum in percent; open tickets take a severity and how many may
stay open; the other kinds measure what they say and take nothing. The window sends the minimum as a
ratio (0..1), as the file stores it; each criterion is shown in words worked out from its thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.criteria import PARAMETERS
from cockpit.domain.gate import CriterionKind, GateCriterion
from cockpit.domain.launch import LaunchData
from cockpit.domain.support import Severity
from cockpit.domain.tests import TestLevel
from cockpit.services.gate import add_criterion, remove_criterion, set_criterion
from cockpit.ui.roster.manage import ManageDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.row_model import Column
from cockpit.words.gate import criterion_label
from cockpit.words.labels import criterion_kind_label, level_label, severity_label
from cockpit.words.rows import field_label


class CriterionDialog(QDialog):
    """Add a criterion (any kind) or edit one (its kind stays: remove it and add another to change that)."""

    def __init__(self, criterion: GateCriterion | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add criterion") if criterion is None else self.tr("Edit criterion"))
        self.kind = QComboBox()
        self.kind.setObjectName("criterionKind")
        for kind in CriterionKind:
            self.kind.addItem(criterion_kind_label(kind), kind.value)
        self.kind.setEnabled(criterion is None)

        self.level = QComboBox()
        self.level.setObjectName("criterionLevel")
        for level in TestLevel:
            self.level.addItem(level_label(level), level.value)
        self.minimum = QDoubleSpinBox()
        self.minimum.setObjectName("criterionMinimum")
        self.minimum.setRange(0, 100)
        self.minimum.setDecimals(1)
        self.minimum.setSuffix("%")
        self.minimum.setValue(95)
        pass_rate = QWidget()
        pass_rate_form = QFormLayout(pass_rate)
        pass_rate_form.setContentsMargins(0, 0, 0, 0)
        pass_rate_form.addRow(self.tr("Test level"), self.level)
        pass_rate_form.addRow(self.tr("Minimum pass rate"), self.minimum)

        self.severity = QComboBox()
        self.severity.setObjectName("criterionSeverity")
        for severity in Severity:
            self.severity.addItem(severity_label(severity), severity.value)
        self.max_open = QSpinBox()
        self.max_open.setObjectName("criterionMaxOpen")
        self.max_open.setRange(0, 9999)
        tickets = QWidget()
        tickets_form = QFormLayout(tickets)
        tickets_form.setContentsMargins(0, 0, 0, 0)
        tickets_form.addRow(self.tr("Severity"), self.severity)
        tickets_form.addRow(self.tr("Open tickets allowed"), self.max_open)

        nothing = QLabel(self.tr("This criterion has no thresholds: it is met when what it names holds."))
        nothing.setWordWrap(True)
        self.pages = QStackedWidget()
        self._page_of = {CriterionKind.PASS_RATE: 1, CriterionKind.NO_OPEN_TICKETS: 2}
        for page in (nothing, pass_rate, tickets):
            self.pages.addWidget(page)

        self.enabled = QCheckBox(self.tr("Counts towards the go/no-go"))
        self.enabled.setChecked(True)
        self.preview = QLabel()
        self.preview.setObjectName("criterionPreview")
        self.preview.setProperty("role", "muted")
        form = QFormLayout()
        form.addRow(field_label("gate_criteria", "kind"), self.kind)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages)
        layout.addWidget(self.enabled)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)

        if criterion is not None:
            self._show(criterion)
        for signal in (
            self.kind.currentIndexChanged,
            self.level.currentIndexChanged,
            self.minimum.valueChanged,
            self.severity.currentIndexChanged,
            self.max_open.valueChanged,
        ):
            signal.connect(lambda *_: self._update())
        self._update()

    def _show(self, criterion: GateCriterion) -> None:
        self.kind.setCurrentIndex(self.kind.findData(criterion.kind.value))
        self.enabled.setChecked(criterion.enabled)
        params = criterion.params
        if "level" in params:
            self.level.setCurrentIndex(max(0, self.level.findData(params["level"])))
        if "min_pass_rate" in params:
            self.minimum.setValue(float(params["min_pass_rate"]) * 100)
        if isinstance(params.get("severity"), str):
            self.severity.setCurrentIndex(max(0, self.severity.findData(params["severity"])))
        if "max_open" in params:
            self.max_open.setValue(int(params["max_open"]))

    def chosen_kind(self) -> CriterionKind:
        return CriterionKind(self.kind.currentData())

    def params(self) -> dict[str, Any]:
        """The thresholds of the chosen kind, as the file stores them (the minimum as a ratio)."""
        fields = {
            "level": self.level.currentData(),
            "min_pass_rate": round(self.minimum.value() / 100, 6),
            "severity": self.severity.currentData(),
            "max_open": self.max_open.value(),
        }
        return {name: fields[name] for name in PARAMETERS.get(self.chosen_kind(), ())}

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.chosen_kind().value,
            "params": self.params(),
            "enabled": self.enabled.isChecked(),
        }

    def _update(self) -> None:
        self.pages.setCurrentIndex(self._page_of.get(self.chosen_kind(), 0))
        self.preview.setText(criterion_label(self.chosen_kind(), self.params()))


class CriteriaDialog(ManageDialog):
    def __init__(self, *, session: LaunchSession, parent: QWidget | None = None) -> None:
        columns: list[Column[GateCriterion]] = [
            Column(
                header=lambda: field_label("gate_criteria", "label"),
                display=lambda c: criterion_label(c.kind, c.params),
            ),
            Column(
                header=lambda: field_label("gate_criteria", "kind"),
                display=lambda c: criterion_kind_label(c.kind),
            ),
            Column(
                header=lambda: field_label("gate_criteria", "enabled"),
                display=lambda c: self.tr("Yes") if c.enabled else self.tr("No"),
            ),
        ]
        super().__init__(session=session, columns=columns, stretch_column=0, parent=parent)
        self.setWindowTitle(self.tr("Go/no-go criteria"))
        self.intro.setText(
            self.tr(
                "What must hold before the go: the Overview works each one out from the panes. A criterion "
                "switched off stays here but does not count."
            )
        )
        self.view.setObjectName("criteriaTable")

    def rows_of(self, data: LaunchData) -> Sequence[GateCriterion]:
        return data.criteria

    def add(self) -> QDialog:
        form = CriterionDialog(parent=self)
        return self.show_add_form(
            form,
            form.values,
            add_criterion,
            text=lambda: self.tr("Add criterion “{label}”").format(label=form.preview.text()),
        )

    def edit(self, row: Any) -> QDialog:
        criterion: GateCriterion = row
        form = CriterionDialog(criterion, parent=self)
        form.accepted.connect(lambda: self.submit_changes(criterion, form.values()))
        return self.show_form(form)

    def submit_changes(self, criterion: GateCriterion, wanted: dict[str, Any]) -> None:
        params = wanted["params"] if wanted["params"] != criterion.params else {}
        enabled = wanted["enabled"]
        if not params and enabled == criterion.enabled:
            return
        self.session.edit(
            set_criterion,
            text=self.tr("Edit criterion “{label}”").format(
                label=criterion_label(criterion.kind, criterion.params)
            ),
            undo_values={"params": dict(criterion.params) if params else {}, "enabled": criterion.enabled},
            criterion_id=criterion.id,
            expect_version=criterion.version,
            params=params,
            enabled=enabled,
        )

    def removal_question(self, row: Any) -> str:
        return self.tr("Remove the criterion “{label}”?").format(label=criterion_label(row.kind, row.params))

    def remove(self, row: Any) -> None:
        criterion: GateCriterion = row
        self.session.edit(
            remove_criterion,
            text=self.tr("Remove criterion “{label}”").format(
                label=criterion_label(criterion.kind, criterion.params)
            ),
            criterion_id=criterion.id,
            expect_version=criterion.version,
        )
