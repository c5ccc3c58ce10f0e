"""Checklist items (チェック項目) by stage and category, from the source material."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


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
