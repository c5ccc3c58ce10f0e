"""Rehearsals (移行リハーサル) and the rollback decision, on a launch made like ``cockpit new`` and set up with the CLI.

Two rehearsals and a live run are recorded; the per-step variance table and the P50/P80 ETA are checked
against values worked out by hand below. Bad input exits 2 naming the fix, the file unchanged.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cockpit.domain.rehearsals import forecast_from_rehearsals
from cockpit.domain.rollback import current_path
from cockpit.services import rollback as rollback_service
from cockpit.services import runbook as runbook_service
from cockpit.services.status import build_status
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

DAY = "2026-12-01T"
JST = "+09:00"


def at(clock: str, day: str = DAY) -> datetime:
    return datetime.fromisoformat(f"{day}{clock}{JST}")


@pytest.fixture
def launch(tmp_path: Path, cli) -> Path:
    path = tmp_path / "cutover.golive"
    cli.ok("new", path, "--name", "販売管理", "--go-live", f"{DAY}09:00{JST}", "--timezone", "Asia/Tokyo",
           "--template", "empty")  # fmt: skip
    cli.ok("launch", "set", path, "--rollback-deadline", f"{DAY}04:00{JST}")
    return path


def add_step(cli, launch: Path, title: str, start: str, minutes: int, *extra: object) -> int:
    row = cli.ok("step", "add", launch, "--title", title, "--kind", "migrate", "--planned-start",
                 f"{DAY}{start}{JST}", "--planned-minutes", minutes, *extra, "--json").json()  # fmt: skip
    return int(row["id"])


def runbook(cli, launch: Path) -> tuple[int, int, int]:
    """Backup 60 min, then Load 120 min, then Verify 30 min."""
    backup = add_step(cli, launch, "Backup", "00:00", 60)
    load = add_step(cli, launch, "Load", "01:00", 120, "--depends-on", backup)
    verify = add_step(cli, launch, "Verify", "03:00", 30, "--depends-on", load)
    return backup, load, verify


def rehearse(cli, launch: Path, day: str, times: dict[int, tuple[str, str]]) -> None:
    cli.ok("rehearsal", "start", launch, "--at", f"{day}00:00{JST}", "--as", "sato")
    number = cli.ok("rehearsal", "list", launch, "--json").json()["runs"][-1]["number"]
    for step, (start, end) in times.items():
        cli.ok("step", "start", launch, step, "--rehearsal", number, "--at", f"{day}{start}{JST}")
        cli.ok("step", "finish", launch, step, "--rehearsal", number, "--at", f"{day}{end}{JST}")
    cli.ok("rehearsal", "close", launch, "--at", f"{day}06:00{JST}")


def live(monkeypatch, cli, launch: Path, step: int, move: str, clock: str) -> None:
    monkeypatch.setattr(runbook_service, "now", lambda: at(clock))
    cli.ok("step", move, launch, step)


def test_two_rehearsals_and_a_live_run_give_the_variance_table_and_the_p50_p80_eta(cli, launch, monkeypatch):
    backup, load, verify = runbook(cli, launch)
    # Rehearsal 1: Backup 70 min, Load 150 min, Verify 20 min. Rehearsal 2: Backup 50, Load 100, Verify not timed.
    rehearse(
        cli,
        launch,
        "2026-11-01T",
        {backup: ("00:00", "01:10"), load: ("01:10", "03:40"), verify: ("03:40", "04:00")},
    )
    rehearse(cli, launch, "2026-11-15T", {backup: ("00:00", "00:50"), load: ("00:50", "02:30")})
    # Live: Backup 00:00–01:05 (65 min), Load started 01:05 and still running at 02:00.
    live(monkeypatch, cli, launch, backup, "start", "00:00")
    live(monkeypatch, cli, launch, backup, "finish", "01:05")
    live(monkeypatch, cli, launch, load, "start", "01:05")

    facts = cli.ok("rehearsal", "list", launch, "--json").json()
    table = {row["title"]: row for row in facts["comparison"]}
    # Variance = (minutes − plan) / plan, in percent to one decimal.
    assert [r["minutes"] for r in table["Backup"]["rehearsals"]] == [70.0, 50.0]
    assert [r["variance_percent"] for r in table["Backup"]["rehearsals"]] == [16.7, -16.7]  # ±10 of 60
    assert table["Backup"]["live"] == {"minutes": 65.0, "variance_percent": 8.3}  # +5 of 60
    assert [r["variance_percent"] for r in table["Load"]["rehearsals"]] == [25.0, -16.7]  # +30, −20 of 120
    assert table["Load"]["live"] == {"minutes": None, "variance_percent": None}  # still running
    assert table["Verify"]["rehearsals"] == [
        {"minutes": 20.0, "variance_percent": -33.3},  # −10 of 30
        {"minutes": None, "variance_percent": None},
    ]

    # P50 per step: the median of the rehearsals' minutes; P80: the 80th percentile between closest ranks.
    # Load: P50 (150 + 100) / 2 = 125, P80 100 + 0.8 × 50 = 140. Verify: 20 (one rehearsal timed it).
    # P50: Load 01:05 + 125 = 03:10; Verify 03:10–03:30. P80: Load 01:05 + 140 = 03:25; Verify 03:25–03:45.
    # The rollback deadline is 04:00: slack 30 and 15 minutes.
    with open_launch(launch, read_only=True) as lf:
        data = load_launch(lf)
    forecast = forecast_from_rehearsals(
        current_path(data.steps, data.rollback_decisions),
        data.rehearsals,
        now=at("02:00"),
        rollback_deadline=data.launch.rollback_deadline,
    )
    assert (forecast.p50.eta, forecast.p50.slack_minutes) == (at("03:30"), 30)
    assert (forecast.p80.eta, forecast.p80.slack_minutes) == (at("03:45"), 15)
    status = build_status(data, now=at("02:00"))["migration"]
    assert status["rehearsals"]["p50"] == {"eta": f"{DAY}03:30:00{JST}", "slack_minutes": 30}
    assert status["rehearsals"]["p80"] == {"eta": f"{DAY}03:45:00{JST}", "slack_minutes": 15}
    # The plan's own forecast is untouched: Load 01:05 + 120 = 03:05, Verify 03:05–03:35.
    assert (status["eta"], status["slack_minutes"]) == (f"{DAY}03:35:00{JST}", 25)

    # The rehearsals never touched the live run: Verify is still pending, Load running since 01:05.
    steps = {s["title"]: s for s in cli.ok("step", "list", launch, "--json").json()}
    assert steps["Verify"]["status"] == "pending" and steps["Verify"]["actual_start"] is None
    assert steps["Load"]["actual_start"] == f"{DAY}01:05:00.000{JST}"
    out = cli.ok("rehearsal", "list", launch).out
    assert "Rehearsal 1" in out and "Rehearsal 2" in out and "+25.0%" in out


def test_object_counts_are_recorded_per_rehearsal_apart_from_the_live_ledger(cli, launch):
    obj = cli.ok("object", "add", launch, "--name", "顧客マスタ", "--source-count", "1000", "--json").json()
    cli.ok("rehearsal", "start", launch, "--name", "本番同等リハーサル")
    cli.ok(
        "object", "update", launch, obj["id"], "--rehearsal", "1", "--target-count", "990", "--rejected", "10"
    )
    cli.ok("object", "update", launch, obj["id"], "--rehearsal", "1", "--target-count", "995")
    runs = cli.ok("rehearsal", "list", launch, "--json").json()["runs"]
    assert runs[0]["name"] == "本番同等リハーサル"
    assert runs[0]["objects"] == [{"object": obj["id"], "target_rows": 995, "rejected_rows": 10}]
    (ledger,) = cli.ok("object", "list", launch, "--json").json()
    assert ledger["target_rows"] is None and ledger["version"] == 1


def test_a_rollback_point_asks_for_the_decision_and_rolling_back_switches_to_the_rollback_path(
    cli, launch, monkeypatch
):
    backup = add_step(cli, launch, "Backup", "00:00", 60)
    point = add_step(cli, launch, "Go or roll back", "01:00", 0, "--depends-on", backup, "--rollback-point")
    switch = add_step(cli, launch, "Switch", "01:00", 30, "--depends-on", point)
    restore = add_step(
        cli, launch, "Restore the backup", "01:00", 90, "--depends-on", point, "--rollback-path"
    )

    ran = cli("step", "start", launch, restore)
    assert ran.code == 2 and "rollback path" in ran.err
    ran = cli("rollback", "decide", launch, point, "--roll-back", "--reason", "counts do not match")
    assert ran.code == 2 and "not reached yet" in ran.err and "#1 Backup" in ran.err
    live(monkeypatch, cli, launch, backup, "start", "00:00")
    live(monkeypatch, cli, launch, backup, "finish", "01:00")
    ran = cli("step", "start", launch, point)
    assert ran.code == 2 and "record the decision first" in ran.err

    monkeypatch.setattr(rollback_service, "now", lambda: at("01:10"))
    decided = cli.ok("rollback", "decide", launch, point, "--roll-back", "--reason", "受注件数が一致しない",
                     "--as", "pm.tanaka", "--json").json()  # fmt: skip
    assert (decided["decision"], decided["decided_by"]) == ("roll_back", "pm.tanaka")
    ran = cli("step", "start", launch, switch)
    assert ran.code == 2 and "not taken" in ran.err
    live(monkeypatch, cli, launch, restore, "start", "01:15")

    with open_launch(launch, read_only=True) as lf:
        rollback = build_status(load_launch(lf), now=at("01:20"))["migration"]["rollback"]
    assert rollback["decisions"] == [
        {
            "step": point,
            "decision": "roll_back",
            "reason": "受注件数が一致しない",
            "decided_by": "pm.tanaka",
            "decided_at": f"{DAY}01:10:00{JST}",
        }
    ]
    assert rollback["path"] == {
        str(backup): "current",
        str(point): "current",  # the decision was its work: done at 01:10
        str(switch): "not_taken",
        str(restore): "current",
    }
    ran = cli("rollback", "decide", launch, point, "--continue", "--reason", "again")
    assert ran.code == 2 and "already recorded by pm.tanaka" in ran.err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("step", "start", "{step}", "--rehearsal", "1"), "Rehearsal 1 is closed"),
        (("step", "start", "{step}", "--rehearsal", "7"), "There is no rehearsal 7"),
        (("step", "finish", "{step}", "--rehearsal", "1"), "Rehearsal 1 is closed"),
        (("step", "start", "{step}", "--at", "2026-11-01T00:00+09:00"), "Add --rehearsal N"),
        (("rehearsal", "close"), "No rehearsal is open"),
        (("rollback", "decide", "{step}", "--continue", "--reason", "ok"), "not a rollback point"),
        (("rollback", "decide", "{step}", "--continue", "--reason", "  "), "needs a reason"),
        (("rollback", "decide", "{step}", "--reason", "ok"), "--continue"),
        (("object", "update", "{object}", "--rehearsal", "1", "--source-count", "5"), "--target-count N"),
    ],
)
def test_bad_input_exits_2_names_the_fix_and_leaves_the_file_unchanged(cli, launch, args, says):
    step = add_step(cli, launch, "Backup", "00:00", 60)
    obj = cli.ok("object", "add", launch, "--name", "Orders", "--json").json()["id"]
    cli.ok("rehearsal", "start", launch)
    cli.ok("rehearsal", "close", launch)
    before = launch.read_bytes()
    command = [a.format(step=step, object=obj) for a in args]
    ran = cli(command[0], command[1], launch, *command[2:])
    assert ran.code == 2 and says in ran.err
    assert launch.read_bytes() == before


def test_a_second_rehearsal_waits_for_the_first_to_close_and_a_running_step_keeps_it_open(cli, launch):
    step = add_step(cli, launch, "Backup", "00:00", 60)
    cli.ok("rehearsal", "start", launch)
    before = launch.read_bytes()
    ran = cli("rehearsal", "start", launch)
    assert ran.code == 2 and "Rehearsal 1 is still open; close it first" in ran.err
    assert launch.read_bytes() == before
    cli.ok("step", "start", launch, step, "--rehearsal", "1")
    ran = cli("rehearsal", "close", launch)
    assert ran.code == 2 and "#1 Backup still running" in ran.err
    ran = cli("step", "start", launch, step, "--rehearsal", "1")
    assert ran.code == 2 and "already started in Rehearsal 1" in ran.err


def test_the_report_shows_the_comparison_the_forecast_and_the_decision(cli, launch, monkeypatch, tmp_path):
    backup = add_step(cli, launch, "Backup", "00:00", 60)
    point = add_step(cli, launch, "Go or roll back", "01:00", 0, "--depends-on", backup, "--rollback-point")
    rehearse(cli, launch, "2026-11-01T", {backup: ("00:00", "01:10")})
    live(monkeypatch, cli, launch, backup, "start", "00:00")
    live(monkeypatch, cli, launch, backup, "finish", "01:05")
    cli.ok("rollback", "decide", launch, point, "--continue", "--reason", "counts match", "--as", "pm.tanaka")
    out = tmp_path / "status.pdf"
    cli.ok("report", launch, "--out", out)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Rehearsals against plan and live (1)" in text
    assert "70 min (+16.7%)" in text and "65 min (+8.3%)" in text
    assert "Rehearsal forecast: ETA P50" in text
    assert "Rollback decision at #2 Go or roll back: continue — pm.tanaka" in text and "counts match" in text


def test_the_standard_templates_rollback_point_asks_for_the_decision(cli, tmp_path):
    path = tmp_path / "standard.golive"
    cli.ok("new", path, "--name", "会計", "--go-live", f"{DAY}09:00{JST}", "--timezone", "Asia/Tokyo")
    steps = cli.ok("step", "list", path, "--json").json()
    points = [s for s in steps if s["kind"] == "rollback_point"]
    assert points and all(s["rollback_point"] for s in points)
    added = cli.ok("step", "add", path, "--title", "Second look", "--kind", "rollback_point", "--planned-start",
                   f"{DAY}08:00{JST}", "--planned-minutes", 5, "--json").json()  # fmt: skip
    assert added["rollback_point"]
    plain = cli.ok("step", "add", path, "--title", "Not one", "--kind", "rollback_point", "--planned-start",
                   f"{DAY}08:00{JST}", "--planned-minutes", 5, "--no-rollback-point", "--json").json()  # fmt: skip
    assert not plain.get("rollback_point")
