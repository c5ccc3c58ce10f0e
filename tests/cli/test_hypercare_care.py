"""A launch made with ``cockpit new`` moved through hypercare with fixed times, all through the CLI: the SLA
clocks across a weekend, a Japanese public holiday and a pause, two review meetings with their actions,
lessons learned, and the closing report read back as text.

November 2026 in Asia/Tokyo: Fri 20 working; Sat 21, Sun 22 weekend; Mon 23 勤労感謝の日 (public holiday);
Tue 24, Wed 25 working. P2 counts Mon–Fri 09:00–18:00 less Japanese holidays; P1 stays 24×7.
"""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def launch(cli, tmp_path: Path) -> Path:
    path = tmp_path / "care.golive"
    cli.ok("new", path, "--name", "Order system", "--go-live", "2026-11-18T09:00", "--timezone", "Asia/Tokyo")
    cli.ok("sla", "set", path, "P2", "--first-response", "120", "--resolution", "960")
    cli.ok(
        "sla",
        "calendar",
        path,
        "P2",
        "--days",
        "mon-fri",
        "--hours",
        "09:00-18:00",
        "--holidays",
        "JP",
        "--update",
        "240",
    )
    cli.ok("holiday", "add", path, "2026-12-31", "--name", "年末")
    cli.ok("launch", "set", path, "--stage", "cutover")
    cli.ok("launch", "set", path, "--stage", "hypercare")
    # #1 P2, business hours: opened Friday 17:00, answered Tuesday 09:30, on hold 11:00–14:00, an update at
    # 16:00, resolved Wednesday 10:00.
    cli.ok(
        "ticket",
        "add",
        path,
        "--title",
        "Invoices print twice",
        "--severity",
        "P2",
        "--opened-at",
        "2026-11-20T17:00+09:00",
    )
    cli.ok("ticket", "respond", path, "1", "--at", "2026-11-24T09:30+09:00")
    cli.ok("ticket", "hold", path, "1", "--at", "2026-11-24T11:00+09:00")
    cli.ok("ticket", "resume", path, "1", "--at", "2026-11-24T14:00+09:00")
    cli.ok("ticket", "respond", path, "1", "--at", "2026-11-24T16:00+09:00")
    cli.ok("ticket", "update", path, "1", "--status", "resolved", "--at", "2026-11-25T10:00+09:00")
    # #2 P1, round the clock: opened Saturday 10:00, answered 10:10, on hold 10:30–11:30, resolved 15:30.
    cli.ok(
        "ticket",
        "add",
        path,
        "--title",
        "Orders stop",
        "--severity",
        "P1",
        "--opened-at",
        "2026-11-21T10:00+09:00",
    )
    cli.ok("ticket", "respond", path, "2", "--at", "2026-11-21T10:10+09:00")
    cli.ok("ticket", "hold", path, "2", "--at", "2026-11-21T10:30+09:00")
    cli.ok("ticket", "resume", path, "2", "--at", "2026-11-21T11:30+09:00")
    cli.ok("ticket", "update", path, "2", "--status", "resolved", "--at", "2026-11-21T15:30+09:00")
    return path


def clocks(cli, path: Path, ticket: int) -> dict:
    return cli.ok("ticket", "clocks", path, ticket, "--json").json()["clocks"]


def test_the_clocks_match_the_hand_worked_values(cli, launch):
    p2 = clocks(cli, launch, 1)
    # First response: Fri 17:00–18:00 60 + (Sat, Sun, Mon holiday: 0) + Tue 09:00–09:30 30 = 90 of 120.
    assert p2["first_response"] == {
        "due": "2026-11-24T10:00:00+09:00",
        "remaining_minutes": 30,
        "state": "met",
    }
    # Resolution: Fri 60 + Tue 09:00–11:00 120 + (hold) + Tue 14:00–18:00 240 + Wed 09:00–10:00 60 = 480 of 960.
    assert p2["resolution"] == {"due": "2026-11-25T18:00:00+09:00", "remaining_minutes": 480, "state": "met"}
    # Update, from the 16:00 update: Tue 16:00–18:00 120 + Wed 09:00–10:00 60 = 180 of 240.
    assert p2["update"] == {"due": "2026-11-25T11:00:00+09:00", "remaining_minutes": 60, "state": "met"}
    p1 = clocks(cli, launch, 2)
    # 24×7: 10:00–15:30 is 330 min, less the 60-min hold = 270 of 240 → resolved 30 min late.
    assert p1["resolution"]["remaining_minutes"] == -30
    assert p1["resolution"]["state"] == "missed"
    assert p1["first_response"]["remaining_minutes"] == 15 - 10
    assert p1["update"] is None


def test_a_ticket_on_hold_says_paused(cli, launch):
    cli.ok(
        "ticket",
        "add",
        launch,
        "--title",
        "Report slow",
        "--severity",
        "P2",
        "--opened-at",
        "2026-11-24T09:00+09:00",
    )
    cli.ok("ticket", "hold", launch, "3", "--at", "2026-11-24T10:00+09:00")
    ticket = next(t for t in cli.ok("status", launch, "--json").json()["support"]["tickets"] if t["id"] == 3)
    clock = ticket["clocks"]
    assert clock["paused"] is True
    # Asking the reporter answers the ticket: the first response stops at Tue 10:00, 60 of 120 minutes.
    assert (clock["first_response"]["remaining_minutes"], clock["first_response"]["state"]) == (60, "met")
    # Resolution: Tue 09:00–10:00 counted, 60 of 960; held at 900 while the ticket waits.
    assert (clock["resolution"]["remaining_minutes"], clock["resolution"]["state"]) == (900, "paused")
    assert (clock["update"]["remaining_minutes"], clock["update"]["state"]) == (240, "paused")
    assert "paused" in cli.ok("ticket", "clocks", launch, "3").out


def test_bad_calendar_input_names_the_fix_and_writes_nothing(cli, launch):
    before = cli.ok("sla", "list", launch, "--json").json()
    ran = cli("sla", "calendar", launch, "P3", "--days", "weekdays")
    assert ran.code == 2 and "mon-fri" in ran.err
    ran = cli("sla", "calendar", launch, "P3", "--days", "mon-fri", "--hours", "18:00-09:00")
    assert ran.code == 2 and "09:00-18:00" in ran.err
    assert cli("ticket", "respond", launch, "1", "--at", "2999-01-01T00:00+09:00").code == 2
    assert cli.ok("sla", "list", launch, "--json").json() == before


def review_meetings_and_lessons(cli, launch: Path) -> None:
    cli.ok(
        "review",
        "add",
        launch,
        "--at",
        "2026-11-24T18:00",
        "--attendees",
        "Sato, Ito",
        "--findings",
        "P1 resolved late",
    )
    cli.ok(
        "action",
        "add",
        launch,
        "--title",
        "Staff the desk on Saturdays",
        "--review",
        "1",
        "--due",
        "2026-11-27T18:00",
    )
    cli.ok("action", "done", launch, "1", "--at", "2026-11-26T12:00")
    cli.ok("review", "add", launch, "--at", "2026-11-26T18:00", "--attendees", "Sato", "--findings", "Stable")
    cli.ok(
        "action",
        "add",
        launch,
        "--title",
        "Print once per invoice",
        "--review",
        "2",
        "--due",
        "2026-11-30T18:00",
    )
    cli.ok(
        "lesson",
        "add",
        launch,
        "--phase",
        "hypercare",
        "--kind",
        "went_well",
        "--text",
        "Daily reviews kept focus",
    )
    cli.ok(
        "lesson",
        "add",
        launch,
        "--phase",
        "cutover",
        "--kind",
        "change",
        "--text",
        "Rehearse the invoice batch",
    )
    cli.ok("risk", "add", launch, "--title", "Batch overload", "--likelihood", "3", "--impact", "4")
    cli.ok("risk", "update", launch, "1", "--status", "occurred")
    cli.ok("ticket", "link", launch, "2", "--risk", "1")


def test_two_review_meetings_freeze_their_figures_and_track_actions(cli, launch):
    review_meetings_and_lessons(cli, launch)
    meetings = cli.ok("review", "list", launch, "--json").json()
    first, second = meetings
    # From go-live to Tue 24 18:00: both tickets opened; #2 resolved (late), #1 still open.
    assert first["cadence"] == "daily"
    assert first["figures"]["opened_by_severity"] == {"P1": 1, "P2": 1, "P3": 0, "P4": 0}
    assert first["figures"]["opened_by_kind"]["incident"] == 2
    assert (first["figures"]["resolved"], first["figures"]["sla_attainment_percent"]) == (1, 0.0)
    assert first["figures"]["open_at_end"] == 1
    assert [a["status"] for a in first["actions"]] == ["done"]
    # From the first meeting to Thu 26 18:00: #1 resolved within its SLA.
    assert second["period"]["start"] == "2026-11-24T18:00:00+09:00"
    assert (second["figures"]["opened"], second["figures"]["resolved"]) == (0, 1)
    assert second["figures"]["sla_attainment_percent"] == 100.0
    reviews = cli.ok("status", launch, "--json").json()["reviews"]
    assert reviews["meetings"] == 2
    assert [a["title"] for a in reviews["actions_overdue"]] == ["Print once per invoice"]
    assert "OVERDUE" in cli.ok("action", "list", launch).out
    status = cli.ok("status", launch, "--json").json()
    # Each shows the other: the ticket names the risk, the risk that occurred lists its incident.
    assert next(t for t in status["support"]["tickets"] if t["id"] == 2)["about"] == [
        {"kind": "risk", "target": "1"}
    ]
    assert status["risks"]["occurred"] == [{"id": 1, "title": "Batch overload", "incidents": [2]}]


def test_the_closing_report_holds_each_section_s_figures(cli, launch, tmp_path):
    review_meetings_and_lessons(cli, launch)
    cli.ok("object", "add", launch, "--name", "Customers", "--source-count", "1200")
    cli.ok("object", "update", launch, "1", "--target-count", "1198", "--rejected", "2")
    cli.ok("launch", "set", launch, "--stage", "closed")
    pdf = tmp_path / "closing.pdf"
    ran = cli.ok("report", launch, "--kind", "closing", "--out", pdf, "--json").json()
    assert ran["kind"] == "closing"
    # Read back with pypdf, like the other report tests: it needs no poppler on the machine.
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    words = " ".join(text.split())
    assert "Closing report" in words
    assert "Go/no-go decision" in words
    assert "Cutover against plan" in words and "0 of 14 steps done" in words
    assert "Migration reconciliation" in words and "1 of 1 objects reconciled or accepted." in words
    assert "Customers 1,200 2 1,198 +0 Reconciled" in words
    # Hypercare: 2 opened, 2 resolved, #1 within its SLA and #2 (P1) not.
    assert "Tickets opened: 2 · resolved: 2 · resolved within their SLA: 1 (50.0%)" in words
    assert "P1 1 1 (100.0%) 1 0 (0.0%) 0" in words
    assert "P2 1 1 (100.0%) 1 1 (100.0%) 0" in words
    assert "Risks that occurred and their incidents" in words and "#1 Batch overload #2 Orders stop" in words
    assert "2 review meetings · 1 of 2 improvement actions done · 1 overdue" in words
    assert "Staff the desk on Saturdays" in words and "Print once per invoice" in words
    assert "Went well: Daily reviews kept focus" in words
    assert "Change next time: Rehearse the invoice batch" in words


def test_a_review_counts_the_kpis_breached_in_its_period_and_the_closing_report_charts_them(
    cli, launch, tmp_path
):
    cli.ok(
        "kpi", "record", launch, "Error rate", "0.9", "--at", "2026-11-20T10:00"
    )  # target ≤ 0.5 %: breached
    cli.ok("kpi", "record", launch, "Error rate", "0.2", "--at", "2026-11-21T10:00")
    cli.ok("kpi", "record", launch, "Uptime", "99.95", "--at", "2026-11-21T10:00")  # met
    cli.ok(
        "kpi", "record", launch, "Uptime", "98.0", "--at", "2026-11-25T10:00"
    )  # breached after the meeting
    review = cli.ok("review", "add", launch, "--at", "2026-11-24T18:00", "--json").json()
    assert json.loads(review["figures"])["kpi_breaches"] == 1
    pdf = tmp_path / "closing.pdf"
    cli.ok("report", launch, "--kind", "closing", "--out", pdf)
    words = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Hypercare KPIs" in words and "Error rate" in words
