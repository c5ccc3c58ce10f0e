"""What an import says when it first removed what an earlier import, cut off part-way, had left out of sight."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from cockpit.i18n import tr
from cockpit.store.staging import RUNS, Abandoned
from cockpit.words.moments import moment_text


def cleanup_notes(cleaned_up: Sequence[Abandoned], zone: tzinfo) -> tuple[str, ...]:
    """One line for each import that died part-way: what it had written, never shown, is now removed."""
    return tuple(_note(abandoned, zone) for abandoned in cleaned_up)


def _note(abandoned: Abandoned, zone: tzinfo) -> str:
    if abandoned.table == RUNS:
        return tr(
            "Removed {rows} test cases of run “{name}” that {who} began importing at {when}: that import was "
            "cut off before it finished, so they were never shown. Import those results again if needed.",
            rows=f"{abandoned.rows:,}",
            name=abandoned.label,
            who=abandoned.actor,
            when=moment_text(abandoned.started_at, zone),
        )
    return tr(
        "Removed {rows} rows from {name} that {who} began importing at {when}: that import was cut off "
        "before it finished, so they were never shown. Import that file again if needed.",
        rows=f"{abandoned.rows:,}",
        name=abandoned.label,
        who=abandoned.actor,
        when=moment_text(abandoned.started_at, zone),
    )
