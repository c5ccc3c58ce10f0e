"""Migration objects through the services: add, record counts as they arrive, accept a difference with a
reason (who and when recorded), clear it; bad input (a negative count, a taken name) leaves the file as it was."""

from __future__ import annotations

import pytest

from cockpit.domain.migration import ReconStatus, reconcile
from cockpit.errors import BadInput, Conflict
from cockpit.services.objects import add_object, remove_object, update_object
from cockpit.store.read import load_launch


def the_object(lf, object_id):
    return next(o for o in load_launch(lf).objects if o.id == object_id)


@pytest.fixture
def customers(launch_file):
    return add_object(
        launch_file, actor="ann", name="Customers", source_rows=120_000, tolerance_rows=10, owner="sato"
    ).row["id"]


def test_counts_are_recorded_as_they_arrive_and_the_target_can_be_cleared(launch_file, customers):
    assert reconcile(the_object(launch_file, customers)).status is ReconStatus.PENDING
    update_object(launch_file, actor="ann", object_id=customers, rejected_rows=300, expect_version=1)
    update_object(launch_file, actor="ann", object_id=customers, target_rows="119700", expect_version=2)
    obj = the_object(launch_file, customers)
    assert (obj.source_rows, obj.rejected_rows, obj.target_rows, obj.version) == (120_000, 300, 119_700, 3)
    assert reconcile(obj).status is ReconStatus.RECONCILED
    update_object(launch_file, actor="ann", object_id=customers, target_rows=None)
    assert the_object(launch_file, customers).target_rows is None


def test_a_difference_is_accepted_with_who_and_when_and_cleared_again(launch_file, customers):
    update_object(launch_file, actor="ann", object_id=customers, target_rows=119_500)
    assert reconcile(the_object(launch_file, customers)).status is ReconStatus.MISMATCH
    update_object(
        launch_file,
        actor="tanaka",
        object_id=customers,
        accept_difference="500 duplicate customers merged on purpose",
    )
    obj = the_object(launch_file, customers)
    assert reconcile(obj).status is ReconStatus.ACCEPTED
    assert (obj.accepted_reason, obj.accepted_by) == ("500 duplicate customers merged on purpose", "tanaka")
    assert obj.accepted_at is not None
    update_object(launch_file, actor="ann", object_id=customers, clear_difference=True)
    obj = the_object(launch_file, customers)
    assert (obj.accepted_reason, obj.accepted_by, obj.accepted_at) == ("", "", None)
    assert reconcile(obj).status is ReconStatus.MISMATCH


def test_counts_given_with_the_acceptance_are_judged_first(launch_file, customers):
    update_object(
        launch_file,
        actor="ann",
        object_id=customers,
        target_rows=100_000,
        accept_difference="Archive not moved",
    )
    assert reconcile(the_object(launch_file, customers)).status is ReconStatus.ACCEPTED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source_rows": -1}, "0 or more"),
        ({"target_rows": -5}, "The target count must be a whole number of rows, 0 or more"),
        ({"rejected_rows": "many"}, "The rejected count must be a whole number"),
        ({"tolerance_rows": -2}, "The tolerance must be"),
        ({"accept_difference": "why"}, "no target count yet"),
        ({"accept_difference": "  "}, "must not be empty"),
        ({"accept_difference": "x", "clear_difference": True}, "not both"),
        ({"name": "Orders"}, "already a migration object named 'Orders'"),
        ({}, "Nothing to change"),
    ],
)
def test_bad_input_names_the_fix_and_leaves_the_file_unchanged(
    launch_file, launch_path, customers, kwargs, message
):
    add_object(launch_file, actor="ann", name="Orders", source_rows=10)
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match=message):
        update_object(launch_file, actor="ann", object_id=customers, **kwargs)
    assert launch_path.read_bytes() == before


def test_nothing_within_tolerance_to_accept(launch_file, customers):
    update_object(launch_file, actor="ann", object_id=customers, target_rows=119_995)
    with pytest.raises(BadInput, match="reconciles within its tolerance"):
        update_object(launch_file, actor="ann", object_id=customers, accept_difference="why")


def test_add_refuses_a_taken_name_and_a_negative_count(launch_file, launch_path, customers):
    before = launch_path.read_bytes()
    with pytest.raises(BadInput, match="already a migration object named 'Customers' \\(#1\\)"):
        add_object(launch_file, actor="ann", name=" Customers ", source_rows=1)
    with pytest.raises(BadInput, match="0 or more"):
        add_object(launch_file, actor="ann", name="Invoices", source_rows=-3)
    assert launch_path.read_bytes() == before


def test_remove_and_a_stale_version(launch_file, customers):
    update_object(launch_file, actor="bob", object_id=customers, owner="bob")
    with pytest.raises(Conflict):
        remove_object(launch_file, actor="ann", object_id=customers, expect_version=1)
    removed = remove_object(launch_file, actor="ann", object_id=customers, expect_version=2)
    assert removed.row["name"] == "Customers" and load_launch(launch_file).objects == ()
