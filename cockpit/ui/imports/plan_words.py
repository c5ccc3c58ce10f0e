"""What the table import dialog says about an import's plan: each row's check, the summary, the result.

The plan (``services.table_matching.ImportPlan``) says which rows are new, which update a row of the launch,
which leave one unchanged and which were changed in the launch since the export; these are its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from cockpit.i18n import ntr  # a sentence with a count: the catalog's plural forms
from cockpit.importers.columns import DEPENDS_ON, field_label
from cockpit.services.import_table import ImportTableOutcome, TablePreview
from cockpit.ui.widgets.theme import OK_SYMBOL
from cockpit.words.labels import table_kind_label

UPDATE_SYMBOL = "✎"  # the row updates a row of the launch
UNCHANGED_SYMBOL = "="  # the launch's row already says what the row says
CONFLICT_SYMBOL = "⚠"  # the launch's row was changed since the export, in the cells the row changes


def _t(text: str) -> str:
    return QCoreApplication.translate("TableImportDialog", text)


class Look(Enum):
    PLAIN = "plain"
    PROBLEM = "problem"  # red
    QUIET = "quiet"  # grey: nothing happens to the row


@dataclass(frozen=True, slots=True)
class RowCheck:
    text: str
    tooltip: str = ""
    look: Look = Look.PLAIN


def row_check(preview: TablePreview, line: int) -> RowCheck:
    """What the import does with a good row: adds it, updates a launch row, leaves one, or not (a conflict)."""
    plan = preview.plan
    if plan is None or not plan.matched:
        return RowCheck(OK_SYMBOL + " " + _t("ok"))
    conflict = next((c for c in plan.conflicts if c.line == line), None)
    if conflict is not None:
        return RowCheck(CONFLICT_SYMBOL + " " + _t("changed since the export"), conflict.reason, Look.PROBLEM)
    update = next((u for u in plan.updates if u.line == line), None)
    if update is not None:
        fields = [*update.changes, *([DEPENDS_ON] if update.depends_on is not None else [])]
        return RowCheck(
            UPDATE_SYMBOL + " " + _t("updates #{id}").format(id=update.row_id),
            _t("Changes {fields} of #{id} {name}").format(
                fields=", ".join(field_label(preview.kind, f) for f in fields),
                id=update.row_id,
                name=update.name,
            ),
        )
    if line in plan.matched:
        return RowCheck(
            UNCHANGED_SYMBOL + " " + _t("unchanged #{id}").format(id=plan.matched[line]),
            _t("The launch's row already says what this row says."),
            Look.QUIET,
        )
    return RowCheck(OK_SYMBOL + " " + _t("new"))


def summary_text(preview: TablePreview, *, listed: int) -> str:
    """ "12 rows: 1 new, 2 update rows of the launch, 9 unchanged, 0 with problems." and what follows from it;
    ``listed``: how many problems the dialog lists at most."""
    plan = preview.plan
    bad = len(preview.problems)
    conflicts = len(plan.conflicts) if plan is not None else 0
    if plan is None or not plan.matched:
        good = len(preview.good) - (len(plan.bad) if plan is not None else 0)
        text = _t("{total} rows: {good} good, {bad} with problems.").format(
            total=preview.total, good=good, bad=bad
        )
    else:
        text = _t(
            "{total} rows: {new} to add, {updated} to update, {unchanged} unchanged, {bad} with problems."
        ).format(
            total=preview.total,
            new=len(plan.new),
            updated=len(plan.updates),
            unchanged=len(plan.unchanged),
            bad=bad,
        )
        if conflicts:
            text += " " + ntr(
                "{n} row was changed in the launch since the export, in the cells the file changes: it is "
                "not overwritten.",
                "{n} rows were changed in the launch since the export, in the cells the file changes: they "
                "are not overwritten.",
                conflicts,
            )
        if not plan.writes and not bad and not conflicts:
            text += " " + _t("Nothing in this file is new.")
    if bad + conflicts > listed:
        text += " " + _t("The first {shown} problems are listed.").format(shown=listed)
    return text


def leave_out_text(*, bad: int, conflicts: int) -> str:
    if conflicts:
        return ntr(
            "Leave out the {n} row with problems or changed since the export and import the others",
            "Leave out the {n} rows with problems or changed since the export and import the others",
            bad + conflicts,
        )
    return _t("Leave out the {bad} rows with problems and import the others").format(bad=bad)


def result_text(outcome: ImportTableOutcome) -> str:
    """What the import did: the counts, and what it left out or why it wrote nothing."""
    kind = table_kind_label(outcome.kind)
    if outcome.updated or outcome.unchanged:
        message = _t("{kind}: {counts}.").format(kind=kind, counts=outcome.counts)
    else:
        message = _t("{kind}: {n} rows imported into the launch file.").format(n=outcome.imported, kind=kind)
    if outcome.left_out:
        message += " " + _t("{left} rows with problems were left out.").format(left=outcome.left_out)
    if outcome.conflicts:
        message += " " + ntr(
            "{n} row changed in the launch since the export was left out, as the launch has it.",
            "{n} rows changed in the launch since the export were left out, as the launch has them.",
            len(outcome.conflicts),
        )
    if outcome.imported_before:
        message += " " + _t("Nothing was written: {earlier}.").format(earlier=outcome.imported_before)
    for note in outcome.notes:  # what an import cut off earlier had left, removed first
        message += " " + note
    return message
