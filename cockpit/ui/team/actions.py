"""The team around the file and the lead's offline review in the window: the menu entries (File ▸ Save
snapshot…, Compare with…, Audit trail…; View ▸ Changes, Review notes), who else is here in the status bar,
the snapshot banner, and History… / Add review note… on rows. The main window only calls in here."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QStatusBar,
    QWidget,
)

from cockpit.domain.moments import zone_of
from cockpit.services.diff import LaunchDiff, compare_files
from cockpit.services.review_notes import add_note
from cockpit.services.snapshots import save_snapshot
from cockpit.store.launchfile import SnapshotMark
from cockpit.store.snapshots import snapshot_name
from cockpit.ui.panes.base import BasePane
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.team.changes_panel import ChangesPanel
from cockpit.ui.team.diff_dialog import DiffDialog
from cockpit.ui.team.notes_dialog import NotesDialog
from cockpit.ui.team.presence import PresenceBeat
from cockpit.ui.team.rows import ROW_PLACES, pane_of, row_view, select_row, selected_row_id
from cockpit.ui.team.trail_dialogs import AuditTrailDialog, RowHistoryDialog
from cockpit.words.review import snapshot_banner

FILE_FILTER = "Launch files (*.golive);;All files (*)"
D = TypeVar("D", bound=QWidget)


class TeamWindow(Protocol):
    """What these actions use of the main window (which imports this module: no import back)."""

    session: LaunchSession | None
    panes: list[BasePane]

    def show_pane(self, pane_id: str) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def centralWidget(self) -> QWidget | None: ...
    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...
    def addAction(self, action: QAction) -> None: ...
    def installEventFilter(self, watcher: QObject) -> None: ...


class TeamActions(QObject):
    """Owned by the main window (its attribute ``team``), which keeps it alive."""

    def __init__(self, *, window: TeamWindow, widget: QWidget) -> None:
        """``window`` and ``widget`` are the main window: what it arranges, and the parent of the dialogs."""
        super().__init__()
        self.window = window
        self.widget = widget
        self.presence = PresenceBeat(current_session=lambda: window.session, parent=self)
        window.statusBar().addPermanentWidget(self.presence.label)
        self.banner = QLabel()
        self.banner.setObjectName("snapshotBanner")
        self.banner.setStyleSheet("background: #FFF3C4; color: #1A1A1A; padding: 6px; font-weight: bold;")
        self.banner.hide()
        central = window.centralWidget()
        layout = central.layout() if central is not None else None
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(1, self.banner)  # under the message bar, over the panes
        self.changes = ChangesPanel(current_session=lambda: window.session, parent=widget)
        self.changes.go_to_row.connect(self.go_to_row)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.changes)
        self.changes.hide()
        self.dialogs: list[QWidget] = []  # the open dialogs, kept for tests and so they are not collected
        self.last_diff: LaunchDiff | None = None
        self._pending_row: tuple[str, int] | None = None
        window.installEventFilter(self)

    # -- menus ----------------------------------------------------------------------------------------------------

    def add_file_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        self.snapshot_action = self._add(menu, self.tr("Save &snapshot…"), self.save_snapshot)
        self.compare_action = self._add(menu, self.tr("Co&mpare with…"), self.compare_with)
        self.audit_action = self._add(menu, self.tr("&Audit trail…"), self.show_audit_trail)

    def add_view_actions(self, menu: QMenu) -> None:
        menu.addSeparator()
        changes = self.changes.toggleViewAction()
        changes.setText(self.tr("&Changes by teammates"))
        changes.setShortcut(QKeySequence("Ctrl+Shift+C"))
        menu.addAction(changes)
        self.window.addAction(changes)
        self.notes_action = self._add(menu, self.tr("Review &notes…"), self.show_notes)

    def _add(self, menu: QMenu, text: str, slot) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        return action

    # -- the session ----------------------------------------------------------------------------------------------

    def attach(self, session: LaunchSession) -> None:
        self._pending_row = None
        session.data_loaded.connect(lambda _data, _changes: self._select_pending())
        self.presence.attach(session)
        self.changes.attach(session)
        self.banner.hide()
        session.opened.connect(lambda: self._opened(session))

    def detach(self, session: LaunchSession) -> None:
        self.presence.detach(session)
        self.banner.hide()

    def _opened(self, session: LaunchSession) -> None:
        session.run_quietly(lambda lf, _actor: lf.snapshot, on_done=self._show_banner)
        for pane in self.window.panes:
            for table, place in ROW_PLACES.items():
                view = row_view(pane, table) if place.pane == pane.pane_id else None
                if view is None:
                    continue
                view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                history = QAction(self.tr("History…"), view)
                history.triggered.connect(lambda _=False, p=pane, t=table: self._history_of_selected(p, t))
                note = QAction(self.tr("Add review note…"), view)
                note.triggered.connect(lambda _=False, p=pane, t=table: self._note_on_selected(p, t))
                view.addActions([history, note])

    def _show_banner(self, mark: SnapshotMark | None) -> None:
        if mark is None:
            self.banner.hide()
            return
        self.banner.setText(snapshot_banner(mark.taken_at, zone_of(mark.timezone)))
        self.banner.setToolTip(self.window.session.read_only_reason if self.window.session else "")
        self.banner.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.WindowDeactivate:
            session = self.window.session
            if session is not None:
                self.changes.window_left(session.now())
        return False

    # -- rows -----------------------------------------------------------------------------------------------------

    def go_to_row(self, table: str, row_id: int) -> None:
        place = ROW_PLACES.get(table)
        if place is None:
            return
        self.window.show_pane(place.pane)
        # The changes panel reads the file itself, so it can list a teammate's row a moment before this
        # window's data holds it: then the row is selected when the data arrives.
        self._pending_row = None if self._select(table, row_id) else (table, row_id)

    def _select(self, table: str, row_id: int) -> bool:
        place = ROW_PLACES[table]
        pane = pane_of(self.window.panes, place.pane)
        if pane is None:
            return False
        select_row(pane, table, row_id)
        return selected_row_id(pane, table) == row_id

    def _select_pending(self) -> None:
        if self._pending_row is not None and self._select(*self._pending_row):
            self._pending_row = None

    def show_history(self, table: str, row_id: int) -> RowHistoryDialog | None:
        session = self.window.session
        if session is None or not session.is_open:
            return None
        return self._keep(RowHistoryDialog(session, table, row_id, parent=self.widget))

    def _history_of_selected(self, pane, table: str) -> None:
        row_id = selected_row_id(pane, table)
        if row_id is not None:
            self.show_history(table, row_id)

    def _note_on_selected(self, pane, table: str) -> None:
        session, row_id = self.window.session, selected_row_id(pane, table)
        if session is None or row_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(self.widget, self.tr("Add review note"), self.tr("Note"))
        if ok and text.strip():
            now = session.now()
            session.run(
                lambda lf, actor: add_note(lf, actor=actor, text=text, now=now, table=table, row_id=row_id)
            )

    # -- the file -------------------------------------------------------------------------------------------------

    def save_snapshot(self, target: Path | None = None) -> None:
        session = self.window.session
        if session is None or not session.is_open or session.data is None:
            return
        if target is None:
            launch = session.data.launch
            suggested = Path.home() / snapshot_name(launch.name, session.now().astimezone(launch.zone))
            chosen, _ = QFileDialog.getSaveFileName(
                self.widget, self.tr("Save a snapshot of the launch"), str(suggested), FILE_FILTER
            )
            if not chosen:
                return
            target = Path(chosen)
        now = session.now()
        session.run_quietly(
            lambda lf, actor: save_snapshot(lf, out=target, actor=actor, now=now),
            on_done=lambda path: self.window.statusBar().showMessage(
                self.tr("Saved a snapshot to {path}; it opens read-only.").format(path=path), 10_000
            ),
        )

    def compare_with(self, other: Path | None = None) -> None:
        session = self.window.session
        if session is None or not session.is_open:
            return
        if other is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.widget,
                self.tr("Compare with an earlier launch file"),
                str(session.path.parent),
                FILE_FILTER,
            )
            if not chosen:
                return
            other = Path(chosen)
        session.run_quietly(lambda lf, _actor: compare_files(other, lf.path), on_done=self._show_diff)

    def _show_diff(self, found: LaunchDiff) -> None:
        self.last_diff = found
        self._keep(DiffDialog(found, parent=self.widget))

    def show_audit_trail(self) -> AuditTrailDialog | None:
        session = self.window.session
        if session is None or not session.is_open:
            return None
        return self._keep(AuditTrailDialog(session, parent=self.widget))

    def show_notes(self) -> NotesDialog | None:
        session = self.window.session
        if session is None or not session.is_open:
            return None
        return self._keep(NotesDialog(session, parent=self.widget))

    def _keep(self, dialog: D) -> D:
        for closed in [d for d in self.dialogs if not d.isVisible()]:
            closed.deleteLater()
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()
        return dialog
