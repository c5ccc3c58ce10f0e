"""Launch ▸ Reviews: record a review meeting, add an improvement action or a lesson learned, mark an
action done. The main window only places the menu; the dialogs and their writes live here."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from cockpit.domain.reviews import ActionStatus
from cockpit.services import reviews
from cockpit.services.rules import now
from cockpit.ui.care.dialogs import ActionDialog, LessonDialog, ReviewDialog
from cockpit.ui.care.writing import write_from
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.widgets.write_dialog import WriteDialog


class CareActions(QObject):
    def __init__(self, *, parent: QWidget, current_session: Callable[[], LaunchSession | None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self.dialog: WriteDialog | None = None
        self.menu: QMenu | None = None
        self.actions: list[QAction] = []

    def add_actions(self, menu: QMenu) -> None:
        self.menu = menu.addMenu(self.tr("Re&views"))
        for text, name, slot in (
            (self.tr("Record a &review meeting…"), "recordReviewAction", self.record_review),
            (self.tr("Add an improvement &action…"), "addImprovementAction", self.add_action),
            (self.tr("Mark an action &done…"), "finishImprovementAction", self.finish_action),
            (self.tr("Add a &lesson learned…"), "addLessonAction", self.add_lesson),
        ):
            action = self.menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            self.actions.append(action)
        self.update_enabled()

    def update_enabled(self) -> None:
        session = self._current_session()
        writable = session is not None and not session.read_only
        for action in self.actions:
            action.setEnabled(writable)

    def _writable(self) -> LaunchSession | None:
        session = self._current_session()
        if session is None or session.data is None or session.read_only:
            return None
        return session

    def _show(self, dialog: WriteDialog) -> None:
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def record_review(self) -> None:
        session = self._writable()
        if session is None:
            return
        dialog = ReviewDialog(self._window)
        dialog.submitted.connect(lambda values: write_from(session, dialog, reviews.add_review, values))
        self._show(dialog)

    def add_action(self) -> None:
        session = self._writable()
        if session is None or session.data is None:
            return
        data = session.data
        dialog = ActionDialog(data, now().astimezone(data.launch.zone), self._window)
        dialog.submitted.connect(lambda values: write_from(session, dialog, reviews.add_action, values))
        self._show(dialog)

    def add_lesson(self) -> None:
        session = self._writable()
        if session is None or session.data is None:
            return
        dialog = LessonDialog(session.data.launch.stage, self._window)
        dialog.submitted.connect(lambda values: write_from(session, dialog, reviews.add_lesson, values))
        self._show(dialog)

    def finish_action(self) -> None:
        session = self._writable()
        if session is None or session.data is None:
            return
        open_actions = [a for a in session.data.actions if a.status is ActionStatus.OPEN]
        if not open_actions:
            session.show_problem(self.tr("No improvement action is open."))
            return
        names = [f"#{a.id} {a.title}" for a in open_actions]
        chosen, ok = QInputDialog.getItem(
            self._window, self.tr("Mark an action done"), self.tr("Improvement action"), names, 0, False
        )
        if not ok:
            return
        action = open_actions[names.index(chosen)]
        session.run(
            lambda lf, actor: reviews.finish_action(
                lf, actor=actor, action_id=action.id, expect_version=action.version
            )
        )
