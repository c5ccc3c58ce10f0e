"""What the Migration pane's buttons do: the runbook's steps (add, edit, remove, start, finish, mark failed,
retry, skip) and the ledger's objects (add, record counts, accept or clear a difference).

Every write goes through ``session.edit`` (the session's one route), with the move or the values that take it
back for Edit ▸ Undo: a start is undone by a reset, a finish or a failure by a reopen, a retry by a reset
(the failure comes back as it was), a skip by an unskip, an add by the removal, a removal by the add again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from cockpit.domain.launch import LaunchData
from cockpit.domain.migration import MigrationObject, ReconStatus, RunbookStep, StepStatus, reconcile
from cockpit.domain.runbook import StepAction
from cockpit.services.objects import add_object, update_object
from cockpit.services.runbook import step_action
from cockpit.services.steps import add_step, remove_step, update_step
from cockpit.ui.panes.migration.dialogs import ObjectDialog, ReasonDialog, StepDialog
from cockpit.ui.session.launch_session import LaunchSession


class Pane(Protocol):
    """What the actions need of the Migration pane (a protocol, so this module does not import the view)."""

    session: LaunchSession

    @property
    def data(self) -> LaunchData | None: ...

    def selected_step(self) -> RunbookStep | None: ...

    def select_step(self, step_id: int) -> None: ...

    def selected_object(self) -> MigrationObject | None: ...

    def select_object(self, object_id: int) -> None: ...


# Each move, and the move that takes it back (an ordinary move under its own rules).
UNDO_OF = {
    StepAction.START: StepAction.RESET,
    StepAction.FINISH: StepAction.REOPEN,
    StepAction.FAIL: StepAction.REOPEN,
    StepAction.RETRY: StepAction.RESET,
    StepAction.SKIP: StepAction.UNSKIP,
}


def _button(text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


Row = TypeVar("Row", RunbookStep, MigrationObject)


def _add_in_dialog(
    dialog: StepDialog | ObjectDialog | None,
    session: LaunchSession,
    add: Callable[..., Any],
    *,
    text: Callable[[dict], str],
    select: Callable[[int], None],
) -> None:
    """OK adds the row the dialog holds (undone by removing it) and selects it."""
    if dialog is None:
        return
    dialog.accepted.connect(
        lambda: session.edit(
            add,
            text=text(dialog.values()),
            undo_add=True,
            on_done=lambda edit: select(edit.row["id"]),
            **dialog.values(),
        )
    )


def _edit_in_dialog(
    row: Row | None,
    open_dialog: Callable[[Row], StepDialog | ObjectDialog | None],
    submit: Callable[[Row, dict], None],
    wanted: dict | None = None,
) -> None:
    """The row's dialog, filled with ``wanted`` (what I had typed before a teammate's version came in); OK
    submits its values."""
    if row is None:
        return
    dialog = open_dialog(row)
    if dialog is None:
        return
    if wanted is not None:
        dialog.fill(wanted)
    dialog.accepted.connect(lambda: submit(row, dialog.values()))


def _send_changes(
    session: LaunchSession,
    update: Callable[..., Any],
    *,
    text: str,
    old: dict[str, Any],
    values: dict,
    reopen: Callable[[dict], None],
    **row_key: Any,
) -> None:
    """Send only what changed, with the old values for undo; nothing when nothing changed."""
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return
    session.edit(
        update, text=text, undo_values={k: old[k] for k in changed}, reopen=reopen, **row_key, **changed
    )


Shown = TypeVar("Shown", bound=QDialog)


class _Actions(QObject):
    """What both tables' actions share: the pane, the window their dialogs open over, the dialog open now."""

    def __init__(self, pane: Pane, parent: QWidget) -> None:
        super().__init__(parent)
        self.pane, self._parent = pane, parent
        self.dialog: Any = None  # the dialog open now (tests fill it in)

    def _show(self, dialog: Shown) -> Shown:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog


class StepActions(_Actions):
    """The step table's buttons and what they do, for the pane's selected step."""

    def __init__(self, pane: Pane, parent: QWidget) -> None:
        super().__init__(pane, parent)
        self.start_button = _button(
            self.tr("Start step"), self.tr("Start the selected pending step now"), lambda: self.move("start")
        )
        self.finish_button = _button(
            self.tr("Finish step"),
            self.tr("Finish the selected running step now"),
            lambda: self.move("finish"),
        )
        self.fail_button = _button(
            self.tr("Mark failed…"),
            self.tr("End the running step in failure, with the reason"),
            self.mark_failed,
        )
        self.retry_button = _button(
            self.tr("Retry"),
            self.tr("Try the failed step again now: a new attempt; the failed one stays in its history"),
            lambda: self.move("retry"),
        )
        self.skip_button = _button(
            self.tr("Skip…"),
            self.tr("Skip the pending or failed step, with the reason; the steps after it may start"),
            self.skip,
        )
        self.add_button = _button(self.tr("Add step…"), self.tr("Add a step to the runbook"), self.add)
        self.edit_button = _button(
            self.tr("Edit step…"),
            self.tr("Change the selected step's title, kind, owner, plan or dependencies"),
            self.edit,
        )
        self.remove_button = _button(
            self.tr("Remove step"),
            self.tr("Remove the selected step (no other step may wait for it)"),
            self.remove,
        )
        self.moves = (
            self.start_button,
            self.finish_button,
            self.fail_button,
            self.retry_button,
            self.skip_button,
        )
        self.planning = (self.add_button, self.edit_button, self.remove_button)

    def update(self, step: RunbookStep | None, writable: bool) -> None:
        status = step.status if step is not None else None
        self.start_button.setEnabled(writable and status == StepStatus.PENDING)
        self.finish_button.setEnabled(writable and status == StepStatus.RUNNING)
        self.fail_button.setEnabled(writable and status == StepStatus.RUNNING)
        self.retry_button.setEnabled(writable and status == StepStatus.FAILED)
        self.skip_button.setEnabled(writable and status in (StepStatus.PENDING, StepStatus.FAILED))
        self.add_button.setEnabled(writable and self.pane.data is not None)
        self.edit_button.setEnabled(writable and step is not None)
        self.remove_button.setEnabled(writable and step is not None)

    # -- moves ------------------------------------------------------------------------------------------------------

    def move(self, action: str, reason: str = "") -> None:
        """Move the selected step; a refusal (waiting for a dependency…) shows the service's message."""
        step = self.pane.selected_step()
        if step is None:
            return
        chosen = StepAction(action)
        texts = {
            StepAction.START: self.tr("Start step #{seq}"),
            StepAction.FINISH: self.tr("Finish step #{seq}"),
            StepAction.FAIL: self.tr("Mark step #{seq} failed"),
            StepAction.RETRY: self.tr("Retry step #{seq}"),
            StepAction.SKIP: self.tr("Skip step #{seq}"),
        }
        self.pane.session.edit(
            step_action,
            text=texts[chosen].format(seq=step.seq),
            undo_values={"action": UNDO_OF[chosen].value, "reason": ""},
            step_id=step.id,
            action=chosen.value,
            reason=reason,
            expect_version=step.version,
        )

    def _ask_reason(self, title: str, placeholder: str, then: Callable[[str], None]) -> None:
        step = self.pane.selected_step()
        if step is None:
            return
        dialog = ReasonDialog(
            title=title.format(seq=step.seq),
            subject=f"#{step.seq} {step.title}",
            placeholder=placeholder,
            parent=self._parent,
        )
        dialog.accepted.connect(lambda: then(dialog.reason_text()))
        self._show(dialog)

    def mark_failed(self) -> None:
        self._ask_reason(
            self.tr("Why did step #{seq} fail?"),
            self.tr("What went wrong, and what it needs before a retry"),
            lambda reason: self.move("fail", reason),
        )

    def skip(self) -> None:
        self._ask_reason(
            self.tr("Why is step #{seq} skipped?"),
            self.tr("Why it is not needed, or how it was done instead"),
            lambda reason: self.move("skip", reason),
        )

    # -- planning -----------------------------------------------------------------------------------------------

    def _open_dialog(self, step: RunbookStep | None) -> StepDialog | None:
        data, now = self.pane.data, self.pane.session.now()
        if data is None or self.pane.session.read_only:
            return None
        owners = [s.owner for s in data.steps if s.owner] + [p.name for p in data.people]
        dialog = StepDialog(
            step=step, steps=data.steps, owners=owners, zone=data.launch.zone, now=now, parent=self._parent
        )
        return self._show(dialog)

    def add(self) -> None:
        _add_in_dialog(
            self._open_dialog(None),
            self.pane.session,
            add_step,
            text=lambda values: self.tr("Add step “{title}”").format(title=values["title"]),
            select=self.pane.select_step,
        )

    def edit(self) -> None:
        _edit_in_dialog(self.pane.selected_step(), self._open_dialog, self.submit_changes)

    def edit_again(self, step_id: int, wanted: dict) -> None:
        """After keeping a teammate's version: the dialog on the step as it now is, with what I had typed."""
        data = self.pane.data
        step = next((s for s in data.steps if s.id == step_id), None) if data else None
        _edit_in_dialog(step, self._open_dialog, self.submit_changes, wanted)

    def submit_changes(self, step: RunbookStep, values: dict) -> None:
        """Send only what changed, with the old values for undo."""
        old: dict[str, Any] = {
            "title": step.title,
            "kind": step.kind.value,
            "owner": step.owner,
            "planned_start": step.planned_start,
            "planned_minutes": step.planned_minutes,
            "depends_on": sorted(step.depends_on),
        }
        _send_changes(
            self.pane.session,
            update_step,
            text=self.tr("Edit step #{seq}").format(seq=step.seq),
            old=old,
            values=values,
            reopen=lambda wanted: self.edit_again(step.id, wanted),
            step_id=step.id,
            expect_version=step.version,
        )

    def remove(self) -> None:
        step = self.pane.selected_step()
        if step is None:
            return
        self.pane.session.edit(
            remove_step,
            text=self.tr("Remove step #{seq}").format(seq=step.seq),
            undo_remove=True,
            step_id=step.id,
            expect_version=step.version,
        )


class LedgerActions(_Actions):
    """The reconciliation ledger's buttons and what they do, for the pane's selected object."""

    def __init__(self, pane: Pane, parent: QWidget) -> None:
        super().__init__(pane, parent)
        self.add_button = _button(
            self.tr("Add object…"), self.tr("Add a table or file to reconcile"), self.add
        )
        self.edit_button = _button(
            self.tr("Record counts…"),
            self.tr(
                "Record the selected object's source, target and rejected counts, its tolerance, name, owner"
            ),
            self.edit,
        )
        self.accept_button = _button(
            self.tr("Accept difference…"),
            self.tr("Accept the selected object's difference as expected (想定差異), with the reason"),
            self.accept_difference,
        )
        self.clear_button = _button(
            self.tr("Clear accepted difference"),
            self.tr("The difference counts as a mismatch again"),
            self.clear_difference,
        )
        self.buttons = (self.add_button, self.edit_button, self.accept_button, self.clear_button)

    def update(self, obj: MigrationObject | None, writable: bool) -> None:
        status = reconcile(obj).status if obj is not None else None
        self.add_button.setEnabled(writable and self.pane.data is not None)
        self.edit_button.setEnabled(writable and obj is not None)
        self.accept_button.setEnabled(writable and status in (ReconStatus.MISMATCH, ReconStatus.ACCEPTED))
        self.clear_button.setEnabled(writable and obj is not None and bool(obj.accepted_reason))

    def _open_dialog(self, obj: MigrationObject | None) -> ObjectDialog | None:
        data = self.pane.data
        if data is None or self.pane.session.read_only:
            return None
        owners = [o.owner for o in data.objects if o.owner] + [p.name for p in data.people]
        dialog = ObjectDialog(obj=obj, owners=owners, parent=self._parent)
        return self._show(dialog)

    def add(self) -> None:
        _add_in_dialog(
            self._open_dialog(None),
            self.pane.session,
            add_object,
            text=lambda values: self.tr("Add object “{name}”").format(name=values["name"]),
            select=self.pane.select_object,
        )

    def edit(self) -> None:
        _edit_in_dialog(self.pane.selected_object(), self._open_dialog, self.submit_changes)

    def edit_again(self, object_id: int, wanted: dict) -> None:
        """After keeping a teammate's version: the dialog on the object as it now is, with what I had typed."""
        data = self.pane.data
        obj = next((o for o in data.objects if o.id == object_id), None) if data else None
        _edit_in_dialog(obj, self._open_dialog, self.submit_changes, wanted)

    def submit_changes(self, obj: MigrationObject, values: dict) -> None:
        old = {
            "name": obj.name,
            "owner": obj.owner,
            "source_rows": obj.source_rows,
            "rejected_rows": obj.rejected_rows,
            "target_rows": obj.target_rows,
            "tolerance_rows": obj.tolerance_rows,
        }
        _send_changes(
            self.pane.session,
            update_object,
            text=self.tr("Record counts: {name}").format(name=obj.name),
            old=old,
            values=values,
            reopen=lambda wanted: self.edit_again(obj.id, wanted),
            object_id=obj.id,
            expect_version=obj.version,
        )

    def accept_difference(self) -> None:
        obj = self.pane.selected_object()
        if obj is None:
            return
        dialog = ReasonDialog(
            title=self.tr("Accept the difference of {name}").format(name=obj.name),
            subject=self.tr(
                "Why is this difference expected (想定差異)? Your name and the time are recorded."
            ),
            placeholder=self.tr("e.g. 312 duplicate customers merged on purpose"),
            text=obj.accepted_reason,
            parent=self._parent,
        )
        dialog.accepted.connect(lambda: self._write_acceptance(obj, dialog.reason_text()))
        self._show(dialog)

    def _write_acceptance(self, obj: MigrationObject, reason: str) -> None:
        # Undo gives back the acceptance there was (its reason), or none.
        undo: dict[str, Any] = (
            {"accept_difference": obj.accepted_reason}
            if obj.accepted_reason
            else {"accept_difference": None, "clear_difference": True}
        )
        self.pane.session.edit(
            update_object,
            text=self.tr("Accept the difference of {name}").format(name=obj.name),
            undo_values=undo,
            object_id=obj.id,
            accept_difference=reason,
            expect_version=obj.version,
        )

    def clear_difference(self) -> None:
        obj = self.pane.selected_object()
        if obj is None or not obj.accepted_reason:
            return
        self.pane.session.edit(
            update_object,
            text=self.tr("Clear the accepted difference of {name}").format(name=obj.name),
            undo_values={"clear_difference": False, "accept_difference": obj.accepted_reason},
            object_id=obj.id,
            clear_difference=True,
            expect_version=obj.version,
        )
