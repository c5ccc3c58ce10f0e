"""The panes of the window, in navigation order (Ctrl+1 … Ctrl+7 follow this order).

To add a pane, write ``panes/<name>/view.py`` with a ``BasePane`` subclass and replace its line here.
"""

from __future__ import annotations

from cockpit.ui.panes.base import BasePane
from cockpit.ui.panes.checklist.view import ChecklistPane
from cockpit.ui.panes.hypercare.view import HypercarePane
from cockpit.ui.panes.migration.view import MigrationPane
from cockpit.ui.panes.overview.view import OverviewPane
from cockpit.ui.panes.results.view import TestsPane
from cockpit.ui.panes.risks.view import RisksPane
from cockpit.ui.panes.support.view import SupportPane

PANES: tuple[type[BasePane], ...] = (
    OverviewPane,
    ChecklistPane,
    TestsPane,
    MigrationPane,
    RisksPane,
    SupportPane,
    HypercarePane,
)
