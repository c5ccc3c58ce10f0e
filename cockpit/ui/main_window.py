"""The main window arranges panes, menus and the status bar; everything else lives in the panes and the session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.errors import Conflict
from cockpit.ui import settings as keys
from cockpit.ui.care.actions import CareActions
from cockpit.ui.care.sla_calendars import add_sla_calendars_menu
from cockpit.ui.decisions.actions import DecisionsActions
from cockpit.ui.dialogs import NewLaunchDialog, show_about
from cockpit.ui.imports.actions import TableTransfer
from cockpit.ui.language_menu import LanguageMenu
from cockpit.ui.launch.actions import LaunchActions
from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.registry import PANES
from cockpit.ui.report.actions import ReportActions
from cockpit.ui.roster.actions import RosterActions
from cockpit.ui.session.heap import no_full_collections
from cockpit.ui.session.launch_session import LaunchSession, Problem
from cockpit.ui.session.tasks import TaskRunner, Tasks
from cockpit.ui.session.undo import PendingEdit
from cockpit.ui.sources.controller import SourcesController
from cockpit.ui.team.actions import TeamActions
from cockpit.ui.wall.actions import WallActions
from cockpit.ui.widgets.feedback import ConflictDialog, MessageBar
from cockpit.ui.words.launch import last_change_text, launch_zone, you_text
from cockpit.words.labels import stage_label

SessionFactory = Callable[[Path, bool], LaunchSession]
FILE_FILTER = "Launch files (*.golive);;All files (*)"


def default_session(path: Path, read_only: bool) -> LaunchSession:
    return LaunchSession(path=path, read_only=read_only)


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        settings: QSettings,
        session_factory: SessionFactory = default_session,
        pane_classes: Sequence[type[BasePane]] = PANES,
        chores: Tasks | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session: LaunchSession | None = None
        self.panes: list[BasePane] = []
        self._session_factory = session_factory
        self._pane_classes = tuple(pane_classes)
        self._chores = chores or TaskRunner(name="cockpit-files", parent=self)
        # Per pane that has not drawn the latest data: the changes it missed, merged (None: a full load).
        self._missed: dict[str, Changes | None] = {}
        self.conflict_dialog: ConflictDialog | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle(self.tr("Go-Live Cockpit"))

        self.message_bar = MessageBar()
        self.message_bar.retry_requested.connect(self._retry)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.currentRowChanged.connect(self._show_row)
        self.stack = QStackedWidget()
        self.welcome = self._welcome_page()
        self.stack.addWidget(self.welcome)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1100])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self.table_transfer = TableTransfer(
            parent=self, current_session=lambda: self.session, tasks=self._chores
        )
        self.table_transfer.done.connect(self._show_transfer_result)
        self.report = ReportActions(
            parent=self, current_session=lambda: self.session, status_bar=self.statusBar()
        )
        self.report.done.connect(self._show_transfer_result)
        self.decisions = DecisionsActions(parent=self, current_session=lambda: self.session)
        self.decisions.done.connect(self._show_transfer_result)
        self.sources = SourcesController(
            parent=self,
            current_session=lambda: self.session,
            status_bar=self.statusBar(),
            show_problem=lambda message: self.message_bar.show_problem(Problem(message=message)),
        )
        self.launch_actions = LaunchActions(parent=self, current_session=lambda: self.session)
        self.wall = WallActions(parent=self, current_session=lambda: self.session, settings=self.settings)
        self.team = TeamActions(window=self, widget=self)
        self.wall.follow_presence(self.team.presence)
        self._build_menus()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._restore_window()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(self.tr("Open a launch file (.golive), or create a new one."))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        for label, slot in ((self.tr("Open…"), self.choose_and_open), (self.tr("New…"), self.create_new)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_status_bar(self) -> None:
        self.file_label = QLabel()
        self.actor_label = QLabel()
        self.stage_label = QLabel()
        self.changed_label = QLabel()
        self.read_only_badge = QLabel(self.tr("READ-ONLY"))
        self.read_only_badge.setObjectName("readOnlyBadge")
        self.read_only_badge.hide()
        bar = self.statusBar()
        for widget in (self.file_label, self.actor_label, self.stage_label, self.changed_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.read_only_badge)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.setToolTipsVisible(True)
        self._action(file_menu, self.tr("&New launch…"), self.create_new, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open…"), self.choose_and_open, QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Open &read-only…"), lambda: self.choose_and_open(read_only=True))
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.import_menu = file_menu.addMenu(self.tr("&Import"))
        self.import_results_action = self._action(
            self.import_menu, self.tr("&Test results…"), self._import_test_results
        )
        self.import_results_action.setEnabled(False)
        self.table_transfer.add_import_action(self.import_menu)
        self.table_transfer.add_export_menu(file_menu)
        self.report.add_actions(file_menu)
        self.team.add_file_actions(file_menu)
        self.decisions.add_minutes_action(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = menus.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        self._action(edit_menu, self.tr("&Find"), self._find, QKeySequence.StandardKey.Find)

        self._build_launch_menu(menus)

        self.view_menu = menus.addMenu(self.tr("&View"))
        self.pane_actions = QActionGroup(self)
        for number, pane_class in enumerate(self._pane_classes, start=1):
            action = self._action(
                self.view_menu,
                pane_class.title(),
                lambda _=False, pid=pane_class.pane_id: self.show_pane(pid),
            )
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setCheckable(True)
            action.setData(pane_class.pane_id)
            self.pane_actions.addAction(action)
        self.team.add_view_actions(self.view_menu)
        self.view_menu.addSeparator()
        full = self._action(
            self.view_menu, self.tr("&Full screen"), self._toggle_full_screen, QKeySequence("Shift+F11")
        )
        full.setCheckable(True)
        self.addAction(self.wall.add_action(self.view_menu))  # F11; works while the menu bar is hidden
        self.view_menu.addSeparator()
        self.language_menu = LanguageMenu(settings=self.settings, parent=self)
        self.language_menu.add_menu(self.view_menu)

        self.sources.add_menu(menus)
        help_menu = menus.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About Go-Live Cockpit"), lambda: show_about(self))

    def _build_launch_menu(self, menus: QMenuBar) -> None:
        """Launch ▸ the launch's own set-up: settings and stage (``ui/launch``), the team and the gate (``ui/roster``)."""
        self.launch_menu = menus.addMenu(self.tr("&Launch"))
        self.launch_actions.add_actions(self.launch_menu)
        self.launch_menu.addSeparator()
        self.roster = RosterActions(parent=self, current_session=lambda: self.session)
        self.roster.add_actions(self.launch_menu)
        self.decisions.add_decisions_action(self.launch_menu)
        self.care = CareActions(parent=self, current_session=lambda: self.session)
        self.care.add_actions(self.launch_menu)
        self.sla_calendars = add_sla_calendars_menu(self, self.launch_menu, lambda: self.session)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable,
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        self.addAction(action)  # shortcuts work while the menu bar is hidden (full screen)
        return action

    # -- files and sessions ---------------------------------------------------------------------------------------

    def open_file(self, path: str | Path, *, read_only: bool = False) -> LaunchSession:
        session = self._session_factory(Path(path), read_only)
        self.install_session(session)
        return session

    def install_session(self, session: LaunchSession) -> None:
        """Replace the open file (if any) by ``session``, with a fresh set of panes built on it."""
        self._close_session()
        self.session = session
        session.opened.connect(self._on_opened)
        session.open_failed.connect(self._on_open_failed)
        session.data_loaded.connect(self._on_data_loaded)
        session.problem.connect(self.message_bar.show_problem)
        session.conflict.connect(self._on_conflict)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        for pane_class in self._pane_classes:
            pane = pane_class(session)
            pane.open_pane.connect(self.show_pane)
            pane.open_row.connect(self.team.go_to_row)
            pane.restore_state(self.settings)
            for widget in pane.status_widgets():
                self.statusBar().addPermanentWidget(widget)
            self.panes.append(pane)
            self.stack.addWidget(_scrolling_frame(pane))
            self.navigation.addItem(pane_class.title())
        self._missed = dict.fromkeys(pane.pane_id for pane in self.panes)
        self.file_label.setText(str(session.path))
        self.actor_label.setText(self.tr("You: {actor}").format(actor=session.actor))
        self.setWindowTitle(self.tr("{name} — Go-Live Cockpit").format(name=session.path.name))
        self.show_pane(keys.read(self.settings, keys.LAST_PANE))
        self.team.attach(session)
        session.open()

    def _close_session(self) -> None:
        if self.session is None:
            return
        for pane in self.panes:
            pane.save_state(self.settings)
            for widget in pane.status_widgets():
                self.statusBar().removeWidget(widget)
                widget.deleteLater()
            frame = _frame_of(pane)
            self.stack.removeWidget(frame)
            frame.deleteLater()
        self.panes.clear()
        self.navigation.clear()
        self.import_results_action.setEnabled(False)
        self.undo_group.removeStack(self.session.undo_stack)
        self.team.detach(self.session)
        self.session.close()
        self.session.deleteLater()
        self.session = None
        self._update_file_actions()
        self.message_bar.dismiss()
        self.stack.setCurrentWidget(self.welcome)

    def _on_opened(self) -> None:
        session = self.session
        if session is None:  # closed again before it finished opening
            return
        self.import_results_action.setEnabled(not session.read_only)
        self._update_file_actions()
        keys.remember_recent(self.settings, session.path)
        self.read_only_badge.setVisible(session.read_only)
        self.read_only_badge.setToolTip(session.read_only_reason)
        if session.cleaned_up:
            self.message_bar.show_problem(Problem(message=" ".join(session.cleaned_up)))

    def _on_open_failed(self, message: str) -> None:
        self._close_session()
        self.message_bar.show_problem(Problem(message=message))

    def choose_and_open(self, *, read_only: bool = False) -> None:
        title = self.tr("Open launch file read-only") if read_only else self.tr("Open launch file")
        path, _ = QFileDialog.getOpenFileName(self, title, "", self.tr(FILE_FILTER))
        if path:
            self.open_file(path, read_only=read_only)

    def create_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New launch file"), "", self.tr(FILE_FILTER))
        if not path:
            return
        if not path.endswith(".golive"):
            path += ".golive"
        dialog = NewLaunchDialog(self)
        if dialog.exec() != NewLaunchDialog.DialogCode.Accepted:
            return
        name, go_live, zone = (
            dialog.name.text().strip(),
            dialog.go_live_time(),
            dialog.zone.currentText().strip(),
        )
        template, lang = dialog.template_choice()
        # The new file's own session creates it on its writer, then opens it: the one route to the file.
        session = self._session_factory(Path(path), False)

        def failed(exc: BaseException) -> None:
            session.close()
            session.deleteLater()
            self.message_bar.show_problem(Problem(message=str(exc)))

        session.create(
            name=name,
            go_live=go_live,
            timezone=zone,
            template=template,
            lang=lang,
            on_done=lambda _created: self._install_created(session),
            on_error=failed,
        )

    def _install_created(self, session: LaunchSession) -> None:
        self.install_session(session)
        if session.notes:
            self.statusBar().showMessage(" ".join(session.notes), 30_000)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = keys.read(self.settings, keys.RECENT_FILES)
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    # -- panes ----------------------------------------------------------------------------------------------------

    def pane(self, pane_id: str) -> BasePane:
        return next(p for p in self.panes if p.pane_id == pane_id)

    def current_pane(self) -> BasePane | None:
        frame = self.stack.currentWidget()
        widget = frame.widget() if isinstance(frame, QScrollArea) else None
        return widget if isinstance(widget, BasePane) else None

    def show_pane(self, pane_id: str) -> None:
        ids = [p.pane_id for p in self.panes]
        if pane_id in ids:
            self.navigation.setCurrentRow(ids.index(pane_id))
        elif ids:
            self.navigation.setCurrentRow(0)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.panes):
            return
        pane = self.panes[row]
        self.stack.setCurrentWidget(_frame_of(pane))
        for action in self.pane_actions.actions():
            action.setChecked(action.data() == pane.pane_id)
        keys.write(self.settings, keys.LAST_PANE, pane.pane_id)
        self._refresh_if_stale(pane)

    def _refresh_if_stale(self, pane: BasePane) -> None:
        session = self.session
        if pane.pane_id in self._missed and session is not None and session.data is not None:
            missed = self._missed.pop(pane.pane_id)
            # A pane drawing a full load (the open, a reload, its first show) builds thousands of rows: no
            # full garbage collection meanwhile (30–40 ms at 5×, mid-show), and what it built joins the
            # launch out of later ones (ui/session/heap.py), always after a full load.
            with no_full_collections(then_settle=missed is None):
                pane.apply_data(session.data, session.now(), missed)

    def _on_data_loaded(self, data: LaunchData, changes: Changes | None) -> None:
        for pane in self.panes:
            if changes is None:
                self._missed[pane.pane_id] = None
            elif pane.affected_by(changes):
                self._missed[pane.pane_id] = _merged(self._missed, pane.pane_id, changes)
        current = self.current_pane()
        if current is not None:
            self._refresh_if_stale(current)  # hidden panes catch up when shown
        self.stage_label.setText(self.tr("Stage: {stage}").format(stage=stage_label(data.launch.stage)))
        if self.session is not None:
            self.actor_label.setText(you_text(self.session.actor, data.people))
            self.actor_label.setToolTip(
                self.tr("Your changes are recorded as {actor}").format(actor=self.session.actor)
            )
        event = self.session.last_event if self.session else None
        if event is not None:
            self.changed_label.setText(last_change_text(event.at, event.actor, data))

    def _tick(self) -> None:
        pane = self.current_pane()
        if pane is not None and self.session is not None and self.session.data is not None:
            pane.tick(self.session.now())

    def _import_test_results(self) -> None:
        """File ▸ Import ▸ Test results…: the Tests pane asks for the files, the level and the run's name."""
        pane = next((p for p in self.panes if p.pane_id == "tests"), None)
        if pane is not None and hasattr(pane, "open_import_dialog"):
            self.show_pane("tests")
            pane.open_import_dialog()

    def _update_file_actions(self) -> None:
        self.launch_actions.update_enabled()
        self.table_transfer.update_enabled()
        self.sources.update_enabled()
        self.report.update_enabled()
        self.roster.update_enabled()
        self.decisions.update_enabled()
        self.care.update_enabled()

    def _show_transfer_result(self, message: str, ok: bool) -> None:
        if ok:
            self.statusBar().showMessage(message, 15_000)
        else:
            self.message_bar.show_problem(Problem(message=message))

    def _find(self) -> None:
        pane = self.current_pane()
        if pane is None or not pane.focus_find():
            self.statusBar().showMessage(self.tr("This pane has nothing to search."), 3000)

    # -- edits that need the user ---------------------------------------------------------------------------------

    def _on_conflict(self, pending: PendingEdit, conflict: Conflict) -> None:
        data = self.session.data if self.session else None
        dialog = ConflictDialog(
            pending, conflict, self, zone=launch_zone(data), people=data.people if data else ()
        )

        def apply_again() -> None:
            if self.session is not None:  # the file may have been closed while the dialog was open
                self.session.apply_again(pending, conflict)

        dialog.accepted.connect(apply_again)
        dialog.rejected.connect(lambda: self._keep_theirs(dialog, pending, conflict))
        dialog.finished.connect(dialog.deleteLater)
        self.conflict_dialog = dialog
        dialog.open()

    def _keep_theirs(self, dialog: ConflictDialog, pending: PendingEdit, conflict: Conflict) -> None:
        """Nothing of mine is written; the message bar keeps the way back to it."""
        session = self.session
        if session is None:
            return
        session.keep_theirs(pending)
        self.message_bar.show_problem(
            dialog.kept_theirs(apply_again=lambda: session.apply_again(pending, conflict))
        )

    def _retry(self, pending: PendingEdit) -> None:
        if self.session is not None:
            self.session.retry(pending)

    # -- window state ---------------------------------------------------------------------------------------------

    def _toggle_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _restore_window(self) -> None:
        geometry = keys.read(self.settings, keys.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        splitter = keys.read(self.settings, keys.MAIN_SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        keys.write(self.settings, keys.GEOMETRY, self.saveGeometry())
        keys.write(self.settings, keys.MAIN_SPLITTER, self.splitter.saveState())
        for pane in self.panes:
            pane.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self._clock.stop()
        self.sources.shutdown()
        self.report.shutdown()
        self._close_session()
        self._chores.shutdown()
        super().closeEvent(event)


def _scrolling_frame(pane: BasePane) -> QScrollArea:
    """A pane fills the window, and scrolls instead of forcing the window wider than a small screen."""
    frame = QScrollArea()
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setWidgetResizable(True)
    frame.setWidget(pane)
    return frame


def _merged(missed: dict[str, Changes | None], pane_id: str, changes: Changes) -> Changes | None:
    """What ``pane_id`` must catch up on: what it missed so far and ``changes``; None stays None (a full load)."""
    if pane_id not in missed:
        return changes
    earlier = missed[pane_id]
    if earlier is None:
        return None
    return Changes.union(earlier, changes)


def _frame_of(pane: BasePane) -> QScrollArea:
    widget = pane.parentWidget()
    while not isinstance(widget, QScrollArea):
        if widget is None:
            raise LookupError(f"{type(pane).__name__} is not inside a scroll area")
        widget = widget.parentWidget()
    return widget
