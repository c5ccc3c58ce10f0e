"""The go/no-go criteria services: typed thresholds per kind, checked before anything is written."""

from __future__ import annotations

import json

import pytest

from cockpit.domain.gate import evaluate_gate
from cockpit.errors import BadInput, Conflict
from cockpit.services.gate import add_criterion, list_criteria, remove_criterion, set_criterion
from cockpit.store.read import load_launch
from cockpit.words.gate import criterion_label


def test_a_new_launch_stores_its_default_criteria_without_words(launch_file, launch_path):
    with launch_file.reading() as conn:
        labels = [r[0] for r in conn.execute("SELECT label FROM gate_criteria")]
    assert labels and set(labels) == {""}
    shown = [criterion_label(c.kind, c.params) for c in list_criteria(launch_file)]
    assert "Unit tests pass rate ≥ 98%" in shown and "No open P1 ticket" in shown


def test_add_a_pass_rate_from_a_percent_or_a_ratio(launch_file):
    first = add_criterion(
        launch_file, actor="lead", kind="pass_rate", params={"level": "smoke", "min_pass_rate": "90"}
    )
    second = add_criterion(
        launch_file, actor="lead", kind="pass_rate", params={"level": "regression", "min_pass_rate": 0.975}
    )
    assert json.loads(first.row["params"]) == {"level": "smoke", "min_pass_rate": 0.9}
    assert first.row["label"] == ""
    added = {c.id: c for c in list_criteria(launch_file)}
    assert (
        criterion_label("pass_rate", added[second.row["id"]].params) == "Regression tests pass rate ≥ 97.5%"
    )
    result = evaluate_gate(load_launch(launch_file), now=load_launch(launch_file).launch.go_live)
    assert any(r.criterion.id == first.row["id"] and not r.ok for r in result.criteria)


@pytest.mark.parametrize(
    ("kind", "params", "message"),
    [
        ("nonsense", {}, "use one of: gate_items_done, pass_rate, no_open_tickets"),
        ("pass_rate", {"level": "uat"}, "needs min_pass_rate"),
        ("pass_rate", {"level": "acceptance", "min_pass_rate": 95}, "use one of: unit, integration"),
        ("pass_rate", {"level": "uat", "min_pass_rate": "101"}, "out of range"),
        ("pass_rate", {"level": "uat", "min_pass_rate": -0.5}, "out of range"),
        ("pass_rate", {"level": "uat", "min_pass_rate": "most"}, "not a pass rate"),
        ("no_open_tickets", {"severity": "P5"}, "use one of: P1, P2, P3, P4"),
        ("no_open_tickets", {"max_open": "-1"}, "0 or more"),
        ("no_open_tickets", {"colour": "red"}, "it takes: severity, max_open"),
        ("backup_done", {"level": "unit"}, "takes no parameters"),
    ],
)
def test_bad_criteria_are_refused_and_the_file_is_unchanged(launch_file, launch_path, kind, params, message):
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match=message):
        add_criterion(launch_file, actor="lead", kind=kind, params=params)
    assert launch_path.read_bytes() == before


def test_no_open_tickets_starts_at_no_p1(launch_file):
    edit = add_criterion(launch_file, actor="lead", kind="no_open_tickets", params={"severity": "p2"})
    assert json.loads(edit.row["params"]) == {"severity": "P2", "max_open": 0}


def test_set_changes_some_thresholds_and_keeps_the_others(launch_file, launch_path):
    uat = next(c for c in list_criteria(launch_file) if c.params.get("level") == "uat")
    edit = set_criterion(
        launch_file, actor="lead", criterion_id=uat.id, params={"min_pass_rate": "90%"}, expect_version=1
    )
    assert json.loads(edit.row["params"]) == {"level": "uat", "min_pass_rate": 0.9}
    assert edit.row["version"] == 2
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match="out of range"):
        set_criterion(launch_file, actor="lead", criterion_id=uat.id, params={"min_pass_rate": 200})
    with pytest.raises(BadInput, match="Nothing to change"):
        set_criterion(launch_file, actor="lead", criterion_id=uat.id)
    assert launch_path.read_bytes() == before
    with pytest.raises(Conflict):
        set_criterion(launch_file, actor="x", criterion_id=uat.id, enabled=False, expect_version=1)


def test_a_disabled_criterion_is_left_out_of_the_gate(launch_file):
    data = load_launch(launch_file)
    backup = next(c for c in data.criteria if c.kind == "backup_done")
    set_criterion(launch_file, actor="lead", criterion_id=backup.id, enabled=False)
    data = load_launch(launch_file)
    assert backup.id not in {r.criterion.id for r in evaluate_gate(data, now=data.launch.go_live).criteria}


def test_remove_a_criterion(launch_file):
    first = list_criteria(launch_file)[0]
    edit = remove_criterion(launch_file, actor="lead", criterion_id=first.id, expect_version=1)
    assert edit.row["kind"] == first.kind
    assert first.id not in {c.id for c in list_criteria(launch_file)}
