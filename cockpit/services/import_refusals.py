"""Why a table import wrote nothing: in words that fit any front end, and ``fix_with(option)`` naming a
command line's way past it (the window names its own check boxes)."""

from __future__ import annotations

from cockpit.domain.sources import TableKind
from cockpit.errors import BadInput, CockpitError
from cockpit.i18n import ntr, tr
from cockpit.services.table_matching import RowConflict

CONFLICTS_NAMED = 5  # in the refusal's message; the CLI's --json and the window list every one


class RowsWithProblems(BadInput):
    """Some rows are bad and leaving them out was not accepted; nothing was written.

    ``str()`` says so in words that fit any front end; ``fix_with(option)`` names a command line's way.
    """

    def __init__(self, *, name: str, bad: int, good: int) -> None:
        self.name, self.bad, self.good = name, bad, good
        super().__init__(
            self._head()
            + " "
            + ntr(
                "Fix the file, or accept importing the {n} good row without the others.",
                "Fix the file, or accept importing the {n} good rows without the others.",
                good,
            )
        )

    def _head(self) -> str:
        return ntr(
            "{name}: {n} row has problems; nothing was written.",
            "{name}: {n} rows have problems; nothing was written.",
            self.bad,
            name=self.name,
        )

    def fix_with(self, option: str) -> str:
        return (
            self._head()
            + " "
            + ntr(
                "Fix the file, or add {option} to import the {n} good row and leave the others out.",
                "Fix the file, or add {option} to import the {n} good rows and leave the others out.",
                self.good,
                option=option,
            )
        )


class AlreadyImported(BadInput):
    """Exactly this file was imported into the launch as this kind before; nothing was written.

    ``fix_with(option)`` adds a command line's way to import it anyway.
    """

    def __init__(
        self, *, name: str, kind: TableKind, when: str, who: str, rows: int, times: int, updated: int = 0
    ) -> None:
        self.name, self.kind, self.when, self.who, self.rows, self.times = name, kind, when, who, rows, times
        self.updated = updated
        if updated:
            written = tr("{added} added, {updated} updated", added=rows, updated=updated)
        else:
            written = ntr("{n} row written", "{n} rows written", rows)
        text = tr(
            "{name} was already imported into this launch as {kind} on {when} by {who} ({written})",
            name=name,
            kind=kind.value,
            when=when,
            who=who,
            written=written,
        )
        if times > 1:
            text += tr(", the last of {times} times", times=times)
        self.fact = text  # without the refusal: a re-import with nothing new says it too
        super().__init__(text + tr("; nothing was imported again."))

    def fix_with(self, option: str) -> str:
        return (
            str(self)
            + " "
            + tr(
                "To import it once more (its rows that match no row of the launch are added again, the "
                "others update their rows), add {option}.",
                option=option,
            )
        )


class ChangedSinceExport(CockpitError):
    """The file changes cells that the team changed too since the file was exported; nothing was written.

    Exit code 3, as any conflict: ``fix_with(option)`` names a command line's way to leave them out.
    """

    exit_code = 3

    def __init__(self, *, name: str, conflicts: tuple[RowConflict, ...], others: int) -> None:
        self.name, self.conflicts, self.others = name, conflicts, others
        super().__init__(
            self._head()
            + " "
            + tr(
                "Export again and make your changes to these rows there, or import the other rows and "
                "leave these out."
            )
        )

    def _head(self) -> str:
        listed = "; ".join(
            tr("line {line}: {reason}", line=c.line, reason=c.reason)
            for c in self.conflicts[:CONFLICTS_NAMED]
        )
        if len(self.conflicts) > CONFLICTS_NAMED:
            listed += "; " + tr("and {n} more", n=len(self.conflicts) - CONFLICTS_NAMED)
        return ntr(
            "Conflict: {name} changes {n} row that was changed in the launch since the export ({rows}). "
            "Nothing was written.",
            "Conflict: {name} changes {n} rows that were changed in the launch since the export ({rows}). "
            "Nothing was written.",
            len(self.conflicts),
            name=self.name,
            rows=listed,
        )

    def fix_with(self, option: str) -> str:
        return (
            self._head()
            + " "
            + ntr(
                "Export again and make your changes to this row there, or add {option} to import the "
                "other rows and leave it out.",
                "Export again and make your changes to these rows there, or add {option} to import the "
                "other rows and leave them out.",
                len(self.conflicts),
                option=option,
            )
        )
