"""The interface every pane implements; the main window knows panes only through it.

A pane is a ``QWidget`` built with the session (no globals). It draws ``LaunchData`` it is handed,
says which changes concern it, edits only through ``session.edit(...)``, and never calls another
pane: to send the user elsewhere it emits ``open_pane(pane_id)``.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QWidget

from cockpit.changes import Changes
from cockpit.domain.launch import LaunchData
from cockpit.ui.session.launch_session import LaunchSession


class BasePane(QWidget):
    """Subclasses set ``pane_id`` and ``tables`` and implement ``title`` and ``apply_data``."""

    pane_id: ClassVar[
        str
    ]  # stable: the settings key, the registry name, Ctrl+N order comes from the registry
    tables: ClassVar[frozenset[str]] = frozenset()  # a change to any of these rows means "redraw"

    open_pane = Signal(str)  # ask the window to show the pane with this id
    open_row = Signal(str, int)  # ask the window to select this row (table, id) in the pane that shows it

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(f"pane-{self.pane_id}")

    @classmethod
    def title(cls) -> str:
        """The pane's name in the navigation and the View menu, translated."""
        raise NotImplementedError

    def apply_data(self, data: LaunchData, now: datetime, changes: Changes | None = None) -> None:
        """Show ``data`` as of ``now``; called on the UI thread after every load that concerns this pane.

        ``changes`` names the rows that moved since the pane last drew (every change it missed while
        hidden, merged); None means anything may have changed (the first load, a full reload). A pane
        updates only those rows, so the cost of one change does not grow with the launch.
        """
        raise NotImplementedError

    @staticmethod
    def touched(changes: Changes | None, *tables: str) -> bool:
        """Whether ``changes`` may concern any of ``tables``: figures derived from them need working out again.

        The launch row holds settings every pane reads (time zone, thresholds), so a change to it counts.
        """
        return changes is None or any(table in changes.rows for table in (*tables, "launch"))

    @staticmethod
    def moved_rows(changes: Changes | None, table: str) -> set[int] | None:
        """The ids of ``table``'s rows that ``changes`` names; None when any row may have moved (a full
        load, a bulk import (-1), or a change to the launch row, which every row's look may depend on)."""
        if changes is None or "launch" in changes.rows:
            return None
        rows = changes.rows.get(table, set())
        return None if -1 in rows else set(rows)

    def affected_by(self, changes: Changes) -> bool:
        """Whether ``changes`` (local or a teammate's) require ``apply_data`` again."""
        return any(table in self.tables for table in changes.rows) or "launch" in changes.rows

    def status_widgets(self) -> tuple[QWidget, ...]:
        """Widgets the window keeps in its status bar for this pane (whichever pane shows), such as an
        import's progress: they show and hide themselves, inside the window, with no window of their own."""
        return ()

    def tick(self, now: datetime) -> None:
        """Once a second while visible: move countdowns and clocks without reloading anything."""

    def focus_find(self) -> bool:
        """Edit ▸ Find: put the cursor in this pane's search field; False when it has none."""
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember splitters and headers (keys from ``cockpit.ui.settings.pane_state``)."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what ``save_state`` remembered; called once after construction."""
