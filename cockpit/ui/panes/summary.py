"""A pane that shows its light, its headline and the reason: what a pane is before its full view lands.

Tests, Migration, Risks and Support start as these; each is replaced by its own folder's pane in
``registry.PANES``.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Pane, pane_statuses
from cockpit.ui.panes.base import BasePane
from cockpit.ui.session import LaunchSession
from cockpit.ui.theme import RAG_LOOKS, rag_word, scaled_font


class StatusSummaryPane(BasePane):
    status_of: ClassVar[Pane]

    def __init__(self, session: LaunchSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading = QLabel(self.title())
        self.heading.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.light = QLabel()
        self.light.setFont(scaled_font(self.font(), 1.4, bold=True))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for widget in (self.heading, self.light, self.reason):
            layout.addWidget(widget)
        layout.addStretch(1)

    def apply_data(self, data: LaunchData, now: datetime) -> None:
        status = pane_statuses(data, now=now)[self.status_of]
        look = RAG_LOOKS[status.rag]
        self.light.setText(f"{look.symbol} {rag_word(status.rag)} · {status.headline}")
        self.light.setStyleSheet(
            f"background: {look.fill}; border-left: 6px solid {look.colour}; padding: 6px 10px;"
        )
        self.reason.setText(status.reason)


class TestsSummaryPane(StatusSummaryPane):
    __test__ = False  # not a pytest class
    pane_id = "tests"
    status_of = Pane.TESTS
    tables = frozenset({"test_runs", "test_cases", "gate_criteria"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Tests")


class MigrationSummaryPane(StatusSummaryPane):
    pane_id = "migration"
    status_of = Pane.MIGRATION
    tables = frozenset({"runbook_steps", "migration_objects"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Migration")


class RisksSummaryPane(StatusSummaryPane):
    pane_id = "risks"
    status_of = Pane.RISKS
    tables = frozenset({"risks"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Risks")


class SupportSummaryPane(StatusSummaryPane):
    pane_id = "support"
    status_of = Pane.SUPPORT
    tables = frozenset({"tickets", "sla_policies"})

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("panes", "Support")

    def tick(self, now: datetime) -> None:
        # SLA clocks run on their own; refresh the light once a minute rather than every second.
        if now.second == 0 and self.session.data is not None:
            self.apply_data(self.session.data, now)
