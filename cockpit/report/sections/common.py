"""What every section starts with, and how a long list is capped to what a lead reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from cockpit.domain.status import Pane, Rag
from cockpit.i18n import tr
from cockpit.report import words
from cockpit.report.blocks import Banner, Block, Heading
from cockpit.report.context import ReportContext
from cockpit.words import labels

T = TypeVar("T")
OK_INK = words.RAG_INK[Rag.GREEN]
WARN_INK = words.RAG_INK[Rag.AMBER]
BAD_INK = words.RAG_INK[Rag.RED]


def opening(ctx: ReportContext, pane: Pane) -> list[Block]:
    """The section's heading and its pane's light, worded as on page 1."""
    return [Heading(labels.pane_title(pane)), Banner(ctx.statuses[pane])]


def capped(rows: Sequence[T], limit: int) -> tuple[list[T], int]:
    """The first ``limit`` rows and how many were left out."""
    return list(rows[:limit]), max(0, len(rows) - limit)


def more_text(left_out: int, pane: Pane) -> str:
    """The closing line of a capped list: how many more, and where they are."""
    if not left_out:
        return ""
    return tr("… and {count} more in the {pane} pane", count=left_out, pane=labels.pane_title(pane))
