"""The Migration pane's dialogs: a step (add or edit), a reason (failed, skipped, an accepted difference), and
a migration object with its counts.

Each gives the service's arguments (``values()``); the services check them again, so a dialog only spares
the user a round trip: OK stays put, with the problem said, until what it holds can be written.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.migration import MigrationObject, RunbookStep, StepKind
from cockpit.ui.widgets import date_time
from cockpit.ui.widgets.dependency_list import DependencyList
from cockpit.ui.widgets.reason import ReasonRequiredDialog
from cockpit.words.labels import step_kind_label, step_status_label
from cockpit.words.rows import field_label

# A spin box's ceiling: a row count or a plan in minutes never comes near it.
MOST = 2_000_000_000


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _error_label() -> QLabel:
    error = QLabel()
    error.setStyleSheet("color: #B34700;")
    error.setWordWrap(True)
    return error


def _count_box(value: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MOST)  # a count below 0 cannot be typed
    box.setGroupSeparatorShown(True)
    box.setValue(value)
    return box


class ReasonDialog(ReasonRequiredDialog):
    """A reason the team reads later (why a step failed or was skipped, why a difference is accepted).

    OK stays disabled until there is one.
    """

    def __init__(
        self, *, title: str, subject: str, placeholder: str, text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.reason.setText(text)
        self.reason.setPlaceholderText(placeholder)
        layout = QVBoxLayout(self)
        subject_label = QLabel(subject)
        subject_label.setWordWrap(True)
        layout.addWidget(subject_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())


class StepDialog(QDialog):
    """Add (``step`` None) or edit a runbook step; ``values()`` gives ``add_step``'s arguments."""

    def __init__(
        self,
        *,
        step: RunbookStep | None,
        steps: tuple[RunbookStep, ...],
        owners: list[str],
        zone: tzinfo,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.step, self._zone = step, zone
        self.setWindowTitle(
            self.tr("Edit step #{seq}").format(seq=step.seq) if step else self.tr("Add runbook step")
        )
        self.title = QLineEdit(step.title if step else "")
        self.kind = QComboBox()
        for kind in StepKind:
            self.kind.addItem(step_kind_label(kind), kind.value)
        self.kind.setCurrentIndex(self.kind.findData((step.kind if step else StepKind.OTHER).value))
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted(set(owners)))
        self.owner.setCurrentText(step.owner if step else "")
        self.planned_start = QDateTimeEdit()
        self.planned_start.setCalendarPopup(True)
        self.planned_start.setDisplayFormat("yyyy-MM-dd HH:mm")
        start = step.planned_start if step else _after_the_last(steps, now)
        self.planned_start.setDateTime(date_time.to_qt(start.astimezone(zone)))
        self.planned_minutes = QSpinBox()
        self.planned_minutes.setRange(0, 100_000)
        self.planned_minutes.setSuffix(self.tr(" min"))
        self.planned_minutes.setValue(step.planned_minutes if step else 30)
        self.depends_on = DependencyList()
        for other in steps:
            if step is not None and other.id == step.id:
                continue
            self.depends_on.add_row(
                other.id,
                f"#{other.seq} {other.title} — {step_status_label(other.status)}",
                checked=step is not None and other.id in step.depends_on,
            )
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(field_label("runbook_steps", "title"), self.title)
        form.addRow(field_label("runbook_steps", "kind"), self.kind)
        form.addRow(field_label("runbook_steps", "owner"), self.owner)
        form.addRow(field_label("runbook_steps", "planned_start"), self.planned_start)
        form.addRow(field_label("runbook_steps", "planned_minutes"), self.planned_minutes)
        form.addRow(field_label("runbook_steps", "depends_on"), self.depends_on)
        form.addRow(self.error)
        form.addRow(_buttons(self))
        self.resize(560, 520)

    def chosen_dependencies(self) -> list[int]:
        return sorted(self.depends_on.chosen())

    def values(self) -> dict:
        return {
            "title": self.title.text().strip(),
            "kind": self.kind.currentData(),
            "owner": self.owner.currentText().strip(),
            "planned_start": date_time.from_qt(self.planned_start.dateTime()).replace(tzinfo=self._zone),
            "planned_minutes": self.planned_minutes.value(),
            "depends_on": self.chosen_dependencies(),
        }

    def fill(self, wanted: dict) -> None:
        """Put ``update_step`` arguments over the step's own values (what the user had typed)."""
        if "title" in wanted:
            self.title.setText(wanted["title"])
        if "kind" in wanted:
            self.kind.setCurrentIndex(max(0, self.kind.findData(wanted["kind"])))
        if "owner" in wanted:
            self.owner.setCurrentText(wanted["owner"])
        if "planned_start" in wanted:
            start = wanted["planned_start"]
            start = datetime.fromisoformat(start) if isinstance(start, str) else start
            self.planned_start.setDateTime(date_time.to_qt(start.astimezone(self._zone)))
        if "planned_minutes" in wanted:
            self.planned_minutes.setValue(int(wanted["planned_minutes"]))
        if "depends_on" in wanted:
            self.depends_on.check_only(wanted["depends_on"])

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the step a title."))
            self.title.setFocus()
            return
        super().accept()


def _after_the_last(steps: tuple[RunbookStep, ...], now: datetime) -> datetime:
    """A new step's first guess: when the last planned step ends, else now."""
    ends = [s.planned_start + timedelta(minutes=s.planned_minutes) for s in steps]
    return max(ends, default=now)


class ObjectDialog(QDialog):
    """Add (``obj`` None) or edit a migration object and record its counts as they arrive.

    The target count is "not loaded yet" until its box is ticked; ``values()`` gives ``add_object``'s
    arguments (``target_rows`` None: not loaded).
    """

    def __init__(
        self, *, obj: MigrationObject | None, owners: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.obj = obj
        self.setWindowTitle(
            self.tr("Record counts: {name}").format(name=obj.name) if obj else self.tr("Add migration object")
        )
        self.name = QLineEdit(obj.name if obj else "")
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted(set(owners)))
        self.owner.setCurrentText(obj.owner if obj else "")
        self.source = _count_box(obj.source_rows if obj else 0)
        self.rejected_count = _count_box(obj.rejected_rows if obj else 0)
        self.has_target = QCheckBox(self.tr("Loaded: target rows"))
        self.target = _count_box(obj.target_rows or 0 if obj else 0)
        self.has_target.setChecked(obj is not None and obj.target_rows is not None)
        self.target.setEnabled(self.has_target.isChecked())
        self.has_target.toggled.connect(self.target.setEnabled)
        self.tolerance = _count_box(obj.tolerance_rows if obj else 0)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow(field_label("migration_objects", "name"), self.name)
        form.addRow(field_label("migration_objects", "owner"), self.owner)
        form.addRow(field_label("migration_objects", "source_rows"), self.source)
        form.addRow(field_label("migration_objects", "rejected_rows"), self.rejected_count)
        form.addRow(self.has_target, self.target)
        form.addRow(field_label("migration_objects", "tolerance_rows"), self.tolerance)
        form.addRow(self.error)
        form.addRow(_buttons(self))
        self.resize(440, self.sizeHint().height())

    def values(self) -> dict:
        return {
            "name": self.name.text().strip(),
            "owner": self.owner.currentText().strip(),
            "source_rows": self.source.value(),
            "rejected_rows": self.rejected_count.value(),
            "target_rows": self.target.value() if self.has_target.isChecked() else None,
            "tolerance_rows": self.tolerance.value(),
        }

    def fill(self, wanted: dict) -> None:
        """Put ``update_object`` arguments over the object's own values (what the user had typed)."""
        if "name" in wanted:
            self.name.setText(wanted["name"])
        if "owner" in wanted:
            self.owner.setCurrentText(wanted["owner"])
        for key, box in (
            ("source_rows", self.source),
            ("rejected_rows", self.rejected_count),
            ("tolerance_rows", self.tolerance),
        ):
            if key in wanted:
                box.setValue(int(wanted[key]))
        if "target_rows" in wanted:
            self.has_target.setChecked(wanted["target_rows"] is not None)
            if wanted["target_rows"] is not None:
                self.target.setValue(int(wanted["target_rows"]))

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Give the object a name."))
            self.name.setFocus()
            return
        super().accept()
