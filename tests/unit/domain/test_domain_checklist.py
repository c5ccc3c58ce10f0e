from __future__ import annotations

import pytest

from cockpit.domain.checklist import (
    Category,
    ItemStage,
    ItemStatus,
    Progress,
    check_done_allowed,
    check_removable,
    is_overdue,
    open_among,
    summarize_checklist,
    unmet_dependencies,
)
from cockpit.domain.refusal import Refusal

from .builders import NOW, item, minutes


def test_overdue_when_due_passed_and_work_remains():
    assert is_overdue(item(1, due=NOW - minutes(1)), now=NOW)
    assert is_overdue(item(1, due=NOW - minutes(1), status=ItemStatus.BLOCKED), now=NOW)
    assert is_overdue(item(1, due=NOW - minutes(1), status=ItemStatus.IN_PROGRESS), now=NOW)


def test_not_overdue_when_finished_not_yet_due_or_without_due():
    assert not is_overdue(item(1, due=NOW - minutes(1), status=ItemStatus.DONE), now=NOW)
    assert not is_overdue(item(1, due=NOW - minutes(1), status=ItemStatus.N_A), now=NOW)
    assert not is_overdue(item(1, due=NOW), now=NOW)  # due this very minute is not late yet
    assert not is_overdue(item(1, due=NOW + minutes(1)), now=NOW)
    assert not is_overdue(item(1), now=NOW)


def test_ratio_excludes_not_applicable_items():
    progress = Progress(total=10, done=6, blocked=0, overdue=0, in_progress=0, not_started=2, n_a=2)
    assert progress.ratio == 0.75


def test_ratio_is_full_when_nothing_is_applicable():
    assert Progress(0, 0, 0, 0, 0, 0, 0).ratio == 1.0
    assert Progress(total=2, done=0, blocked=0, overdue=0, in_progress=0, not_started=0, n_a=2).ratio == 1.0


def test_summary_counts_each_status_and_overdue_overlaps_them():
    items = [
        item(1, status=ItemStatus.DONE),
        item(2, status=ItemStatus.BLOCKED, due=NOW - minutes(5)),
        item(3, status=ItemStatus.IN_PROGRESS, due=NOW - minutes(5)),
        item(4),
        item(5, status=ItemStatus.N_A, due=NOW - minutes(5)),
    ]
    overall = summarize_checklist(items, now=NOW).overall
    assert overall == Progress(total=5, done=1, blocked=1, overdue=2, in_progress=1, not_started=1, n_a=1)
    assert overall.ratio == 0.25


def test_summary_has_every_stage_but_only_used_categories():
    items = [
        item(1, stage=ItemStage.GO_LIVE, category=Category.SECURITY, status=ItemStatus.DONE),
        item(2, stage=ItemStage.GO_LIVE, category=Category.TESTS),
        item(3, stage=ItemStage.PREPARATION, category=Category.SECURITY),
    ]
    summary = summarize_checklist(items, now=NOW)
    assert list(summary.per_stage) == list(ItemStage)
    assert summary.per_stage[ItemStage.FOLLOW_UP].total == 0
    assert summary.per_stage[ItemStage.GO_LIVE].done == 1
    assert summary.per_stage[ItemStage.GO_LIVE].total == 2
    assert list(summary.per_category) == [Category.TESTS, Category.SECURITY]  # enum order
    assert summary.per_category[Category.SECURITY].total == 2


def test_empty_checklist_summary():
    summary = summarize_checklist([], now=NOW)
    assert summary.overall.total == 0
    assert summary.overall.ratio == 1.0
    assert set(summary.per_stage) == set(ItemStage)
    assert summary.per_category == {}


def test_unmet_dependencies_lists_only_unfinished_ones_in_order():
    deps = {
        1: item(1, status=ItemStatus.DONE),
        2: item(2, status=ItemStatus.N_A),
        3: item(3, status=ItemStatus.BLOCKED),
        4: item(4, status=ItemStatus.IN_PROGRESS),
    }
    target = item(9, depends_on=(4, 1, 2, 3, 77))  # 77: deleted, its link went with it
    assert [d.id for d in unmet_dependencies(target, deps)] == [4, 3]
    assert unmet_dependencies(item(10), deps) == ()


def test_an_item_others_depend_on_is_not_removable_and_they_are_named():
    check_removable(3, {})
    with pytest.raises(Refusal, match=r"Item #3 was not removed: #4 Freeze, #9 Switch DNS depend"):
        check_removable(3, {9: "Switch DNS", 4: "Freeze"})


# -- done while an item it depends on is open ---------------------------------------------------------------


def test_done_with_every_dependency_finished_is_allowed() -> None:
    finished = {1: ("Backup", ItemStatus.DONE), 2: ("Old reports", ItemStatus.N_A)}
    assert check_done_allowed(5, finished) == {}
    assert check_done_allowed(5, {}) == {}


def test_done_over_open_dependencies_is_refused_naming_them_and_the_fix() -> None:
    dependencies = {
        13: ("Data verified", ItemStatus.BLOCKED),
        12: ("Backup taken", ItemStatus.IN_PROGRESS),
        1: ("UAT", ItemStatus.DONE),
    }
    assert open_among(dependencies) == {12: "Backup taken", 13: "Data verified"}
    with pytest.raises(Refusal) as refused:
        check_done_allowed(20, dependencies)
    message = str(refused.value)
    assert "#12 “Backup taken”, #13 “Data verified”" in message
    assert "finish #12 first, or force #20 done with a reason" in message
    assert "UAT" not in message


def test_a_forced_done_needs_a_reason_and_returns_what_it_goes_over() -> None:
    dependencies = {12: ("Backup taken", ItemStatus.NOT_STARTED)}
    with pytest.raises(Refusal, match="needs a reason"):
        check_done_allowed(20, dependencies, force=True, reason="  ")
    assert check_done_allowed(20, dependencies, force=True, reason="vendor confirmed") == {12: "Backup taken"}
