"""Migration objects (移行対象) in the reconciliation ledger: add, change, record counts as they arrive,
accept a difference with a reason (想定差異: who and when are recorded), clear it again, remove.

Counts are whole numbers, 0 or more; the target count is None until the object is loaded, and may be
cleared back to None (a load started again). Validation happens before the write lock is taken; the
rules that need the row as it is (is there a difference to accept?) are the domain's, judged inside it.
"""

from __future__ import annotations

from typing import Any

from cockpit.domain.migration import MigrationObject, check_difference_acceptable
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import UNSET, Edit, _text, _Unset, whole_number
from cockpit.services.owners import changed_owner, new_owner
from cockpit.services.rules import now, ruling_on, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer

__all__ = ["UNSET", "add_object", "remove_object", "update_object"]


def _count(value: int | str, what: str) -> int:
    count = whole_number(value)
    if count is not None:
        return count
    raise BadInput(
        tr(
            "{what} must be a whole number of rows, 0 or more (e.g. 12000), not {value!r}.",
            what=what,
            value=value,
        )
    )


def _unique_name(w: Writer, name: str, object_id: int | None) -> str:
    name = _text(name, tr("A migration object's name"))
    clash = w.conn.execute(
        "SELECT id FROM migration_objects WHERE name = ? AND id IS NOT ?", [name, object_id]
    ).fetchone()
    if clash is not None:
        raise BadInput(
            tr(
                "There is already a migration object named {name!r} (#{id}); give this one another name, "
                "or update #{id} instead.",
                name=name,
                id=clash[0],
            )
        )
    return name


def _as_object(row: dict[str, Any]) -> MigrationObject:
    return MigrationObject(
        id=row["id"],
        name=row["name"],
        source_rows=row["source_rows"],
        target_rows=row["target_rows"],
        rejected_rows=row["rejected_rows"],
        tolerance_rows=row["tolerance_rows"],
        accepted_reason=row["accepted_reason"],
    )


def add_object(
    lf: LaunchFile,
    *,
    actor: str,
    name: str,
    source_rows: int | str = 0,
    tolerance_rows: int | str = 0,
    owner: str = "",
    target_rows: int | str | None = None,
    rejected_rows: int | str = 0,
) -> Edit:
    """A new object in the ledger; its target count is None (not loaded) unless given."""
    values: dict[str, Any] = {
        "source_rows": _count(source_rows, tr("The source count")),
        "tolerance_rows": _count(tolerance_rows, tr("The tolerance")),
        "rejected_rows": _count(rejected_rows, tr("The rejected count")),
        "target_rows": None if target_rows is None else _count(target_rows, tr("The target count")),
        "owner": (owner or "").strip(),
    }
    with lf.writing(actor) as w:
        values = {"name": _unique_name(w, name, None), **values, "owner": new_owner(w, values["owner"])}
        row = w.insert("migration_objects", values)
    return Edit(row, w.changes)


def update_object(
    lf: LaunchFile,
    *,
    actor: str,
    object_id: int,
    name: str | None = None,
    owner: str | None = None,
    source_rows: int | str | None = None,
    target_rows: int | str | None | _Unset = UNSET,
    rejected_rows: int | str | None = None,
    tolerance_rows: int | str | None = None,
    accept_difference: str | None = None,
    clear_difference: bool = False,
    expect_version: int | None = None,
) -> Edit:
    """Change the given fields (``target_rows=None`` clears the target count: not loaded).

    ``accept_difference`` (a reason) accepts the difference the counts leave, recording who and when;
    ``clear_difference`` forgets an accepted one. Counts given in the same call are applied first.
    """
    if accept_difference is not None and clear_difference:
        raise BadInput(tr("Accept the difference, or clear it, not both."))
    changes: dict[str, Any] = {}
    for key, value, what in (
        ("source_rows", source_rows, tr("The source count")),
        ("rejected_rows", rejected_rows, tr("The rejected count")),
        ("tolerance_rows", tolerance_rows, tr("The tolerance")),
    ):
        if value is not None:
            changes[key] = _count(value, what)
    if not isinstance(target_rows, _Unset):
        changes["target_rows"] = None if target_rows is None else _count(target_rows, tr("The target count"))
    if owner is not None:
        changes["owner"] = owner.strip()
    reason = None
    if accept_difference is not None:
        reason = _text(accept_difference, tr("The reason a difference is accepted"))
    if clear_difference:
        changes.update(accepted_reason="", accepted_by="", accepted_at=None)
    if not changes and name is None and reason is None:
        raise BadInput(
            tr(
                "Nothing to change: give --name, --owner, --source-count, --target-count, --rejected, "
                "--tolerance, --accept-difference or --clear-difference."
            )
        )
    with lf.writing(actor) as w:
        current = w.row("migration_objects", object_id)
        if "owner" in changes:
            changes["owner"] = changed_owner(
                w, "migration_objects", current, "owner", changes["owner"], expect_version
            )
        if name is not None:
            changes["name"] = _unique_name(w, name, object_id)
        if reason is not None:
            with ruling_on(w, "migration_objects", current, expect_version):
                check_difference_acceptable(_as_object({**current, **changes}))
            changes.update(accepted_reason=reason, accepted_by=actor, accepted_at=stamp(now()))
        row = w.update("migration_objects", object_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def remove_object(lf: LaunchFile, *, actor: str, object_id: int, expect_version: int | None = None) -> Edit:
    """Remove an object from the ledger (added by mistake, or not migrated after all)."""
    with lf.writing(actor) as w:
        old = w.delete("migration_objects", object_id, expect_version=expect_version)
    return Edit(old, w.changes)
