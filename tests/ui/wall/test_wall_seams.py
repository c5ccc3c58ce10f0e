"""The wall with what the later work added: who else has the file open, the latest go/no-go meeting's decision
(red while a condition is overdue), the hypercare KPIs tile, and P1/P2 clocks that say "Paused"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QFontMetrics

from cockpit.domain.status import Rag
from cockpit.services.edits import add_ticket, update_ticket
from cockpit.services.kpis import add_kpi, record_kpi_value
from cockpit.services.rounds import (
    ConditionInput,
    decide_round,
    mark_condition_met,
    open_new_round,
    sign_in_round,
)
from cockpit.store.launchfile import open_launch
from cockpit.ui.wall.theme import RAG_INK
from cockpit.ui.wall.view import WallWindow
from cockpit.ui.widgets.theme import RAG_LOOKS
from tests.ui.team.test_team_window import window_as

WAIT = 30_000


def open_wall(qtbot, window) -> WallWindow:
    wall = window.wall.open_wall()
    assert wall is not None
    qtbot.waitUntil(lambda: wall.content is not None, timeout=WAIT)
    return wall


def block_lines(wall: WallWindow, heading: str) -> list[str]:
    block = next(b for b in wall.blocks if b.heading.full_text() == heading and b.isVisibleTo(wall))
    return [label.full_text() for label in block.lines if label.isVisibleTo(block)]


def test_the_wall_names_who_else_has_the_file_open(qtbot, small_launch: Path, tmp_path: Path):
    alice = window_as(qtbot, small_launch, tmp_path / "a.ini", "alice")
    bob = window_as(qtbot, small_launch, tmp_path / "b.ini", "bob")
    wall = open_wall(qtbot, alice)
    assert not wall.present.isVisibleTo(wall)  # nobody else yet: no line
    bob.team.presence.beat()
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: wall.present.full_text() == "Also open: Bob Baba", timeout=WAIT)
    assert wall.present.isVisibleTo(wall) and wall.present in wall.label_widgets()
    bob.close()
    qtbot.waitUntil(lambda: bob.session is None, timeout=WAIT)
    alice.team.presence.beat()
    qtbot.waitUntil(lambda: not wall.present.isVisibleTo(wall), timeout=WAIT)
    alice.close()


def test_the_latest_meetings_decision_is_the_verdict_and_an_overdue_condition_turns_it_red(
    qtbot, make_window, small_launch: Path
):
    lf = open_launch(small_launch)
    now = datetime.now(UTC)
    open_new_round(lf, actor="alice", chair="alice", attendees=["bob"])
    sign_in_round(
        lf,
        actor="alice",
        verdict="conditional",
        conditions=[
            ConditionInput("Backup restored once", owner="bob", due=now - timedelta(hours=2)),
            ConditionInput("Call list printed", owner="alice", due=now + timedelta(days=3)),
        ],
    )
    decide_round(lf, actor="alice", decision="conditional")
    window = make_window(small_launch)
    wall = open_wall(qtbot, window)
    wall.showNormal()
    wall.resize(1920, 1080)
    qtbot.waitUntil(lambda: (wall.width(), wall.height()) == (1920, 1080), timeout=10_000)
    red = RAG_LOOKS[Rag.RED].symbol
    assert wall.verdict.full_text() == f"{red} Conditional go"
    # A long verdict gives way a little: still the largest text and whole, and the clock still reads.
    assert wall.verdict.text() == wall.verdict.full_text() and wall.clock.text() == wall.clock.full_text()
    assert QFontMetrics(wall.verdict.font()).height() > QFontMetrics(wall.countdown.font()).height()
    assert RAG_INK[Rag.RED] in wall.verdict.styleSheet()
    assert wall.verdict_detail.full_text().startswith(
        "1 condition overdue · Go/no-go meeting 1 · criteria met"
    )
    lines = block_lines(wall, "Go/no-go conditions open")
    assert lines[0].startswith(f"{red} Backup restored once · due ") and lines[0].endswith(" · bob")
    assert lines[1].startswith("Call list printed · due ")

    # The next meeting is in session: its state is the verdict, amber once nothing is overdue.
    condition = next(c for r in window.session.data.rounds for c in r.conditions if c.owner == "bob")
    mark_condition_met(lf, actor="bob", condition_id=condition.id, evidence="Restore log 12/01")
    open_new_round(lf, actor="alice", chair="alice")
    qtbot.waitUntil(lambda: wall.verdict.full_text().endswith("In session"), timeout=WAIT)
    assert RAG_INK[Rag.AMBER] in wall.verdict.styleSheet()
    assert wall.verdict_detail.full_text().startswith("Go/no-go meeting 2 · criteria met")
    assert block_lines(wall, "Go/no-go conditions open")[0].startswith("Call list printed")


def test_the_kpi_tile_shows_a_breach_at_a_size_read_from_five_metres(qtbot, make_window, small_launch: Path):
    lf = open_launch(small_launch)
    add_kpi(lf, actor="alice", name="Uptime", target=99.9, direction="at_least", unit="%")
    add_kpi(lf, actor="alice", name="Error rate", target=0.5, direction="at_most", unit="%")
    record_kpi_value(lf, actor="alice", kpi="Uptime", value=99.5)
    record_kpi_value(lf, actor="alice", kpi="Error rate", value=0.2)
    window = make_window(small_launch)
    wall = open_wall(qtbot, window)
    wall.showNormal()
    wall.resize(1920, 1080)
    qtbot.waitUntil(lambda: (wall.width(), wall.height()) == (1920, 1080), timeout=10_000)
    tile = wall.kpi_tile
    assert tile.isVisibleTo(wall) and tile.title.full_text() == "Hypercare KPIs"
    assert tile.figure.full_text() == "1/2" and tile.counts.text() == "KPIs breached"
    assert tile.light.full_text() == f"{RAG_LOOKS[Rag.RED].symbol} Off track"
    assert tile.figure in wall.headline_widgets()
    assert tile.figure.font().pixelSize() >= 64 and QFontMetrics(tile.figure.font()).height() >= 64
    assert tile.figure.text() == tile.figure.full_text()  # six tiles still leave the figure whole
    for label in tile.label_widgets():
        if label.isVisibleTo(wall):
            assert label.font().pixelSize() >= 28

    # A teammate's value that moves the count flashes the tile once, like a pane's.
    record_kpi_value(lf, actor="bob", kpi="Error rate", value=0.9)
    qtbot.waitUntil(lambda: tile.figure.full_text() == "2/2", timeout=WAIT)
    assert tile.flashing and tile.changed.full_text() == "✱ just changed"


def test_no_kpi_tile_before_hypercare_without_values(qtbot, make_window, small_launch: Path):
    add_kpi(open_launch(small_launch), actor="alice", name="Uptime", target=99.9, direction="at_least")
    wall = open_wall(qtbot, make_window(small_launch))
    assert not wall.kpi_tile.isVisibleTo(wall) and wall.content.kpis is None


def test_an_urgent_ticket_waiting_on_its_reporter_says_paused_not_overdue(
    qtbot, make_window, small_launch: Path
):
    lf = open_launch(small_launch)
    long_ago = datetime.now(UTC) - timedelta(days=5)
    # Put on hold while its clocks still ran: waiting on the reporter holds them (one held after running out
    # says "Paused · overdue").
    just_now = datetime.now(UTC) - timedelta(minutes=2)
    waiting = add_ticket(lf, actor="alice", title="Invoices stuck", severity="P1", opened_at=just_now).row
    update_ticket(lf, actor="alice", ticket_id=waiting["id"], status="waiting")
    add_ticket(lf, actor="alice", title="Portal down", severity="P2", opened_at=long_ago)
    wall = open_wall(qtbot, make_window(small_launch))
    block = next(b for b in wall.blocks if b.heading.full_text() == "Open P1/P2 tickets")
    by_text = {label.full_text(): label for label in block.lines if label.isVisibleTo(block)}
    paused = next(text for text in by_text if "Invoices stuck" in text)
    assert f"P1 #{waiting['id']} Paused" in paused
    assert RAG_INK[Rag.RED] not in by_text[paused].styleSheet()  # waiting on the reporter is not late
    late = next(text for text in by_text if "Portal down" in text)
    assert "overdue" in late and RAG_INK[Rag.RED] in by_text[late].styleSheet()
