"""Who is named as an owner or assignee: once a launch has people, one of them (``domain.owners``).

One check for every row that names someone responsible (a checklist item's or step's owner, an object's or
risk's owner, a ticket's assignee), so a typo never leaves a row owned by nobody the filters know.
"""

from __future__ import annotations

from typing import Any

from cockpit.domain.owners import owner_named
from cockpit.services.rules import refusals_as_bad_input, ruling_on
from cockpit.store.read import read_people
from cockpit.store.writer import Writer


def new_owner(w: Writer, owner: str) -> str:
    """The owner of a row being added: a person of the launch, or any text while it has nobody on it."""
    with refusals_as_bad_input():
        return owner_named(owner, read_people(w.conn))


def changed_owner(
    w: Writer, table: str, current: dict[str, Any], field: str, wanted: str, expect_version: int | None
) -> str:
    """The owner to write over ``current[field]``: checked only when it changes, so a row whose owner
    predates the launch's people can still be edited otherwise; a conflict comes before the refusal."""
    wanted = (wanted or "").strip()
    if wanted == (current.get(field) or ""):
        return wanted
    with ruling_on(w, table, current, expect_version):
        return owner_named(wanted, read_people(w.conn))
