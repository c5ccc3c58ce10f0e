"""Read the decision rounds, with their frozen criteria, verdicts and conditions, and a round's frozen evidence."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cockpit.domain.rounds import (
    Condition,
    DecisionRound,
    FrozenCriterion,
    RoundDecision,
    RoundVerdict,
    Verdict,
)

# The tables a round is made of: a change to any of them makes the rounds be read again (they are few).
ROUND_TABLES = frozenset({"decision_rounds", "round_criteria", "round_verdicts", "round_conditions"})


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _by_round(rows: list[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.round_id].append(row)
    return grouped


def read_rounds(conn: sqlite3.Connection) -> tuple[DecisionRound, ...]:
    """Every round, oldest first."""
    criteria: dict[int, list[FrozenCriterion]] = defaultdict(list)
    for r in conn.execute("SELECT * FROM round_criteria ORDER BY id"):
        criteria[r["round_id"]].append(
            FrozenCriterion(
                criterion_id=r["criterion_id"],
                kind=r["kind"],
                params=json.loads(r["params"]),
                ok=bool(r["ok"]),
                detail=r["detail"],
            )
        )
    verdicts = _by_round(
        [
            RoundVerdict(
                id=r["id"],
                round_id=r["round_id"],
                person=r["person"],
                role=r["role"],
                verdict=Verdict(r["verdict"]),
                comment=r["comment"],
                signed_at=datetime.fromisoformat(r["signed_at"]),
                version=r["version"],
            )
            for r in conn.execute("SELECT * FROM round_verdicts ORDER BY id")
        ]
    )
    conditions = _by_round(
        [condition_of(r) for r in conn.execute("SELECT * FROM round_conditions ORDER BY id")]
    )
    return tuple(
        DecisionRound(
            id=r["id"],
            number=r["number"],
            title=r["title"],
            held_at=datetime.fromisoformat(r["held_at"]),
            chair=r["chair"],
            attendees=tuple(json.loads(r["attendees"])),
            evidence_sha256=r["evidence_sha256"],
            criteria=tuple(criteria.get(r["id"], ())),
            verdicts=tuple(verdicts.get(r["id"], ())),
            conditions=tuple(conditions.get(r["id"], ())),
            decision=RoundDecision(r["decision"]) if r["decision"] else None,
            decision_comment=r["decision_comment"],
            decided_by=r["decided_by"],
            decided_at=_when(r["decided_at"]),
            version=r["version"],
        )
        for r in conn.execute(
            "SELECT id, number, title, held_at, chair, attendees, evidence_sha256, decision, decision_comment,"
            " decided_by, decided_at, version FROM decision_rounds ORDER BY number"
        )
    )


def condition_of(r: Mapping[str, Any]) -> Condition:
    return Condition(
        id=r["id"],
        round_id=r["round_id"],
        text=r["text"],
        owner=r["owner"],
        due=_when(r["due"]),
        verdict_id=r["verdict_id"],
        met_by=r["met_by"],
        met_at=_when(r["met_at"]),
        evidence=r["evidence"],
        version=r["version"],
    )


def read_evidence(conn: sqlite3.Connection, round_id: int) -> tuple[str, str]:
    """A round's frozen ``status`` document (canonical JSON, as stored) and its recorded SHA-256."""
    row = conn.execute(
        "SELECT evidence, evidence_sha256 FROM decision_rounds WHERE id = ?", [round_id]
    ).fetchone()
    return (row[0], row[1]) if row else ("", "")
