"""What can go wrong with a launch file, each with the CLI exit code DESIGN.md §5 assigns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cockpit.i18n import tr

if TYPE_CHECKING:  # every command imports this module; a conflict's words load when one is described
    from datetime import tzinfo


class CockpitError(Exception):
    """A failure the user can act on; ``str()`` names the problem and the fix."""

    exit_code = 1


class BadInput(CockpitError):
    exit_code = 2


class Conflict(CockpitError):
    """The row changed since the version the user saw; nothing was written.

    Its message names the row, who changed which fields and when (in ``zone``, the launch's time zone).

    ``theirs`` is the row as it is in the file, ``yours`` the fields the refused write would have set (empty
    for a removal, ``action`` "delete"), ``history`` the writes since version ``expected`` (oldest first,
    ``cockpit.store.history.Revision``): what the others changed, field by field, who and when.
    """

    exit_code = 3

    def __init__(
        self,
        *,
        table: str,
        row_id: int,
        expected: int,
        theirs: dict[str, Any],
        yours: dict[str, Any],
        history: tuple[Any, ...] = (),
        action: str = "update",
        zone: tzinfo | None = None,
    ) -> None:
        self.table, self.row_id, self.expected = table, row_id, expected
        self.theirs, self.yours = theirs, yours
        self.history, self.action = tuple(history), action
        super().__init__(self._describe(zone))

    def _describe(self, zone: tzinfo | None) -> str:
        """In the team's words: which row, who changed what and when (in the launch's zone), what to do."""
        from cockpit.words.moments import moment_text
        from cockpit.words.rows import row_noun

        latest = self.history[-1] if self.history else None
        who = (latest.actor if latest else self.theirs.get("updated_by")) or tr("someone")
        when = moment_text(latest.at if latest else self.theirs.get("updated_at"), zone, seconds=True) or "?"
        fields = list(dict.fromkeys(name for revision in self.history for name in revision.fields()))
        what = (
            tr("they changed {fields}", fields=", ".join(name.replace("_", " ") for name in fields))
            if fields
            else tr("they changed it")
        )
        return tr(
            "Conflict: {row} was changed by {who} at {when} since the version you had ({expected}; it is now at "
            "{version}): {what}. Nothing was written; look at it again and apply your change on top.",
            row=row_noun(self.table, self.row_id),
            who=who,
            when=when,
            expected=self.expected,
            version=self.theirs.get("version", "?"),
            what=what,
        )


class Locked(CockpitError):
    exit_code = 4


class ReadOnly(CockpitError):
    """The file can only be read here (read-only share, open read-only, or a WAL file in use)."""

    exit_code = 4


class NotALaunchFile(CockpitError):
    exit_code = 5


class NewerVersion(CockpitError):
    exit_code = 5


class NotVerified(CockpitError):
    """The record does not verify: an audit row or a round's frozen evidence was changed outside the cockpit."""

    exit_code = 6


class NotSaved(CockpitError):
    """A file could not be written (a full disk, a folder we may not write to), or the launch file was
    replaced or deleted by another program while we wrote it: nothing was saved under its name."""

    exit_code = 7


class FileReplaced(NotSaved):
    """The path no longer names the launch file the cockpit opened (a sync or backup tool replaced it by
    rename, or it was deleted): the window offers to open what is at the path now."""


class NotFound(BadInput):
    pass


class OpenDependencies(BadInput):
    """Marking an item done while items it depends on are still open, without forcing it (nothing written).

    ``open_items`` (id → title) lets a front end name its own way to force it: the CLI its options, the
    window its confirmation.
    """

    def __init__(self, message: str, *, item_id: int, open_items: dict[int, str]) -> None:
        super().__init__(message)
        self.item_id, self.open_items = item_id, dict(open_items)
