"""What an import says when it first removed what an earlier import, cut off part-way, had left out of sight."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from cockpit.domain.moments import zone_of
from cockpit.i18n import tr
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import RUNS, Abandoned, clean_abandoned
from cockpit.words.moments import moment_text


def clean_up_abandoned_imports(launch_file: LaunchFile, *, actor: str) -> tuple[str, ...]:
    """Remove what imports cut off part-way had left in ``launch_file``, once their importers are gone (as
    the next import does; the window does it on opening a file): one line for each, to say so."""
    cleaned_up = clean_abandoned(launch_file, actor=actor)
    if not cleaned_up:
        return ()
    with launch_file.reading() as conn:
        zone = zone_of(conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()[0])
    return cleanup_notes(cleaned_up, zone)


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
