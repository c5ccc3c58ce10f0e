"""A change to some checklist items reaches the tree as those rows only: no reset, the selection and the
expansion stay, a blocked item gains its reason row, and added or removed items come and go as rows."""

from __future__ import annotations

from cockpit.domain.checklist import Category, ChecklistItem, ItemStage, ItemStatus
from cockpit.ui.panes.checklist.model import Column, Role
from tests.ui.model_spy import ModelSpy, plus_row, with_row, without_row


def checklist(make_window, path):
    window = make_window(path)
    window.show_pane("checklist")
    pane = window.pane("checklist")
    return window.session.data, pane


def select(pane, item_id: int) -> None:
    pane.tree.setCurrentIndex(pane.view_index(pane.model.index_of_item(item_id)))


def test_a_status_change_repaints_the_item_its_category_and_its_stage_and_keeps_the_selection(
    make_window, small_launch, qtmodeltester
):
    data, pane = checklist(make_window, small_launch)
    select(pane, 3)
    spy = ModelSpy(pane.model, Role.KEY)
    changed, changes = with_row(data, "checklist", "checklist_items", 3, status=ItemStatus.DONE)
    pane.apply_data(changed, pane._now, changes)
    assert spy.kinds() == {"changed"}
    assert {e[3] for e in spy.events} == {"preparation/training", "preparation", None}
    assert spy.changed_rows() == 3  # the item, its category, its stage
    assert pane.selected_item().id == 3
    assert pane.model.index(0, Column.STATUS).data() == "2 of 4 done · 50%"
    assert pane.summary.text().startswith("2 of 5 applicable items done")
    qtmodeltester.check(pane.model)


def test_an_item_that_becomes_blocked_gains_its_reason_row_and_loses_it_when_unblocked(
    make_window, small_launch, qtmodeltester
):
    data, pane = checklist(make_window, small_launch)
    select(pane, 2)
    spy = ModelSpy(pane.model, Role.KEY)
    blocked, changes = with_row(
        data, "checklist", "checklist_items", 2, status=ItemStatus.BLOCKED, blocked_reason="No test data"
    )
    pane.apply_data(blocked, pane._now, changes)
    assert "reset" not in spy.kinds() and ("inserted", 0, 0, "item/2") in spy.events
    reason = pane.view_index(pane.model.index(0, 0, pane.model.index_of_item(2)))
    assert reason.data() == "⊘ Blocked: No test data"
    assert pane.tree.isFirstColumnSpanned(reason.row(), reason.parent())
    assert pane.tree.isExpanded(reason.parent())
    assert pane.selected_item().id == 2
    spy.events.clear()
    unblocked, changes = with_row(blocked, "checklist", "checklist_items", 2, status=ItemStatus.IN_PROGRESS)
    pane.apply_data(unblocked, pane._now, changes)
    assert "reset" not in spy.kinds() and ("removed", 0, 0, "item/2") in spy.events
    assert pane.model.rowCount(pane.model.index_of_item(2)) == 0
    qtmodeltester.check(pane.model)


def test_added_and_removed_items_insert_and_remove_rows_with_their_category_and_stage(
    make_window, small_launch, qtmodeltester
):
    data, pane = checklist(make_window, small_launch)
    select(pane, 1)
    spy = ModelSpy(pane.model, Role.KEY)
    new_item = ChecklistItem(
        7, ItemStage.FOLLOW_UP, Category.MONITORING, "Dashboards watched", status=ItemStatus.BLOCKED
    )
    added, changes = plus_row(data, "checklist", "checklist_items", new_item)
    pane.apply_data(added, pane._now, changes)
    assert "reset" not in spy.kinds()
    inserted = [e for e in spy.events if e[0] == "inserted"]
    assert [e[3] for e in inserted] == ["follow_up", "follow_up/monitoring"]  # the category, then the item
    assert pane.model.index_of_item(7).isValid()
    assert 7 in pane.visible_item_ids()
    assert pane.tree.isExpanded(pane.view_index(pane.model.index_of_item(7).parent()))
    spy.events.clear()
    removed, changes = without_row(added, "checklist", "checklist_items", 6)  # the last Retrospective
    pane.apply_data(removed, pane._now, changes)
    assert "reset" not in spy.kinds()
    assert [e[0] for e in spy.events if e[0] != "changed"] == ["removed", "removed"]  # item, then category
    assert 6 not in pane.visible_item_ids()
    assert pane.selected_item().id == 1
    spy.events.clear()
    gone, changes = without_row(removed, "checklist", "checklist_items", 7)
    pane.apply_data(gone, pane._now, changes)
    assert [e for e in spy.events if e[0] == "removed"][-1] == ("removed", 2, 2, None)  # the stage
    stages = [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]
    assert stages == ["Preparation", "Go-live"]
    qtmodeltester.check(pane.model)


def test_an_item_moved_to_another_category_follows_with_the_selection(make_window, small_launch):
    data, pane = checklist(make_window, small_launch)
    select(pane, 3)
    moved, changes = with_row(data, "checklist", "checklist_items", 3, category=Category.TESTS)
    pane.apply_data(moved, pane._now, changes)
    assert pane.model.index_of_item(3).parent().data(Role.KEY) == "preparation/tests"
    assert pane.selected_item().id == 3
    assert pane.model.index(0, Column.STATUS, pane.model.index(0, 0)).data() == "1 of 3 done · 33%"


def test_a_dependent_item_repaints_its_dependency_column(make_window, small_launch):
    data, pane = checklist(make_window, small_launch)
    spy = ModelSpy(pane.model, Role.KEY)
    done, changes = with_row(data, "checklist", "checklist_items", 2, status=ItemStatus.DONE)
    pane.apply_data(done, pane._now, changes)
    five = pane.model.index_of_item(5, Column.DEPENDS_ON)
    assert ("changed", five.row(), five.row(), "go_live/production_migration") in spy.events
    assert "#2 ✔" in five.data()


def test_an_item_added_and_removed_again_before_the_pane_drew_it_changes_nothing(make_window, small_launch):
    data, pane = checklist(make_window, small_launch)
    spy = ModelSpy(pane.model, Role.KEY)
    _, changes = plus_row(
        data, "checklist", "checklist_items", ChecklistItem(8, ItemStage.GO_LIVE, Category.TESTS, "x")
    )
    pane.apply_data(data, pane._now, changes)  # item 8 named by the change, gone from the data
    assert spy.events == []


def test_counts_follow_random_patches_as_a_full_count_gives_them(make_window, demo_file):
    """The groups' progress, the summary and the owner filter are counted per changed item, not over the
    whole checklist: after every patch (status, owner, another stage or due time, an add, a removal, the
    clock moving on) they equal what counting every item gives."""
    import random
    from datetime import timedelta

    from cockpit.domain.checklist import progress_of

    data, pane = checklist(make_window, demo_file)
    rnd = random.Random(8)
    now = pane._now
    next_id = max(i.id for i in data.checklist) + 1
    for step in range(60):
        ids = [i.id for i in data.checklist]
        kind = rnd.choice(["status", "status", "owner", "stage", "due", "add", "remove", "tick"])
        if kind == "tick":
            now += timedelta(days=rnd.randint(1, 20))
            pane.tick(now)
        else:
            if kind == "add":
                item = ChecklistItem(
                    next_id,
                    rnd.choice(list(ItemStage)),
                    rnd.choice(list(Category)),
                    f"new {step}",
                    owner="zoe",
                )
                data, changes = plus_row(data, "checklist", "checklist_items", item)
                next_id += 1
            elif kind == "remove":
                data, changes = without_row(data, "checklist", "checklist_items", rnd.choice(ids))
            else:
                row_id = rnd.choice(ids)
                values = {
                    "status": {"status": rnd.choice(list(ItemStatus))},
                    "owner": {"owner": rnd.choice(["", "amy", "zoe"])},
                    "stage": {"stage": rnd.choice(list(ItemStage))},
                    "due": {"due": now + timedelta(days=rnd.randint(-5, 5))},
                }[kind]
                data, changes = with_row(data, "checklist", "checklist_items", row_id, **values)
            pane.apply_data(data, now, changes)
        items = data.checklist
        for stage in range(pane.model.rowCount()):
            stage_index = pane.model.index(stage, 0)
            stage_node = pane.model._node(stage_index)
            assert stage_node.progress == progress_of(stage_node.items(), now=pane._now), (step, kind)
            for category in range(pane.model.rowCount(stage_index)):
                node = pane.model._node(pane.model.index(category, 0, stage_index))
                assert node.progress == progress_of(node.items(), now=pane._now), (step, kind)
        total = progress_of(items, now=pane._now)
        assert pane.model.overall() == total
        assert pane.summary.text().startswith(
            f"{total.done} of {total.total - total.n_a} applicable items done"
        )
        owners = [pane.owner_filter.itemData(r) for r in range(1, pane.owner_filter.count())]
        assert owners == sorted({i.owner for i in items if i.owner}), (step, kind)
