"""A conflict carries what the others wrote since my version, read back from the audit trail."""

from __future__ import annotations

import pytest

from cockpit.errors import Conflict
from cockpit.services.edits import add_checklist_item, add_risk, update_checklist_item, update_risk
from cockpit.store.history import row_before


def conflict_of(call) -> Conflict:
    with pytest.raises(Conflict) as caught:
        call()
    return caught.value


def test_a_conflict_lists_every_write_since_my_version_oldest_first(launch_file) -> None:
    risk = add_risk(launch_file, actor="ann", title="Key user absent", likelihood=3, impact=4).row
    update_risk(launch_file, actor="ann", risk_id=risk["id"], owner="ann")  # version 2: where I start
    update_risk(launch_file, actor="bob", risk_id=risk["id"], likelihood=4)
    update_risk(launch_file, actor="carol", risk_id=risk["id"], likelihood=5, impact=2)
    conflict = conflict_of(
        lambda: update_risk(
            launch_file, actor="ann", risk_id=risk["id"], mitigation="Deputy", expect_version=2
        )
    )
    assert conflict.expected == 2 and conflict.theirs["version"] == 4 and conflict.action == "update"
    assert [(r.actor, r.old, r.new) for r in conflict.history] == [
        ("bob", {"likelihood": 3}, {"likelihood": 4}),
        ("carol", {"likelihood": 4, "impact": 4}, {"likelihood": 5, "impact": 2}),
    ]
    assert conflict.history[0].fields() == ["likelihood"]
    started = row_before(conflict.theirs, conflict.history)
    assert (started["likelihood"], started["impact"], started["owner"]) == (3, 4, "ann")
    assert conflict.yours == {"mitigation": "Deputy"}


def test_dependency_links_are_one_version_with_the_item_they_belong_to(launch_file) -> None:
    first = add_checklist_item(launch_file, actor="ann", stage="preparation", category="tests", title="A").row
    item = add_checklist_item(launch_file, actor="ann", stage="preparation", category="tests", title="B").row
    update_checklist_item(launch_file, actor="bob", item_id=item["id"], depends_on=[first["id"]])  # version 2
    update_checklist_item(launch_file, actor="bob", item_id=item["id"], owner="bob")  # version 3
    conflict = conflict_of(
        lambda: update_checklist_item(
            launch_file, actor="ann", item_id=item["id"], title="C", expect_version=1
        )
    )
    assert [r.fields() for r in conflict.history] == [["depends_on"], ["owner"]]
    assert conflict.history[0].new["depends_on"] == [first["id"]]
