"""The checklist's dialogs: why an item is blocked (required), why it is done while an item it depends on is
still open (required), and adding or editing an item."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cockpit.domain.checklist import Category, ChecklistItem, ItemStage
from cockpit.domain.launch import Person
from cockpit.domain.owners import owner_named
from cockpit.domain.refusal import Refusal
from cockpit.domain.relative_due import offset_from_go_live
from cockpit.ui.widgets import date_time
from cockpit.ui.widgets.dependency_list import DependencyList
from cockpit.ui.widgets.reason import ReasonRequiredDialog
from cockpit.words.labels import category_label, item_stage_label, item_status_label
from cockpit.words.rows import field_label


class BlockedReasonDialog(ReasonRequiredDialog):
    """Blocked needs a reason the team can act on; OK stays disabled until there is one."""

    def __init__(self, item: ChecklistItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setWindowTitle(self.tr("Why is #{id} blocked?").format(id=item.id))
        self.reason.setText(item.blocked_reason)
        self.reason.setPlaceholderText(self.tr("What it waits for, and on whom"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(item.title))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)


class DoneOverOpenDialog(ReasonRequiredDialog):
    """Marking an item done while items it depends on are open: lists them and asks why before forcing it.

    The reason is recorded with the change; OK stays disabled until there is one, and Cancel writes nothing.
    """

    def __init__(
        self, item: ChecklistItem, open_items: tuple[ChecklistItem, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.item, self.open_items = item, open_items
        self.setWindowTitle(self.tr("Mark #{id} done before what it depends on?").format(id=item.id))
        intro = QLabel(
            self.tr("#{id} “{title}” depends on items that are not done yet:").format(
                id=item.id, title=item.title
            )
        )
        intro.setWordWrap(True)
        self.open_list = QListWidget()
        for other in open_items:
            self.open_list.addItem(f"#{other.id} {other.title} — {item_status_label(other.status)}")
        self.open_list.setMaximumHeight(120)
        self.reason.setPlaceholderText(self.tr("Why it can be done anyway (recorded with the change)"))
        self.ok_button.setText(self.tr("Mark done anyway"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.open_list)
        layout.addWidget(QLabel(self.tr("Finish them first, or give the reason to mark it done now:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)

    def open_ids(self) -> list[int]:
        return [other.id for other in self.open_items]


class ItemDialog(QDialog):
    """Add (``item`` None) or edit an item; ``values()`` gives the service's arguments."""

    def __init__(
        self,
        *,
        item: ChecklistItem | None,
        items: tuple[ChecklistItem, ...],
        owners: list[str],
        zone: tzinfo,
        now: datetime,
        go_live: datetime | None = None,
        people: tuple[Person, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item, self._zone, self._go_live, self._people = item, zone, go_live, people
        self.setWindowTitle(
            self.tr("Edit #{id}").format(id=item.id) if item else self.tr("Add checklist item")
        )
        self.title = QLineEdit(item.title if item else "")
        self.stage = QComboBox()
        for stage in ItemStage:
            self.stage.addItem(item_stage_label(stage), stage.value)
        self.category = QComboBox()
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(sorted(set(owners)))
        self.owner.setCurrentText(item.owner if item else "")
        self.has_due = QCheckBox(field_label("checklist_items", "due"))
        self.due = QDateTimeEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        due = item.due.astimezone(zone) if item and item.due else now.astimezone(zone)
        self.due.setDateTime(date_time.to_qt(due))
        self.has_due.setChecked(bool(item and item.due))
        self.due.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due.setEnabled)
        # Teams plan backwards from go-live: "T−30d" beside the date says where the due sits in that plan.
        self.due_offset = QLabel()
        self.due_offset.setProperty("role", "muted")
        self.has_due.toggled.connect(self._show_offset)
        self.due.dateTimeChanged.connect(self._show_offset)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due, 1)
        due_row.addWidget(self.due_offset)
        self.is_gate = QCheckBox(self.tr("Gate item: must be done before go"))
        self.is_gate.setChecked(bool(item and item.is_gate))
        self.evidence = QPlainTextEdit(item.evidence if item else "")
        self.evidence.setPlaceholderText(self.tr("Where the proof is: a link, a document, a ticket"))
        self.evidence.setTabChangesFocus(True)
        self.evidence.setMaximumHeight(70)
        self.depends_on = DependencyList()
        for other in items:
            if item is not None and other.id == item.id:
                continue
            self.depends_on.add_row(
                other.id,
                f"#{other.id} {other.title} — {item_status_label(other.status)}",
                checked=item is not None and other.id in item.depends_on,
            )
        if item is not None:
            self.stage.setCurrentIndex(self.stage.findData(item.stage.value))
            self.category.setCurrentIndex(self.category.findData(item.category.value))
        self.error = QLabel()
        self.error.setStyleSheet("color: #B34700;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(field_label("checklist_items", "title"), self.title)
        form.addRow(field_label("checklist_items", "stage"), self.stage)
        form.addRow(field_label("checklist_items", "category"), self.category)
        form.addRow(field_label("checklist_items", "owner"), self.owner)
        form.addRow(self.has_due, due_row)
        form.addRow("", self.is_gate)
        form.addRow(field_label("checklist_items", "evidence"), self.evidence)
        form.addRow(field_label("checklist_items", "depends_on"), self.depends_on)
        form.addRow(self.error)
        form.addRow(buttons)
        self._show_offset()
        self.resize(560, 560)

    def _show_offset(self) -> None:
        due = self.due_time()
        if due is None or self._go_live is None:
            self.due_offset.setText("")
            return
        offset = offset_from_go_live(due, self._go_live, zone=self._zone)
        self.due_offset.setText(self.tr("{offset} (go-live: T)").format(offset=offset.text(minus="−")))

    def chosen_dependencies(self) -> list[int]:
        return self.depends_on.chosen()

    def due_time(self) -> datetime | None:
        if not self.has_due.isChecked():
            return None
        return date_time.from_qt(self.due.dateTime()).replace(tzinfo=self._zone)

    def fill(self, wanted: dict) -> None:
        """Put ``update_checklist_item`` arguments over the item's own values (what the user had typed)."""
        if "title" in wanted:
            self.title.setText(wanted["title"])
        for name in ("stage", "category"):
            if name in wanted:
                combo = getattr(self, name)
                combo.setCurrentIndex(max(0, combo.findData(wanted[name])))
        if "owner" in wanted:
            self.owner.setCurrentText(wanted["owner"])
        if "due" in wanted:
            due = wanted["due"]
            if isinstance(due, str):
                due = datetime.fromisoformat(due)
            self.has_due.setChecked(due is not None)
            if due is not None:
                local = due.astimezone(self._zone)
                self.due.setDateTime(date_time.to_qt(local))
        if "is_gate" in wanted:
            self.is_gate.setChecked(bool(wanted["is_gate"]))
        if "evidence" in wanted:
            self.evidence.setPlainText(wanted["evidence"])
        if "depends_on" in wanted:
            self.depends_on.check_only(wanted["depends_on"])

    def values(self) -> dict:
        return {
            "title": self.title.text().strip(),
            "stage": self.stage.currentData(),
            "category": self.category.currentData(),
            "owner": self.owner.currentText().strip(),
            "due": self.due_time(),
            "is_gate": self.is_gate.isChecked(),
            "evidence": self.evidence.toPlainText().strip(),
            "depends_on": self.chosen_dependencies(),
        }

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Give the item a title."))
            self.title.setFocus()
            return
        owner = self.owner.currentText().strip()
        if self.item is None or owner != self.item.owner:
            try:
                owner_named(owner, self._people)
            except Refusal as refusal:  # the service would refuse it too; say so before anything is sent
                self.error.setText(str(refusal))
                self.owner.setFocus()
                return
        super().accept()
