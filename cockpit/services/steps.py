"""Runbook steps as the team plans them: add, change (every field, dependencies too) and remove.

The moves of a step on the day (start, finish, fail, retry, skip…) are ``services.runbook.step_action``.
Dependencies are checked in the write transaction, against the links as they are in the file: an unknown
step is refused, and so is a link that would make a step wait for itself (the loop is named).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from cockpit.domain.migration import StepKind
from cockpit.domain.runbook import check_dependencies, check_step_removable
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.edits import Edit, _choice, _text, whole_number
from cockpit.services.owners import changed_owner, new_owner
from cockpit.services.rules import in_launch_zone, moment, refusals_as_bad_input, ruling_on
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer


def _minutes(value: int | str) -> int:
    minutes = whole_number(value)
    if minutes is not None:
        return minutes
    raise BadInput(
        tr(
            "Planned minutes must be a whole number of minutes, 0 or more (e.g. 30), not {value!r}.",
            value=value,
        )
    )


def _planned_start(value: datetime | str) -> datetime:
    """Checked before the write; a time without an offset is read in the launch's zone inside it."""
    planned = moment(value, tr("planned start"), local=True)
    if planned is None:
        raise BadInput(tr("A step needs a planned start, e.g. 2026-12-01T22:00 or 2026-12-01T22:00+09:00."))
    return planned


def _links(w: Writer) -> dict[int, list[int]]:
    links: dict[int, list[int]] = {}
    for step_id, depends_on in w.conn.execute("SELECT step_id, depends_on_id FROM step_deps"):
        links.setdefault(step_id, []).append(depends_on)
    return links


def _checked_dependencies(w: Writer, step_id: int | None, depends_on: Iterable[int | str]) -> list[int]:
    """Existing steps only, and no loop back to ``step_id`` through them (``Refusal`` → ``BadInput``)."""
    wanted = sorted(dict.fromkeys(int(d) for d in depends_on))
    known = {r[0] for r in w.conn.execute("SELECT id FROM runbook_steps")}
    unknown = [d for d in wanted if d not in known]
    if unknown:
        raise BadInput(
            tr(
                "There is no runbook step {ids}; depend on existing steps only (cockpit step list FILE).",
                ids=", ".join(f"#{d}" for d in unknown),
            )
        )
    with refusals_as_bad_input():
        check_dependencies(step_id, wanted, _links(w))
    return wanted


def _dependencies_of(w: Writer, step_id: int) -> list[int]:
    return [
        r[0]
        for r in w.conn.execute(
            "SELECT depends_on_id FROM step_deps WHERE step_id = ? ORDER BY depends_on_id", [step_id]
        )
    ]


def _write_links(w: Writer, step_id: int, deps: Sequence[int]) -> None:
    w.conn.execute("DELETE FROM step_deps WHERE step_id = ?", [step_id])
    w.conn.executemany(
        "INSERT INTO step_deps (step_id, depends_on_id) VALUES (?, ?)", [(step_id, d) for d in deps]
    )


def add_step(
    lf: LaunchFile,
    *,
    actor: str,
    title: str,
    kind: str,
    planned_start: datetime | str,
    planned_minutes: int | str,
    owner: str = "",
    depends_on: Sequence[int] = (),
    seq: int | None = None,
    rollback_point: bool | None = None,
    rollback_path: bool = False,
) -> Edit:
    """A new pending step, last in the runbook unless ``seq`` places it (when a step has that number, it and
    the steps after it move one down); ``Edit.row`` carries its ``depends_on``. A step of the rollback-point
    kind is a rollback point unless ``rollback_point`` says otherwise."""
    values: dict[str, Any] = {
        "title": _text(title, tr("A step's title")),
        "kind": _choice(StepKind, kind, tr("step kind")).value,
        "owner": (owner or "").strip(),
        "planned_start": _planned_start(planned_start),
        "planned_minutes": _minutes(planned_minutes),
    }
    if rollback_point is None:
        rollback_point = values["kind"] == StepKind.ROLLBACK_POINT.value
    # Only a flagged step writes the flags: a file's rows stay as before for a runbook without them.
    if rollback_point:
        values["rollback_point"] = 1
    if rollback_path:
        values["rollback_path"] = 1
    if seq is not None and (isinstance(seq, bool) or not isinstance(seq, int) or seq < 1):
        raise BadInput(tr("A step's number (seq) must be 1 or more, not {value!r}.", value=seq))
    with lf.writing(actor) as w:
        values["owner"] = new_owner(w, values["owner"])
        deps = _checked_dependencies(w, None, depends_on)
        last = w.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM runbook_steps").fetchone()[0]
        taken = (
            seq is not None and w.conn.execute("SELECT 1 FROM runbook_steps WHERE seq = ?", [seq]).fetchone()
        )
        values["seq"] = last + 1 if seq is None else seq
        values["planned_start"] = in_launch_zone(w, values["planned_start"]).isoformat()
        if taken:  # the steps from there on move one down; a free number (a removed step's) moves none
            for (later,) in w.conn.execute(
                "SELECT id FROM runbook_steps WHERE seq >= ? ORDER BY seq DESC, id DESC", [seq]
            ).fetchall():
                moved = w.row("runbook_steps", later)
                w.update("runbook_steps", later, {"seq": moved["seq"] + 1})
        row = w.insert("runbook_steps", values)
        _write_links(w, row["id"], deps)
    return Edit({**row, "depends_on": deps}, w.changes)


def update_step(
    lf: LaunchFile,
    *,
    actor: str,
    step_id: int,
    title: str | None = None,
    kind: str | None = None,
    owner: str | None = None,
    planned_start: datetime | str | None = None,
    planned_minutes: int | str | None = None,
    depends_on: Sequence[int] | None = None,
    expect_version: int | None = None,
    rollback_point: bool | None = None,
    rollback_path: bool | None = None,
) -> Edit:
    """Change the given fields; ``depends_on`` replaces the step's dependencies as a whole (``[]``: none)."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = _text(title, tr("A step's title"))
    if kind is not None:
        changes["kind"] = _choice(StepKind, kind, tr("step kind")).value
    if owner is not None:
        changes["owner"] = owner.strip()
    if planned_start is not None:
        changes["planned_start"] = _planned_start(planned_start)
    if planned_minutes is not None:
        changes["planned_minutes"] = _minutes(planned_minutes)
    if rollback_point is not None:
        changes["rollback_point"] = int(rollback_point)
    if rollback_path is not None:
        changes["rollback_path"] = int(rollback_path)
    if not changes and depends_on is None:
        raise BadInput(
            tr(
                "Nothing to change: give --title, --kind, --owner, --planned-start, --planned-minutes, "
                "--depends-on, --no-dependencies, --rollback-point or --rollback-path."
            )
        )
    with lf.writing(actor) as w:
        if "planned_start" in changes:
            changes["planned_start"] = in_launch_zone(w, changes["planned_start"]).isoformat()
        current = w.row("runbook_steps", step_id)
        if "owner" in changes:
            changes["owner"] = changed_owner(
                w, "runbook_steps", current, "owner", changes["owner"], expect_version
            )
        old_deps = _dependencies_of(w, step_id)
        deps = old_deps
        if depends_on is not None:
            w.check_version("runbook_steps", current, expect_version, yours={"depends_on": list(depends_on)})
            deps = _checked_dependencies(w, step_id, depends_on)
        row = w.update("runbook_steps", step_id, changes, expect_version=expect_version)
        if deps != old_deps:
            _write_links(w, step_id, deps)
            if row["version"] == current["version"]:
                # Only the links changed: the step still moves to a new version, so others see the change (by
                # the version itself: a step added in this same millisecond already has ``updated_at = w.at``).
                row = w.update("runbook_steps", step_id, {"version": current["version"] + 1})
            w.audit("update", "runbook_steps", step_id, {"depends_on": old_deps}, {"depends_on": deps})
    return Edit({**row, "depends_on": deps}, w.changes)


def remove_step(lf: LaunchFile, *, actor: str, step_id: int, expect_version: int | None = None) -> Edit:
    """Remove a step no other step depends on; ``Edit.row`` carries its ``depends_on`` (to add it again).

    Its earlier attempts go with it; the audit keeps the whole row as it was.
    """
    with lf.writing(actor) as w:
        current = w.row("runbook_steps", step_id)
        dependents = {
            r[0]: r[1]
            for r in w.conn.execute(
                "SELECT s.id, s.title FROM step_deps d JOIN runbook_steps s ON s.id = d.step_id "
                "WHERE d.depends_on_id = ?",
                [step_id],
            )
        }
        with ruling_on(w, "runbook_steps", current, expect_version, action="delete"):
            check_step_removable(step_id, dependents)
        depends_on = _dependencies_of(w, step_id)
        old = w.delete("runbook_steps", step_id, expect_version=expect_version)  # its links go with it
    return Edit({**old, "depends_on": depends_on}, w.changes)
