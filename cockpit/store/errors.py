"""What can go wrong with a launch file, each with the CLI exit code DESIGN.md §5 assigns it."""

from __future__ import annotations

from cockpit.i18n import tr


class CockpitError(Exception):
    """A failure the user can act on; ``str()`` names the problem and the fix."""

    exit_code = 1


class BadInput(CockpitError):
    exit_code = 2


class Conflict(CockpitError):
    """The row changed since the version the user saw; nothing was written.

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
        theirs: dict,
        yours: dict,
        history: tuple = (),
        action: str = "update",
    ) -> None:
        self.table, self.row_id, self.expected = table, row_id, expected
        self.theirs, self.yours = theirs, yours
        self.history, self.action = tuple(history), action
        super().__init__(
            tr(
                "Conflict: {table} #{id} is at version {version}, not {expected}: {who} changed it at {when}. "
                "Nothing was written; reload and apply your change again.",
                table=table,
                id=row_id,
                version=theirs.get("version"),
                expected=expected,
                who=theirs.get("updated_by") or tr("someone"),
                when=theirs.get("updated_at") or "?",
            )
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


class NotFound(BadInput):
    pass
