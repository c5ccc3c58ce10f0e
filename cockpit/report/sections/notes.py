"""Review notes: what the lead noted on rows and on the launch (none: no section at all)."""

from __future__ import annotations

from cockpit.i18n import tr
from cockpit.report.blocks import Block, Heading
from cockpit.report.context import ReportContext
from cockpit.report.table import Column, Table
from cockpit.services.review_notes import note_subject
from cockpit.words.moments import table_moment_text

LISTED_NOTES = 40


def blocks(ctx: ReportContext) -> list[Block]:
    if not ctx.notes:
        return []
    newest_first = sorted(ctx.notes, key=lambda note: note.written_at, reverse=True)
    shown = newest_first[:LISTED_NOTES]
    left_out = len(newest_first) - len(shown)
    return [
        Heading(tr("Review notes")),
        Table(
            title=tr("Review notes ({count}, newest first)", count=len(ctx.notes)),
            columns=(
                Column(tr("When"), 1.3),
                Column(tr("Written by"), 1.1),
                Column(tr("On"), 1.6, max_lines=2),
                Column(tr("Note"), 5.0, max_lines=6),
            ),
            rows=[
                (table_moment_text(note.written_at, ctx.zone), note.author, note_subject(note), note.text)
                for note in shown
            ],
            more=tr("… and {count} more: cockpit notes FILE lists them all", count=left_out)
            if left_out
            else "",
        ),
    ]
