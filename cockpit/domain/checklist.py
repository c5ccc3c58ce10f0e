"""Checklist items (チェック項目) by stage and category, from the source material."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from cockpit.domain.refusal import Refusal
from cockpit.i18n import tr


class ItemStage(StrEnum):
    """The three stages of a service-in, as the source material names them."""

    PREPARATION = "preparation"
    GO_LIVE = "go_live"
    FOLLOW_UP = "follow_up"


class Category(StrEnum):
    TESTS = "tests"  # テスト
    DATA_MIGRATION = "data_migration"  # データ移行
    TRAINING = "training"  # 教育・トレーニング
    OPERATIONS_READINESS = "operations_readiness"  # 運用体制
    RISK_MANAGEMENT = "risk_management"  # リスク管理
    DECISION_APPROVAL = "decision_approval"  # 開始判定・承認
    PRODUCTION_MIGRATION = "production_migration"  # 本番移行
    ANNOUNCEMENTS = "announcements"  # 告知
    INITIAL_OPERATIONS = "initial_operations"  # 初期運用
    MONITORING = "monitoring"  # 監視
    SUPPORT = "support"  # サポート
    REVIEWS = "reviews"  # レビュー
    SECURITY = "security"  # セキュリティ
    COMPLIANCE = "compliance"  # コンプライアンス


class ItemStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    N_A = "n_a"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: int
    stage: ItemStage
    category: Category
    title: str
    status: ItemStatus = ItemStatus.NOT_STARTED
    owner: str = ""
    due: datetime | None = None
    blocked_reason: str = ""
    evidence: str = ""
    is_gate: bool = False  # must be done (or n/a) before the go/no-go can say go
    depends_on: tuple[int, ...] = ()
    version: int = 1
    updated_by: str = ""
    updated_at: datetime | None = None


# An item in one of these states needs no more work: it counts as met for gates and dependencies.
FINISHED_STATUSES = frozenset({ItemStatus.DONE, ItemStatus.N_A})


def is_finished(item: ChecklistItem) -> bool:
    """Done, or declared not applicable."""
    return item.status in FINISHED_STATUSES


def is_overdue(item: ChecklistItem, *, now: datetime) -> bool:
    """Its due time has passed and it is neither done nor n/a."""
    return item.due is not None and item.due < now and not is_finished(item)


@dataclass(frozen=True, slots=True)
class Progress:
    """Counts for a set of items. ``overdue`` overlaps the status counts (a blocked item can be overdue)."""

    total: int
    done: int
    blocked: int
    overdue: int
    in_progress: int
    not_started: int
    n_a: int

    @property
    def ratio(self) -> float:
        """Share of applicable items that are done; 1.0 when nothing is applicable."""
        applicable = self.total - self.n_a
        return self.done / applicable if applicable > 0 else 1.0


@dataclass(frozen=True, slots=True)
class ChecklistSummary:
    overall: Progress
    per_stage: dict[ItemStage, Progress]
    per_category: dict[Category, Progress]


def progress_of(items: Iterable[ChecklistItem], *, now: datetime) -> Progress:
    counts = dict.fromkeys(ItemStatus, 0)
    overdue = 0
    for item in items:
        counts[item.status] += 1
        overdue += is_overdue(item, now=now)
    return Progress(
        total=sum(counts.values()),
        done=counts[ItemStatus.DONE],
        blocked=counts[ItemStatus.BLOCKED],
        overdue=overdue,
        in_progress=counts[ItemStatus.IN_PROGRESS],
        not_started=counts[ItemStatus.NOT_STARTED],
        n_a=counts[ItemStatus.N_A],
    )


_STATUS_COUNT = {
    ItemStatus.NOT_STARTED: "not_started",
    ItemStatus.IN_PROGRESS: "in_progress",
    ItemStatus.DONE: "done",
    ItemStatus.BLOCKED: "blocked",
    ItemStatus.N_A: "n_a",
}


def counted(progress: Progress, item: ChecklistItem, *, now: datetime, sign: int = 1) -> Progress:
    """``progress`` with ``item`` counted in (``sign`` 1) or out (-1), as ``progress_of`` counts it at ``now``:
    a group's progress follows one changed item without counting the whole group again."""
    count = _STATUS_COUNT[item.status]
    return replace(
        progress,
        total=progress.total + sign,
        overdue=progress.overdue + sign * is_overdue(item, now=now),
        **{count: getattr(progress, count) + sign},
    )


def combined(parts: Iterable[Progress]) -> Progress:
    """The progress of several disjoint groups together (the stages' sum is the whole checklist's)."""
    total = Progress(total=0, done=0, blocked=0, overdue=0, in_progress=0, not_started=0, n_a=0)
    for part in parts:
        total = Progress(
            total=total.total + part.total,
            done=total.done + part.done,
            blocked=total.blocked + part.blocked,
            overdue=total.overdue + part.overdue,
            in_progress=total.in_progress + part.in_progress,
            not_started=total.not_started + part.not_started,
            n_a=total.n_a + part.n_a,
        )
    return total


def summarize_checklist(items: Iterable[ChecklistItem], *, now: datetime) -> ChecklistSummary:
    """Progress overall, for every stage (even empty ones), and for each category that has items."""
    items = tuple(items)
    per_stage = {stage: progress_of((i for i in items if i.stage == stage), now=now) for stage in ItemStage}
    used = {i.category for i in items}
    per_category = {
        category: progress_of((i for i in items if i.category == category), now=now)
        for category in Category  # enum order, so every view lists categories the same way
        if category in used
    }
    return ChecklistSummary(
        overall=progress_of(items, now=now), per_stage=per_stage, per_category=per_category
    )


def unmet_dependencies(
    item: ChecklistItem, items_by_id: Mapping[int, ChecklistItem]
) -> tuple[ChecklistItem, ...]:
    """The items ``item`` depends on that are not done or n/a yet.

    A dependency missing from ``items_by_id`` is ignored: the schema deletes the link with its item.
    """
    deps = (items_by_id.get(dep_id) for dep_id in item.depends_on)
    return tuple(dep for dep in deps if dep is not None and not is_finished(dep))


def check_removable(item_id: int, dependents: Mapping[int, str]) -> None:
    """Refuse to remove an item others depend on (``dependents``: their ids and titles).

    The schema would drop their links with it, silently changing someone else's items.
    """
    if dependents:
        names = ", ".join(f"#{dep_id} {title}" for dep_id, title in sorted(dependents.items()))
        raise Refusal(
            tr(
                "Item #{id} was not removed: {names} depend(s) on it. Remove that dependency first.",
                id=item_id,
                names=names,
            )
        )


def open_among(dependencies: Mapping[int, tuple[str, ItemStatus]]) -> dict[int, str]:
    """Of an item's ``dependencies`` (id → title and status), those not done or n/a yet, by id."""
    return {
        dep_id: title
        for dep_id, (title, status) in sorted(dependencies.items())
        if status not in FINISHED_STATUSES
    }


def named_items(items: Mapping[int, str]) -> str:
    """Items by id and title, for a sentence: ``#12 “Backup taken”, #13 “Data verified”``."""
    return ", ".join(f"#{item_id} “{title}”" for item_id, title in items.items())


def check_done_allowed(
    item_id: int,
    dependencies: Mapping[int, tuple[str, ItemStatus]],
    *,
    force: bool = False,
    reason: str = "",
) -> dict[int, str]:
    """Whether item ``item_id`` may be marked done while some of its ``dependencies`` (id → title and
    status) are still open; returns the open ones (id → title) a forced done goes over (none: {}).

    Done over an open dependency usually means the order was wrong or a box was ticked early, so it is
    refused unless forced, and a forced done must say why: the team reads that reason afterwards.
    """
    open_ones = open_among(dependencies)
    if not open_ones:
        return {}
    names = named_items(open_ones)
    if not force:
        raise Refusal(
            tr(
                "Item #{id} depends on {names}, not done yet: finish #{first} first, or force #{id} done "
                "with a reason.",
                id=item_id,
                names=names,
                first=next(iter(open_ones)),
            )
        )
    if not reason.strip():
        raise Refusal(
            tr(
                "Forcing #{id} done needs a reason: say why it can be done while these are open: {names}.",
                id=item_id,
                names=names,
            )
        )
    return open_ones
