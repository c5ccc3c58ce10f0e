"""The minutes of a go/no-go meeting (議事録): the round's pages, in the status report's layout.

Attendees, each criterion as frozen when the round opened beside how it stands now, the verdicts, the
conditions (and those of earlier rounds still open), the decision, and the SHA-256 of the frozen evidence.
"""

from __future__ import annotations

from datetime import datetime

from matplotlib.figure import Figure

from cockpit.domain.launch import LaunchData
from cockpit.domain.round_view import RoundView, round_view
from cockpit.domain.rounds import Condition, is_overdue
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Block, Heading, Line, Lines
from cockpit.report.layout import Frame, Paper, Running, paginate, render
from cockpit.report.sections.common import BAD_INK, OK_INK
from cockpit.report.table import Cell, Column, Ink, Table
from cockpit.report.text import Measure
from cockpit.words.gate import criterion_label
from cockpit.words.rounds import round_state_label, round_title, verdict_label


def _met(ok: bool | None) -> Cell:
    if ok is None:
        return "—"
    return Ink(words.met_text(ok), OK_INK if ok else BAD_INK)


def minutes_blocks(view: RoundView, data: LaunchData, *, now: datetime) -> list[Block]:
    zone = data.launch.zone
    r = view.round
    state = round_state_label(r.decision.value if r.decision else None)
    facts: list[Line | str] = [
        tr("Held: {when} ({zone})", when=words.local_time(r.held_at, zone), zone=data.launch.timezone),
        tr("Chair: {chair}", chair=r.chair),
        tr("Attendees: {names}", names=", ".join(r.attendees) or "—"),
        tr("State: {state}", state=state),
        Line(tr("SHA-256 of the frozen evidence: {sha256}", sha256=r.evidence_sha256), max_lines=2),
    ]
    out: list[Block] = [Heading(round_title(r.number, r.title)), Lines(facts)]
    previous = view.previous
    out.append(
        Table(
            title=tr("Go/no-go criteria: frozen when the round opened, and now"),
            columns=(
                Column(tr("Criterion"), 2.4, max_lines=2),
                Column(tr("Frozen"), 1.0),
                Column(tr("Numbers then"), 2.6, max_lines=3),
                Column(tr("Now"), 1.0),
                Column(
                    tr("Since round {number}", number=previous.number)
                    if previous
                    else tr("Since last round"),
                    1.1,
                ),
            ),
            rows=[
                (
                    criterion_label(line.kind, line.params),
                    _met(line.frozen.ok if line.frozen else None),
                    line.frozen.detail if line.frozen else tr("not in this round"),
                    _met(line.live.ok if line.live else None),
                    (tr("changed") if line.changed_since_previous else tr("same")) if previous else "—",
                )
                for line in view.lines
            ],
            empty=tr("No criterion was enabled when the round opened."),
        )
    )
    out.append(
        Table(
            title=tr("Verdicts"),
            columns=(
                Column(tr("Signer"), 1.6),
                Column(tr("Role"), 1.2),
                Column(tr("Verdict"), 1.3),
                Column(tr("Comment"), 3.0, max_lines=3),
                Column(tr("Signed"), 1.3),
            ),
            rows=[
                (
                    v.person,
                    v.role,
                    verdict_label(v.verdict.value),
                    v.comment,
                    words.local_time(v.signed_at, zone),
                )
                for v in r.verdicts
            ],
            empty=tr("No verdict was given in this round."),
        )
    )
    out.append(_conditions_table(tr("Conditions"), r.conditions, data, now))
    if view.carried:
        out.append(_conditions_table(tr("Conditions of earlier rounds still open"), view.carried, data, now))
    decision = (
        tr(
            "Decision: {decision}, recorded by {who} at {when}",
            decision=state,
            who=r.decided_by,
            when=words.local_time(r.decided_at, zone),
        )
        if r.decision
        else tr("Decision: not recorded yet (the round is open)")
    )
    out.append(Heading(tr("Decision of the meeting"), rule=True))
    out.append(Lines([decision, *([r.decision_comment] if r.decision_comment else [])]))
    return out


def _conditions_table(
    title: str, conditions: tuple[Condition, ...], data: LaunchData, now: datetime
) -> Table:
    zone = data.launch.zone

    def state(c: Condition) -> Cell:
        if c.is_met:
            return Ink(
                tr(
                    "met by {who} at {when}: {evidence}",
                    who=c.met_by,
                    when=words.local_time(c.met_at, zone),
                    evidence=c.evidence,
                ),
                OK_INK,
            )
        return Ink(tr("overdue"), BAD_INK) if is_overdue(c, now=now) else tr("open")

    return Table(
        title=title,
        columns=(
            Column("#", 0.4),
            Column(tr("Condition"), 3.0, max_lines=3),
            Column(tr("Owner"), 1.2),
            Column(tr("Due"), 1.3),
            Column(tr("State"), 2.6, max_lines=3),
        ),
        rows=[(str(c.id), c.text, c.owner, words.local_time(c.due, zone), state(c)) for c in conditions],
        empty=tr("No condition."),
    )


def build_minutes(
    data: LaunchData, number: int, *, now: datetime, paper: Paper | str = Paper.A4
) -> list[Figure]:
    """Every page of round ``number``'s minutes, laid out and drawn."""
    view = round_view(data, data.rounds, number, now=now)
    frame = Frame.of(Paper(paper))
    measure = Measure()
    pages = paginate(minutes_blocks(view, data, now=now), frame, measure)
    running = Running(
        title=data.launch.name,
        subtitle=tr("Minutes of the go/no-go meeting"),
        generated=tr(
            "Generated {when} ({zone})",
            when=words.local_time(now, data.launch.zone),
            zone=data.launch.timezone,
        ),
    )
    return render(pages, frame, measure, running)
