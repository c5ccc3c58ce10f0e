"""Check a launch file's record: the audit trail's hash chain, and each round's frozen evidence.

What is checked, in this order (the first mismatch is the answer):

1. The audit chain: every row's hash matches its values and the hash of the row before it, so a changed,
   removed or inserted audit row is caught (``store/chain.py``).
2. Each round's frozen document still gives its recorded SHA-256, and that hash is the one the round's
   audit row recorded when it was opened (so changing both the document and the hash is caught too).
3. Each frozen criterion row still holds what its audit row recorded when the round was opened.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from cockpit.i18n import tr
from cockpit.services.evidence import evidence_hash
from cockpit.store.chain import first_broken_link
from cockpit.store.launchfile import LaunchFile
from cockpit.words.rows import row_noun

# The columns of a frozen row that must equal what its insert's audit row recorded.
_FROZEN_COLUMNS = {
    "decision_rounds": ("number", "held_at", "chair", "attendees", "evidence_sha256"),
    "round_criteria": ("round_id", "criterion_id", "kind", "params", "ok", "detail"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """The first thing that does not match: which row, and what is wrong with it, in words."""

    table: str
    row_id: int | None
    problem: str


@dataclass(frozen=True, slots=True)
class Verification:
    audit_rows: int
    rounds: int
    finding: Finding | None

    @property
    def ok(self) -> bool:
        return self.finding is None


def verify_launch(lf: LaunchFile) -> Verification:
    with lf.reading() as conn:
        audit_rows = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
        rounds = conn.execute("SELECT COUNT(*) FROM decision_rounds").fetchone()[0]
        finding = _chain_finding(conn) or _evidence_finding(conn) or _frozen_rows_finding(conn)
    return Verification(audit_rows=audit_rows, rounds=rounds, finding=finding)


def _chain_finding(conn: sqlite3.Connection) -> Finding | None:
    broken = first_broken_link(conn)
    if broken is None:
        return None
    what = row_noun(broken.table_name, broken.row_id) if broken.row_id is not None else broken.table_name
    if broken.altered:
        problem = tr(
            "audit row #{id} (a change to {what}) was altered after it was written: its values no longer "
            "give its hash",
            id=broken.audit_id,
            what=what,
        )
    else:
        problem = tr(
            "audit row #{id} (a change to {what}) does not follow the row before it: a row before it was "
            "removed, inserted or altered",
            id=broken.audit_id,
            what=what,
        )
    return Finding("audit", broken.audit_id, problem)


def _evidence_finding(conn: sqlite3.Connection) -> Finding | None:
    for row in conn.execute(
        "SELECT id, number, evidence, evidence_sha256 FROM decision_rounds ORDER BY number"
    ):
        if evidence_hash(row["evidence"]) != row["evidence_sha256"]:
            return Finding(
                "decision_rounds",
                row["id"],
                tr(
                    "round {number}'s frozen evidence no longer gives its SHA-256 {sha256}",
                    number=row["number"],
                    sha256=row["evidence_sha256"],
                ),
            )
    return None


def _recorded(conn: sqlite3.Connection, table: str) -> dict[int, dict[str, object]]:
    """What the audit trail recorded of each row of ``table`` when it was inserted, by row id."""
    return {
        row["row_id"]: json.loads(row["new"])
        for row in conn.execute(
            "SELECT row_id, new FROM audit WHERE table_name = ? AND action = 'insert' ORDER BY id", [table]
        )
    }


def _frozen_rows_finding(conn: sqlite3.Connection) -> Finding | None:
    for table, columns in _FROZEN_COLUMNS.items():
        recorded = _recorded(conn, table)
        for row in conn.execute(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id"):
            written = recorded.get(row["id"])
            differing = [c for c in columns if written is None or written.get(c) != row[c]]
            if differing:
                return Finding(
                    table,
                    row["id"],
                    tr(
                        "{row} does not hold what was frozen when its round opened ({fields})",
                        row=row_noun(table, row["id"]),
                        fields=", ".join(differing),
                    ),
                )
    return None
