"""What every section of the report reads: the data, the moment, the launch's zone and the panes' lights.

Its own module, below ``build`` and the sections alike: ``build`` imports the sections to lay them out, and
each section takes this context, so neither has to import the other back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from cockpit.domain.launch import LaunchData
from cockpit.domain.review_notes import ReviewNote
from cockpit.domain.status import Pane, PaneStatus, pane_statuses
from cockpit.services.status import build_status


@dataclass(frozen=True)
class ReportContext:
    """What every section reads: the data, the moment of the report, and the panes' lights at that moment."""

    data: LaunchData
    now: datetime
    zone: tzinfo
    statuses: dict[Pane, PaneStatus]
    status: dict  # what `cockpit status --json` prints for the same data and moment
    notes: tuple[ReviewNote, ...] = ()  # the review notes (services/review_notes), read beside the data

    @classmethod
    def of(cls, data: LaunchData, now: datetime, *, notes: tuple[ReviewNote, ...] = ()) -> ReportContext:
        return cls(
            data=data,
            now=now,
            zone=data.launch.zone,
            statuses=pane_statuses(data, now=now),
            status=build_status(data, now=now),
            notes=notes,
        )
