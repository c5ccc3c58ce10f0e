"""What the session keeps on its writer thread: the open launch file and the launch as last read from it.

Every operation runs here, one after another, and is followed here by the refresh it calls for, so the
result and the launch that shows it travel back to the UI thread together, in the order they happened.
Nothing in this module touches Qt; only the writer thread calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cockpit.changes import Changes
from cockpit.errors import CockpitError
from cockpit.services.import_cleanup import clean_up_abandoned_imports
from cockpit.store.launchfile import LaunchFile, open_launch
from cockpit.store.refresh import Refreshed, refresh_snapshot
from cockpit.store.watch import Snapshot, load_snapshot
from cockpit.ui.session.heap import no_full_collections

Operation = Callable[
    [LaunchFile, str], Any
]  # op(launch_file, actor) → a result, with ``changes`` if it wrote


@dataclass(frozen=True, slots=True)
class Ran:
    """An operation's result and the refresh after it (None: it wrote nothing, or nothing new was read).

    ``stale``: the operation went through but the read after it failed (the file stayed locked): the
    window must refresh again later, and must not tell the user their write failed.
    """

    result: Any
    refreshed: Refreshed | None
    stale: bool = False


def _clean_up(launch_file: LaunchFile, *, actor: str) -> tuple[str, ...]:
    """Remove a killed import's rows, as the next import would; a file busy or locked now is left for it."""
    if launch_file.read_only or not actor:
        return ()
    try:
        return clean_up_abandoned_imports(launch_file, actor=actor)
    except CockpitError:
        return ()


def changes_of(result: Any) -> Changes | None:
    """The ``Changes`` an operation returned: its result's ``changes``, or the result itself."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


class OpenLaunch:
    """The launch file open on the writer and the snapshot the window shows; used on the writer thread only."""

    def __init__(self, launch_file: LaunchFile, snapshot: Snapshot, cleaned_up: tuple[str, ...] = ()) -> None:
        self.file = launch_file
        self.snapshot = snapshot
        self.cleaned_up = cleaned_up  # what imports cut off part-way had left, removed on opening

    @classmethod
    def open(cls, path: Path, *, read_only: bool, actor: str = "") -> OpenLaunch:
        launch_file = open_launch(path, read_only=read_only)
        try:
            cleaned_up = _clean_up(launch_file, actor=actor)
            with no_full_collections():
                return cls(launch_file, load_snapshot(launch_file), cleaned_up)
        except BaseException:
            launch_file.close()
            raise

    def run(self, operation: Operation, actor: str) -> Ran:
        """Run ``operation``; when it wrote, take in what changed since the last refresh (mine and teammates')."""
        with no_full_collections():  # an import builds 100,000 cases, twice: see heap.py
            result = operation(self.file, actor)
            changes = changes_of(result)
            if not changes:
                return Ran(result, None)
            try:
                return Ran(result, self._refreshed(changes))
            except CockpitError:  # written and committed; only the read after it failed
                return Ran(result, None, stale=True)

    def refresh(self, changes: Changes | None = None) -> Refreshed | None:
        with no_full_collections():
            return self._refreshed(changes)

    def _refreshed(self, changes: Changes | None) -> Refreshed | None:
        refreshed = refresh_snapshot(self.file, self.snapshot, changes)
        if refreshed is not None:
            self.snapshot = refreshed.snapshot
        return refreshed

    def reload(self) -> Snapshot:
        """Read the whole launch again (the fallback; an open reads whole too)."""
        with no_full_collections():
            self.snapshot = load_snapshot(self.file)
        return self.snapshot

    def close(self) -> None:
        self.file.close()
