"""What a checklist edit is given, made into what the launch file keeps.

A due time (an ISO 8601 time, or one relative to go-live such as "T-30d"), an owner (a person of the
launch, once it has people), dependencies (existing items, never a loop back), and the states of an item's
dependencies for the rule on marking it done. Read inside the edit's write transaction, so the launch's
go-live, its people and its items are the ones the write goes with.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from cockpit.domain.checklist import ItemStatus
from cockpit.domain.relative_due import (
    RelativeDue,
    due_from,
    looks_relative,
    not_a_due_time,
    parse_relative_due,
)
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.rules import in_launch_zone, moment, refusals_as_bad_input
from cockpit.store.read import read_launch_row
from cockpit.store.writer import Writer

DueInput = datetime | str | RelativeDue | None


def checked_due(value: DueInput) -> datetime | RelativeDue | None:
    """The due as given, checked before any write: an offset from go-live, a zoned time, or none.

    Text starting with T is an offset ("T-30d"); other text an ISO 8601 time, read in the launch's zone
    when it has no offset.
    """
    if isinstance(value, RelativeDue):
        return value
    if isinstance(value, str) and looks_relative(value):
        with refusals_as_bad_input():
            return parse_relative_due(value)
    if isinstance(value, str) and value.strip():
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise BadInput(str(not_a_due_time(value))) from None
    return moment(value, tr("due"), local=True)


def due_stamp(w: Writer, due: datetime | RelativeDue | None) -> str | None:
    """The due as the file keeps it; an offset is worked out from the launch's go-live in its zone."""
    if isinstance(due, RelativeDue):
        launch, _ = read_launch_row(w.conn)
        due = due_from(due, launch.go_live, zone=launch.zone)
    return None if due is None else in_launch_zone(w, due).isoformat()


def checked_dependencies(w: Writer, item_id: int | None, depends_on: Iterable[int | str]) -> list[int]:
    """Existing items only, never the item itself, and no loop back to it through other items."""
    wanted = list(dict.fromkeys(int(d) for d in depends_on))
    if item_id is not None and item_id in wanted:
        raise BadInput(tr("An item cannot depend on itself."))
    for dep in wanted:
        w.row("checklist_items", dep)  # raises NotFound for an unknown id
    if item_id is None:
        return wanted
    edges: dict[int, list[int]] = {}
    for row in w.conn.execute("SELECT item_id, depends_on_id FROM checklist_deps"):
        edges.setdefault(row[0], []).append(row[1])
    edges[item_id] = wanted
    stack, seen = list(wanted), set()
    while stack:
        current = stack.pop()
        if current == item_id:
            raise BadInput(
                tr("Item #{id} would end up depending on itself through its dependencies.", id=item_id)
            )
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, ()))
    return wanted


def dependency_states(w: Writer, item_id: int) -> dict[int, tuple[str, ItemStatus]]:
    """The items ``item_id`` depends on: id → (title, status)."""
    return {
        row[0]: (row[1], ItemStatus(row[2]))
        for row in w.conn.execute(
            "SELECT i.id, i.title, i.status FROM checklist_deps d JOIN checklist_items i ON i.id = d.depends_on_id "
            "WHERE d.item_id = ?",
            [item_id],
        )
    }
