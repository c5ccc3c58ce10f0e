"""The Launch menu's actions: Settings… and Stage ▸ (the four stages), each written through the session.

The main window only places the menu; what the actions open and write lives here. A write's outcome goes
back to the dialog that asked for it (closed when written, the problem shown in it when refused); a
plain step forward has no dialog, and its refusal reaches the message bar as any edit's does.
Settings and stage moves are not on Edit ▸ Undo: a move back needs its own reason, and the settings
dialog shows every value to set back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from cockpit.domain.launch import Stage
from cockpit.domain.stage import needs_reason
from cockpit.errors import CockpitError
from cockpit.services.edits import Edit
from cockpit.services.launch_settings import move_stage, update_launch
from cockpit.ui.launch.settings_dialog import SettingsDialog
from cockpit.ui.launch.stage_dialog import StageReasonDialog
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.words.labels import stage_label


class LaunchActions(QObject):
    def __init__(self, *, parent: QWidget, current_session: Callable[[], LaunchSession | None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self.settings_dialog: SettingsDialog | None = None
        self.stage_dialog: StageReasonDialog | None = None
        self.settings_action: QAction | None = None
        self.stage_menu: QMenu | None = None
        self.stage_actions: dict[Stage, QAction] = {}

    def add_actions(self, menu: QMenu) -> None:
        self.settings_action = menu.addAction(self.tr("&Settings…"))
        self.settings_action.triggered.connect(self.open_settings)
        self.stage_menu = menu.addMenu(self.tr("S&tage"))
        self.stage_menu.aboutToShow.connect(self.show_current_stage)
        group = QActionGroup(self)
        group.setExclusive(True)
        for stage in Stage:
            action = self.stage_menu.addAction(stage_label(stage))
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, s=stage: self.choose_stage(s))
            group.addAction(action)
            self.stage_actions[stage] = action
        self.update_enabled()

    def update_enabled(self) -> None:
        session = self._current_session()
        writable = session is not None and not session.read_only
        for action in (self.settings_action, *self.stage_actions.values()):
            if action is not None:
                action.setEnabled(writable)
        self.show_current_stage()

    def show_current_stage(self) -> None:
        """Tick the stage the launch is in (the menu may show a pick the user then cancelled)."""
        session = self._current_session()
        current = session.data.launch.stage if session is not None and session.data is not None else None
        for stage, action in self.stage_actions.items():
            action.setChecked(stage is current)

    # -- Settings… --------------------------------------------------------------------------------------------------

    def open_settings(self) -> None:
        session = self._current_session()
        if session is None or session.data is None or session.read_only:
            return
        dialog = SettingsDialog(session.data, self._window)
        dialog.submitted.connect(lambda wanted: self._write(session, dialog, update_launch, wanted))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.settings_dialog = dialog
        dialog.open()

    # -- Stage ------------------------------------------------------------------------------------------------------

    def choose_stage(self, target: Stage) -> None:
        """One stage forward is written at once; a move back or a skip asks why first."""
        session = self._current_session()
        if session is None or session.data is None or session.read_only:
            return
        launch = session.data.launch
        if target is launch.stage:
            self.show_current_stage()
            return
        if not needs_reason(launch.stage, target):
            session.run(
                lambda lf, actor: move_stage(
                    lf, actor=actor, stage=target.value, expect_version=launch.version
                )
            )
            return
        dialog = StageReasonDialog(launch.stage, target, self._window)
        dialog.submitted.connect(
            lambda reason: self._write(
                session,
                dialog,
                move_stage,
                {"stage": target.value, "reason": reason, "expect_version": launch.version},
            )
        )
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.stage_dialog = dialog
        dialog.open()

    # -- writing ------------------------------------------------------------------------------------------------------

    def _write(
        self,
        session: LaunchSession,
        dialog: SettingsDialog | StageReasonDialog,
        service: Callable[..., Edit],
        arguments: dict[str, Any],
    ) -> None:
        """Run ``service`` on the session's writer; its outcome goes to ``dialog`` while it is still open."""

        def done(_edit: Edit) -> None:
            if self._is_open(dialog):
                dialog.written()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, CockpitError):
                raise exc
            if self._is_open(dialog):
                dialog.show_problem(str(exc))
            else:
                session.show_problem(str(exc))
            self.show_current_stage()

        session.run(lambda lf, actor: service(lf, actor=actor, **arguments), on_done=done, on_error=failed)

    def _is_open(self, dialog: QDialog) -> bool:
        return dialog is self.settings_dialog or dialog is self.stage_dialog

    def _closed(self, dialog: QDialog) -> None:
        if dialog is self.settings_dialog:
            self.settings_dialog = None
        if dialog is self.stage_dialog:
            self.stage_dialog = None
        self.show_current_stage()
        dialog.deleteLater()
