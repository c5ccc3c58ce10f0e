"""One function per user edit: validate, write in one short transaction with its audit, return the row.

Each returns ``Edit(row, changes)``: the row as written (with ``id`` and new ``version``) and the
``Changes`` the panes use to decide on a refresh. Validation happens before the transaction opens,
so bad input never takes the file's write lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from cockpit.changes import Changes
from cockpit.domain.checklist import Category, ItemStage, ItemStatus, check_done_allowed, open_among
from cockpit.domain.gate import Decision
from cockpit.domain.refusal import Refusal
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import (
    Severity,
    TicketKind,
    TicketStatus,
    clock_stamps,
    escalation_after,
    opening_time,
)
from cockpit.errors import BadInput, OpenDependencies
from cockpit.i18n import tr
from cockpit.services.checklist_inputs import (
    DueInput,
    checked_dependencies,
    checked_due,
    dependency_states,
    due_stamp,
)
from cockpit.services.owners import changed_owner, new_owner
from cockpit.services.rules import (
    given_time,
    moment,
    now,
    past_or_now,
    refusals_as_bad_input,
    ruling_on,
    stamp,
)
from cockpit.services.ticket_pauses import sync_pause
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import when


@dataclass(frozen=True, slots=True)
class Edit:
    row: dict[str, Any]
    changes: Changes


E = TypeVar("E", bound=Enum)


def _choice(enum: type[E], value: str, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise BadInput(
            tr(
                "{value!r} is not a valid {what}; use one of: {allowed}.",
                value=value,
                what=what,
                allowed=allowed,
            )
        ) from None


def _scale(value: int, what: str) -> int:
    if not isinstance(value, int) or not 1 <= value <= 5:
        raise BadInput(
            tr("{what} must be a whole number from 1 to 5, not {value!r}.", what=what, value=value)
        )
    return value


def whole_number(value: int | str) -> int | None:
    """``value`` as a whole number, 0 or more (``"12000"`` as typed in a form, or an int); None when it is not
    one, for the caller to say what it should have been."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise BadInput(tr("{what} must not be empty.", what=what))
    return value


def set_checklist_status(
    lf: LaunchFile,
    *,
    actor: str,
    item_id: int,
    status: str,
    reason: str = "",
    force: bool = False,
    expect_version: int | None = None,
) -> Edit:
    """Set an item's status. ``reason``: why it is blocked (required for blocked), or why it is done while an
    item it depends on is still open (required with ``force``; without ``force`` that done is refused).

    A forced done records its reason as the summary of the change's audit row, after the open items' ids
    ("#12, #13: the vendor confirmed by phone"); the item's evidence is left as the user wrote it.
    """
    new_status = _choice(ItemStatus, status, tr("checklist status"))
    changes: dict[str, Any] = {"status": new_status.value}
    if new_status is ItemStatus.BLOCKED:
        changes["blocked_reason"] = _text(reason, tr("The reason an item is blocked"))
    else:
        changes["blocked_reason"] = ""
    summary = ""
    with lf.writing(actor) as w:
        if new_status is ItemStatus.DONE:
            current = w.row("checklist_items", item_id)
            if current["status"] != ItemStatus.DONE:
                dependencies = dependency_states(w, item_id)
                try:
                    forced_over = check_done_allowed(item_id, dependencies, force=force, reason=reason)
                except Refusal as refusal:
                    # A teammate's change since the version I saw is the news, not the rule (``ruling_on``).
                    w.check_version("checklist_items", current, expect_version, yours=changes)
                    if force:
                        raise BadInput(str(refusal)) from None
                    raise OpenDependencies(
                        str(refusal), item_id=item_id, open_items=open_among(dependencies)
                    ) from None
                if forced_over:
                    ids = ", ".join(f"#{dep_id}" for dep_id in forced_over)
                    summary = f"{ids}: {reason.strip()}"
        row = w.update("checklist_items", item_id, changes, expect_version=expect_version, summary=summary)
    return Edit(row, w.changes)


def add_ticket(
    lf: LaunchFile,
    *,
    actor: str,
    title: str,
    severity: str,
    kind: str = "incident",
    description: str = "",
    assignee: str = "",
    opened_at: datetime | str | None = None,
) -> Edit:
    """Open a ticket; ``opened_at`` is when it was reported, if earlier than now (its SLA clocks start then)."""
    with refusals_as_bad_input():
        opened = opening_time(moment(opened_at, tr("opening")), now=now())
    values = {
        "title": _text(title, tr("A ticket's title")),
        "severity": _choice(Severity, severity, tr("severity")).value,
        "kind": _choice(TicketKind, kind, tr("ticket kind")).value,
        "description": description,
        "assignee": assignee,
        "reporter": actor,
        "opened_at": stamp(opened),
    }
    with lf.writing(actor) as w:
        values["assignee"] = new_owner(w, assignee)
        row = w.insert("tickets", values)
    return Edit(row, w.changes)


def update_ticket(
    lf: LaunchFile,
    *,
    actor: str,
    ticket_id: int,
    status: str | None = None,
    severity: str | None = None,
    assignee: str | None = None,
    escalate: bool = False,
    de_escalate: bool = False,
    expect_version: int | None = None,
    at: datetime | str | None = None,
) -> Edit:
    """Change a ticket; a new status stops or restarts its SLA clocks (``domain.support.clock_stamps``), and
    a move into or out of waiting starts or ends a pause (``services/support_clocks.sync_pause``).

    ``escalate`` raises the escalation level by one, ``de_escalate`` lowers it by one. ``at``: when the
    status changed, if earlier than now (a change logged afterwards); never in the future.
    """
    if escalate and de_escalate:
        raise BadInput(tr("Escalate, or de-escalate, not both."))
    changes: dict[str, Any] = {}
    if severity is not None:
        changes["severity"] = _choice(Severity, severity, tr("severity")).value
    if assignee is not None:
        changes["assignee"] = assignee
    new_status = _choice(TicketStatus, status, tr("ticket status")) if status is not None else None
    if new_status is None and not changes and not (escalate or de_escalate):
        raise BadInput(tr("Nothing to change: give --status, --severity or --assignee."))
    with lf.writing(actor) as w:
        changed_at = past_or_now(given_time(w, at, tr("change")), tr("change"))
        current = w.row("tickets", ticket_id)
        if "assignee" in changes:
            changes["assignee"] = changed_owner(
                w, "tickets", current, "assignee", changes["assignee"], expect_version
            )
        if new_status is not None:
            changes["status"] = new_status.value
            stamps = clock_stamps(
                new_status,
                first_response_at=when(current["first_response_at"]),
                resolved_at=when(current["resolved_at"]),
                now=changed_at,
            )
            changes.update({name: stamp(value) for name, value in stamps.items()})
            sync_pause(w, current, new_status, at=changed_at)
        if escalate or de_escalate:
            with ruling_on(w, "tickets", current, expect_version):
                level = escalation_after(ticket_id, current["escalation_level"], lower=de_escalate)
            changes["escalation_level"] = level
        row = w.update("tickets", ticket_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def add_risk(
    lf: LaunchFile,
    *,
    actor: str,
    title: str,
    likelihood: int,
    impact: int,
    owner: str = "",
    mitigation: str = "",
    contingency: str = "",
    category: str = "",
    status: str = "open",
    residual_likelihood: int | None = None,
    residual_impact: int | None = None,
) -> Edit:
    values = {
        "title": _text(title, tr("A risk's title")),
        "likelihood": _scale(likelihood, tr("Likelihood")),
        "impact": _scale(impact, tr("Impact")),
        "status": _choice(RiskStatus, status, tr("risk status")).value,
        "residual_likelihood": None
        if residual_likelihood is None
        else _scale(residual_likelihood, tr("Residual likelihood")),
        "residual_impact": None
        if residual_impact is None
        else _scale(residual_impact, tr("Residual impact")),
        "owner": owner,
        "mitigation": mitigation,
        "contingency": contingency,
        "category": category,
    }
    with lf.writing(actor) as w:
        values["owner"] = new_owner(w, owner)
        row = w.insert("risks", values)
    return Edit(row, w.changes)


def update_risk(
    lf: LaunchFile,
    *,
    actor: str,
    risk_id: int,
    title: str | None = None,
    likelihood: int | None = None,
    impact: int | None = None,
    status: str | None = None,
    owner: str | None = None,
    mitigation: str | None = None,
    contingency: str | None = None,
    residual_likelihood: int | None = None,
    residual_impact: int | None = None,
    clear_residual: bool = False,
    expect_version: int | None = None,
) -> Edit:
    """``clear_residual`` forgets the residual rating (not reassessed: the inherent one counts again)."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = _text(title, tr("A risk's title"))
    if clear_residual:
        if residual_likelihood is not None or residual_impact is not None:
            raise BadInput(tr("Clear the residual rating, or set it, not both."))
        changes["residual_likelihood"] = changes["residual_impact"] = None
    for key, value, what in (
        ("likelihood", likelihood, tr("Likelihood")),
        ("impact", impact, tr("Impact")),
        ("residual_likelihood", residual_likelihood, tr("Residual likelihood")),
        ("residual_impact", residual_impact, tr("Residual impact")),
    ):
        if value is not None:
            changes[key] = _scale(value, what)
    if status is not None:
        changes["status"] = _choice(RiskStatus, status, tr("risk status")).value
    for key, text in (("owner", owner), ("mitigation", mitigation), ("contingency", contingency)):
        if text is not None:
            changes[key] = text
    if not changes:
        raise BadInput(tr("Nothing to change: give --likelihood, --impact or --status."))
    with lf.writing(actor) as w:
        if "owner" in changes:
            current = w.row("risks", risk_id)
            changes["owner"] = changed_owner(w, "risks", current, "owner", changes["owner"], expect_version)
        row = w.update("risks", risk_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def sign_off(
    lf: LaunchFile,
    *,
    actor: str,
    signoff_id: int,
    decision: str,
    comment: str = "",
    expect_version: int | None = None,
) -> Edit:
    """Record one person's go/no-go decision; a conditional go or a no-go must say why.

    Setting it back to pending clears the time of the decision.
    """
    chosen = _choice(Decision, decision, tr("decision"))
    comment = (comment or "").strip()
    if chosen in (Decision.CONDITIONAL_GO, Decision.NO_GO) and not comment:
        raise BadInput(
            tr("A conditional go or a no-go needs a comment: the conditions, or the reason to stop.")
        )
    changes = {
        "decision": chosen.value,
        "comment": comment,
        "decided_at": None if chosen is Decision.PENDING else stamp(now()),
    }
    with lf.writing(actor) as w:
        row = w.update("signoffs", signoff_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


class _Unset:
    """Marks an argument the caller did not give, where None is a meaningful value (no due date)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def add_checklist_item(
    lf: LaunchFile,
    *,
    actor: str,
    stage: str,
    category: str,
    title: str,
    owner: str = "",
    due: DueInput = None,
    is_gate: bool = False,
    evidence: str = "",
    depends_on: Sequence[int] = (),
) -> Edit:
    """Add an item. ``due``: a zoned time, ISO text, or an offset from go-live ("T-30d", ``RelativeDue``);
    ``owner``: a person of the launch by login or name (any text while the launch has no people)."""
    values: dict[str, Any] = {
        "stage": _choice(ItemStage, stage, tr("stage")).value,
        "category": _choice(Category, category, tr("category")).value,
        "title": _text(title, tr("A checklist item's title")),
        "is_gate": int(bool(is_gate)),
        "evidence": evidence or "",
    }
    wanted_due = checked_due(due)
    with lf.writing(actor) as w:
        values["owner"] = new_owner(w, owner)
        values["due"] = due_stamp(w, wanted_due)
        deps = checked_dependencies(w, None, depends_on)
        row = w.insert("checklist_items", values)
        for dep in deps:
            w.conn.execute(
                "INSERT INTO checklist_deps (item_id, depends_on_id) VALUES (?, ?)", [row["id"], dep]
            )
    return Edit({**row, "depends_on": deps}, w.changes)


def update_checklist_item(
    lf: LaunchFile,
    *,
    actor: str,
    item_id: int,
    stage: str | None = None,
    category: str | None = None,
    title: str | None = None,
    owner: str | None = None,
    due: DueInput | _Unset = UNSET,
    is_gate: bool | None = None,
    evidence: str | None = None,
    depends_on: Sequence[int] | None = None,
    any_owner: bool = False,
    expect_version: int | None = None,
) -> Edit:
    """Change the given fields (``due=None`` clears the due time); dependencies are replaced as a whole.

    ``due`` and ``owner`` take what ``add_checklist_item`` takes; an owner is checked only when it changes,
    so an item whose owner predates the launch's people can still be edited otherwise. ``any_owner`` takes
    the owner as given: Edit ▸ Undo putting back the owner the item had, whoever that was.
    """
    changes: dict[str, Any] = {}
    if stage is not None:
        changes["stage"] = _choice(ItemStage, stage, tr("stage")).value
    if category is not None:
        changes["category"] = _choice(Category, category, tr("category")).value
    if title is not None:
        changes["title"] = _text(title, tr("A checklist item's title"))
    wanted_due = UNSET if isinstance(due, _Unset) else checked_due(due)
    if is_gate is not None:
        changes["is_gate"] = int(bool(is_gate))
    if evidence is not None:
        changes["evidence"] = evidence
    with lf.writing(actor) as w:
        current = w.row("checklist_items", item_id)
        if owner is not None and any_owner:
            changes["owner"] = owner.strip()
        elif owner is not None:
            changes["owner"] = changed_owner(w, "checklist_items", current, "owner", owner, expect_version)
        if not isinstance(wanted_due, _Unset):
            changes["due"] = due_stamp(w, wanted_due)
        old_deps = [
            r[0]
            for r in w.conn.execute(
                "SELECT depends_on_id FROM checklist_deps WHERE item_id = ? ORDER BY depends_on_id", [item_id]
            )
        ]
        row = w.update("checklist_items", item_id, changes, expect_version=expect_version)
        deps = old_deps
        if depends_on is not None:
            deps = sorted(checked_dependencies(w, item_id, depends_on))
        if deps != old_deps:
            w.conn.execute("DELETE FROM checklist_deps WHERE item_id = ?", [item_id])
            w.conn.executemany(
                "INSERT INTO checklist_deps (item_id, depends_on_id) VALUES (?, ?)",
                [(item_id, d) for d in deps],
            )
            if row["version"] == current["version"]:
                # Only the links changed (no field did, so the item's version has not moved): it still moves to
                # a new version, so others see the change. Not by setting ``updated_at``: an item added in the
                # same millisecond as this write already has that time, and the update would change nothing.
                row = w.update("checklist_items", item_id, {"version": current["version"] + 1})
            w.audit("update", "checklist_items", item_id, {"depends_on": old_deps}, {"depends_on": deps})
    return Edit({**row, "depends_on": deps}, w.changes)
