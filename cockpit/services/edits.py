"""One function per user edit: validate, write in one short transaction with its audit, return the row.

Each returns ``Edit(row, changes)``: the row as written (with ``id`` and new ``version``) and the
``Changes`` the panes use to decide on a refresh. Validation happens before the transaction opens,
so bad input never takes the file's write lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from typing import Any, TypeVar

from cockpit.changes import Changes
from cockpit.domain.checklist import Category, ItemStage, ItemStatus
from cockpit.domain.gate import Decision
from cockpit.domain.migration import StepStatus
from cockpit.domain.risks import RiskStatus
from cockpit.domain.support import OPEN_STATUSES, Severity, TicketKind, TicketStatus
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.store.launchfile import LaunchFile
from cockpit.store.writer import Writer


@dataclass(frozen=True, slots=True)
class Edit:
    row: dict[str, Any]
    changes: Changes


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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
    expect_version: int | None = None,
) -> Edit:
    new_status = _choice(ItemStatus, status, tr("checklist status"))
    changes: dict[str, Any] = {"status": new_status.value}
    if new_status is ItemStatus.BLOCKED:
        changes["blocked_reason"] = _text(reason, tr("The reason an item is blocked"))
    else:
        changes["blocked_reason"] = ""
    with lf.writing(actor) as w:
        row = w.update("checklist_items", item_id, changes, expect_version=expect_version)
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
) -> Edit:
    values = {
        "title": _text(title, tr("A ticket's title")),
        "severity": _choice(Severity, severity, tr("severity")).value,
        "kind": _choice(TicketKind, kind, tr("ticket kind")).value,
        "description": description,
        "assignee": assignee,
        "reporter": actor,
        "opened_at": _now(),
    }
    with lf.writing(actor) as w:
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
    escalation_level: int | None = None,
    expect_version: int | None = None,
) -> Edit:
    """``escalation_level`` sets the level outright (undoing an escalation); ``escalate`` raises it by one."""
    changes: dict[str, Any] = {}
    if escalation_level is not None:
        if escalate:
            raise BadInput(tr("Escalate, or set the escalation level, not both."))
        if escalation_level < 0:
            raise BadInput(
                tr("The escalation level cannot be negative (got {level}).", level=escalation_level)
            )
        changes["escalation_level"] = escalation_level
    if severity is not None:
        changes["severity"] = _choice(Severity, severity, tr("severity")).value
    if assignee is not None:
        changes["assignee"] = assignee
    new_status = _choice(TicketStatus, status, tr("ticket status")) if status is not None else None
    if new_status is None and not changes and not escalate:
        raise BadInput(tr("Nothing to change: give --status, --severity or --assignee."))
    with lf.writing(actor) as w:
        current = w.row("tickets", ticket_id)
        if new_status is not None:
            changes["status"] = new_status.value
            changes.update(_ticket_clock_stamps(current, new_status))
        if escalate:
            changes["escalation_level"] = current["escalation_level"] + 1
        row = w.update("tickets", ticket_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def _ticket_clock_stamps(current: dict[str, Any], status: TicketStatus) -> dict[str, Any]:
    """Stop the SLA clocks the moment a ticket is answered or resolved; restart them on reopen."""
    stamps: dict[str, Any] = {}
    now = _now()
    if status is not TicketStatus.NEW and not current["first_response_at"]:
        stamps["first_response_at"] = now
    if status in OPEN_STATUSES:
        if current["resolved_at"]:
            stamps["resolved_at"] = None
    elif not current["resolved_at"]:
        stamps["resolved_at"] = now
    return stamps


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
        row = w.update("risks", risk_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


def start_step(lf: LaunchFile, *, actor: str, step_id: int, expect_version: int | None = None) -> Edit:
    with lf.writing(actor) as w:
        step = w.row("runbook_steps", step_id)
        if step["status"] != StepStatus.PENDING:
            raise BadInput(
                tr(
                    "Step #{id} is {status}; only a pending step can be started.",
                    id=step_id,
                    status=step["status"],
                )
            )
        waiting = w.conn.execute(
            "SELECT s.id, s.title FROM step_deps d JOIN runbook_steps s ON s.id = d.depends_on_id "
            "WHERE d.step_id = ? AND s.status NOT IN ('done', 'skipped') ORDER BY s.seq",
            [step_id],
        ).fetchall()
        if waiting:
            names = ", ".join(f"#{r['id']} {r['title']}" for r in waiting)
            raise BadInput(tr("Step #{id} waits for steps not yet done: {names}.", id=step_id, names=names))
        row = w.update(
            "runbook_steps",
            step_id,
            {"status": StepStatus.RUNNING.value, "actual_start": _now()},
            expect_version=expect_version,
        )
    return Edit(row, w.changes)


def finish_step(
    lf: LaunchFile, *, actor: str, step_id: int, failed: bool = False, expect_version: int | None = None
) -> Edit:
    with lf.writing(actor) as w:
        step = w.row("runbook_steps", step_id)
        if step["status"] != StepStatus.RUNNING:
            raise BadInput(
                tr(
                    "Step #{id} is {status}; only a running step can be finished.",
                    id=step_id,
                    status=step["status"],
                )
            )
        status = StepStatus.FAILED if failed else StepStatus.DONE
        row = w.update(
            "runbook_steps",
            step_id,
            {"status": status.value, "actual_end": _now()},
            expect_version=expect_version,
        )
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
        "decided_at": None if chosen is Decision.PENDING else _now(),
    }
    with lf.writing(actor) as w:
        row = w.update("signoffs", signoff_id, changes, expect_version=expect_version)
    return Edit(row, w.changes)


class _Unset:
    """Marks an argument the caller did not give, where None is a meaningful value (no due date)."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def _due(value: datetime | str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise BadInput(tr("{value!r} is not an ISO 8601 time.", value=value)) from None
    if value.tzinfo is None:
        raise BadInput(tr("A due time needs a time zone, e.g. 2026-12-01T09:00+09:00."))
    return value.isoformat()


def _checked_dependencies(w: Writer, item_id: int | None, depends_on: Iterable[int | str]) -> list[int]:
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


def add_checklist_item(
    lf: LaunchFile,
    *,
    actor: str,
    stage: str,
    category: str,
    title: str,
    owner: str = "",
    due: datetime | str | None = None,
    is_gate: bool = False,
    evidence: str = "",
    depends_on: Sequence[int] = (),
) -> Edit:
    values = {
        "stage": _choice(ItemStage, stage, tr("stage")).value,
        "category": _choice(Category, category, tr("category")).value,
        "title": _text(title, tr("A checklist item's title")),
        "owner": (owner or "").strip(),
        "due": _due(due),
        "is_gate": int(bool(is_gate)),
        "evidence": evidence or "",
    }
    with lf.writing(actor) as w:
        deps = _checked_dependencies(w, None, depends_on)
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
    due: datetime | str | None | _Unset = UNSET,
    is_gate: bool | None = None,
    evidence: str | None = None,
    depends_on: Sequence[int] | None = None,
    expect_version: int | None = None,
) -> Edit:
    """Change the given fields (``due=None`` clears the due time); dependencies are replaced as a whole."""
    changes: dict[str, Any] = {}
    if stage is not None:
        changes["stage"] = _choice(ItemStage, stage, tr("stage")).value
    if category is not None:
        changes["category"] = _choice(Category, category, tr("category")).value
    if title is not None:
        changes["title"] = _text(title, tr("A checklist item's title"))
    if owner is not None:
        changes["owner"] = owner.strip()
    if not isinstance(due, _Unset):
        changes["due"] = _due(due)
    if is_gate is not None:
        changes["is_gate"] = int(bool(is_gate))
    if evidence is not None:
        changes["evidence"] = evidence
    with lf.writing(actor) as w:
        old_deps = [
            r[0]
            for r in w.conn.execute(
                "SELECT depends_on_id FROM checklist_deps WHERE item_id = ? ORDER BY depends_on_id", [item_id]
            )
        ]
        row = w.update("checklist_items", item_id, changes, expect_version=expect_version)
        deps = old_deps
        if depends_on is not None:
            deps = sorted(_checked_dependencies(w, item_id, depends_on))
        if deps != old_deps:
            w.conn.execute("DELETE FROM checklist_deps WHERE item_id = ?", [item_id])
            w.conn.executemany(
                "INSERT INTO checklist_deps (item_id, depends_on_id) VALUES (?, ?)",
                [(item_id, d) for d in deps],
            )
            if (
                row["version"] == w.row("checklist_items", item_id)["version"]
                and row.get("updated_at") != w.at
            ):
                # Only the links changed: the item still moves to a new version, so others see the change.
                row = w.update("checklist_items", item_id, {"updated_at": w.at})
            w.audit("update", "checklist_items", item_id, {"depends_on": old_deps}, {"depends_on": deps})
    return Edit({**row, "depends_on": deps}, w.changes)
