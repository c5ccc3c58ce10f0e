"""The go/no-go meetings (移行判定会議) before the cutover, in the rows ``services/rounds.py`` writes.

Round 1, between the rehearsals, ended in a conditional go: the business owner's two conditions, one met
since, one still open. The final word is the roster's (two leads said go, two have not yet), so no round
is open: a sign-off on the Overview stays the roster's answer, which undo can take back. A round's
evidence is what ``cockpit status --json`` said at its meeting, frozen with its SHA-256 and a row per
criterion, written one by one so that ``cockpit verify`` finds each in the audit trail.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from cockpit.domain.rounds import RoundDecision, Verdict
from cockpit.services.demo.catalog import SIGNOFF_ROLES
from cockpit.services.demo.context import JST, Demo, iso
from cockpit.services.demo.rehearsals import REHEARSALS
from cockpit.services.rounds import freeze_round
from cockpit.services.status import build_status
from cockpit.store.read import read_launch
from cockpit.store.read_rounds import read_rounds
from cockpit.store.writer import Writer

ROUND_1_DAYS_BEFORE = 12  # between the two rehearsals


def _open_round(w: Writer, demo: Demo, number: int, held: datetime, attendees: list[str]) -> int:
    """Freeze the evidence of ``held`` as opening a round does; the round's id."""
    status = build_status(replace(read_launch(w.conn), rounds=read_rounds(w.conn)), now=held)
    row = freeze_round(
        w,
        number=number,
        title=demo.text["lifecycle"]["round_1_title"],
        held_at=iso(held),
        chair=demo.by_role["launch_lead"],
        attendees=attendees,
        status=status,
        summary="demo: go/no-go meeting",
    )
    return int(row["id"])


def _signers(demo: Demo) -> list[tuple[str, str, str]]:
    """(role key, person, role as the roster words it) of everyone on the sign-off roster."""
    return [(role, demo.by_role[role], demo.text["roles"][role]) for role in SIGNOFF_ROLES]


def write_rounds(w: Writer, demo: Demo) -> None:
    words = demo.text["lifecycle"]
    attendees = [demo.by_role[r] for r in ("launch_lead", "pmo", "migration_lead", "qa_lead")]
    attendees += [person for _, person, _ in _signers(demo) if person not in attendees]

    meeting_day = (demo.runbook_start - timedelta(days=ROUND_1_DAYS_BEFORE)).astimezone(JST)
    held_1 = meeting_day.replace(hour=14, minute=0, second=0, microsecond=0)  # an afternoon meeting
    round_1 = _open_round(w, demo, 1, held_1, attendees)
    verdicts: list[dict[str, Any]] = []
    for order, (role, person, role_words) in enumerate(_signers(demo)):
        verdict = Verdict.CONDITIONAL_GO if role == "business_owner" else Verdict.GO
        verdicts.append(
            {
                "id": order + 1,
                "round_id": round_1,
                "person": person,
                "role": role_words,
                "verdict": verdict.value,
                "comment": words["round_1_comments"][role],
                "signed_at": iso(held_1 + timedelta(minutes=40 + 3 * order)),
            }
        )
    conditional = next(v for v in verdicts if v["verdict"] == Verdict.CONDITIONAL_GO.value)
    rehearsal_2 = demo.runbook_start - timedelta(days=REHEARSALS[1][0])
    met_at = rehearsal_2 + timedelta(days=1, hours=2)
    conditions = [
        {
            "round_id": round_1,
            "verdict_id": conditional["id"],
            "text": words["conditions"][0],
            "owner": demo.by_role["migration_lead"],
            "due": iso(rehearsal_2 + timedelta(days=2)),
            "met_by": demo.by_role["migration_lead"],
            "met_at": iso(met_at),
            "evidence": words["condition_evidence"],
        },
        {
            "round_id": round_1,
            "verdict_id": conditional["id"],
            "text": words["conditions"][1],
            "owner": demo.by_role["business_owner"],
            "due": iso(demo.go_live - timedelta(hours=1)),  # before go-live: still open, not yet late
            "met_by": "",
            "met_at": None,
            "evidence": "",
        },
    ]
    decided_1 = held_1 + timedelta(minutes=55)
    w.update(
        "decision_rounds",
        round_1,
        {
            "decision": RoundDecision.CONDITIONAL_GO.value,
            "decision_comment": words["round_1_decision"],
            "decided_by": demo.by_role["launch_lead"],
            "decided_at": iso(decided_1),
        },
        summary="demo: round 1 decided",
    )

    w.insert_many("round_verdicts", verdicts, summary="demo: verdicts")
    w.insert_many("round_conditions", conditions, summary="demo: conditions")
