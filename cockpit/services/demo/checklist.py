"""Checklist items: preparation mostly done, the go-live stage under way, follow-up not started."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from cockpit.domain.checklist import ItemStage, ItemStatus
from cockpit.services.demo.catalog import (
    BLOCKED_ITEMS,
    CATEGORY_OWNERS,
    CHECKLIST,
    GATE_ITEMS,
    GO_LIVE_ITEMS,
    ITEM_DEPENDS,
)
from cockpit.services.demo.context import Demo, iso
from cockpit.store.writer import Writer

BASE_ITEMS = tuple((stage, category, key) for (stage, category), keys in CHECKLIST.items() for key in keys)
_INDEX = {key: index for index, (_, _, key) in enumerate(BASE_ITEMS)}
_STAGE = {key: stage for stage, _, key in BASE_ITEMS}


def _must_be_done() -> frozenset[str]:
    """Preparation gates are done, and so is everything they depend on."""
    pending = [k for k in GATE_ITEMS if _STAGE[k] is ItemStage.PREPARATION and k not in BLOCKED_ITEMS]
    done: set[str] = set()
    while pending:
        key = pending.pop()
        if key not in done:
            done.add(key)
            pending.extend(ITEM_DEPENDS.get(key, ()))
    return frozenset(done)


MUST_BE_DONE = _must_be_done()


def _preparation_status(demo: Demo, key: str) -> ItemStatus:
    if key in BLOCKED_ITEMS:
        return ItemStatus.BLOCKED
    roll = demo.rng.random()
    if key in MUST_BE_DONE or roll < 0.86:
        return ItemStatus.DONE
    if roll < 0.92:
        return ItemStatus.IN_PROGRESS
    if roll < 0.95:
        return ItemStatus.N_A
    return ItemStatus.NOT_STARTED


def _state(demo: Demo, stage: ItemStage, key: str) -> tuple[ItemStatus, datetime]:
    """(status, due) of one item."""
    if stage is ItemStage.PREPARATION:
        status = _preparation_status(demo, key)
        due = demo.go_live - timedelta(days=demo.rng.randint(2, 60), hours=demo.rng.randint(0, 8))
    elif stage is ItemStage.GO_LIVE:
        status, hours = GO_LIVE_ITEMS[key]
        due = demo.go_live + timedelta(hours=hours)
    else:
        status = ItemStatus.NOT_STARTED
        due = demo.go_live + timedelta(days=demo.rng.randint(2, 60), hours=demo.rng.randint(0, 8))
    return status, due


def write_checklist(w: Writer, demo: Demo) -> None:
    text = demo.text
    rows: list[dict[str, Any]] = []
    deps: list[dict[str, Any]] = []
    status_of: dict[int, str] = {}
    for offset in range(demo.scale.checklist):
        copy, index = divmod(offset, len(BASE_ITEMS))
        stage, category, key = BASE_ITEMS[index]
        item_id = offset + 1
        status, due = _state(demo, stage, key)
        depends_on = [copy * len(BASE_ITEMS) + _INDEX[d] + 1 for d in ITEM_DEPENDS.get(key, ())]
        # Nothing is done while something it depends on is not.
        if status is ItemStatus.DONE and any(status_of[d] not in ("done", "n_a") for d in depends_on):
            status = ItemStatus.IN_PROGRESS
        evidence = ""
        if status is ItemStatus.DONE and demo.rng.random() < 0.7:
            evidence = demo.rng.choice(text["evidence"])
        rows.append(
            {
                "id": item_id,
                "stage": stage.value,
                "category": category.value,
                "title": demo.variant(text["checklist"][key], copy),
                "status": status.value,
                "owner": demo.owner(CATEGORY_OWNERS[category]),
                "due": iso(due),
                "blocked_reason": text["blocked_reasons"][key] if status is ItemStatus.BLOCKED else "",
                "evidence": evidence,
                "is_gate": int(copy == 0 and key in GATE_ITEMS),
            }
        )
        status_of[item_id] = status.value
        deps += [{"item_id": item_id, "depends_on_id": d} for d in depends_on]
    w.insert_many("checklist_items", rows, summary="demo: checklist")
    w.insert_many("checklist_deps", deps, summary="demo: checklist dependencies")
