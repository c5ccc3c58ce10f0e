"""Review notes: a lead's note on a row or on the launch (``cockpit note add``, the Notes view).

In the live file a note is a row of ``review_notes`` (audited like any edit). A snapshot is read-only, so a
note written while reading one goes into a small notes file beside it (``NAME.golive.notes.json``), which
the lead sends and the team imports into the live file (``cockpit notes import``); importing the same
file again adds nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cockpit.changes import Changes
from cockpit.domain.refusal import Refusal
from cockpit.domain.review_notes import ReviewNote, checked_note_text
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.atomic_write import write_atomically
from cockpit.services.edits import Edit
from cockpit.services.rules import refusals_as_bad_input, stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.words.rows import row_noun

NOTES_FORMAT = "go-live-cockpit/review-notes"
NOTES_SUFFIX = ".notes.json"


@dataclass(frozen=True, slots=True)
class NoteAdded:
    """Where a note went: a row of the live file (``edit``), or a snapshot's notes file (``notes_file``)."""

    note: ReviewNote
    edit: Edit | None = None
    notes_file: Path | None = None

    @property
    def changes(self) -> Changes:
        return self.edit.changes if self.edit is not None else Changes()


def notes_file_of(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + NOTES_SUFFIX)


def add_note(
    lf: LaunchFile,
    *,
    actor: str,
    text: str,
    now: datetime,
    table: str | None = None,
    row_id: int | None = None,
) -> NoteAdded:
    """Attach a note to ``table``/``row_id`` (both None: to the launch)."""
    if (table is None) != (row_id is None):
        raise BadInput(
            tr("A note on a row needs both the kind of row and its id, e.g. --table checklist --id 12.")
        )
    with refusals_as_bad_input():
        cleaned = checked_note_text(text)
    with lf.reading() as conn:
        _check_row(conn, table, row_id)
    note = ReviewNote(None, table, row_id, cleaned, actor, now)
    if lf.snapshot is not None:
        path = notes_file_of(lf.path)
        _write_notes_file(path, (*read_notes_file(path), note), source=lf.snapshot.source)
        return NoteAdded(note, notes_file=path)
    with lf.writing(actor) as w:
        row = w.insert("review_notes", _values(note))
        return NoteAdded(note, edit=Edit(row, w.changes))


def list_notes(lf: LaunchFile) -> tuple[ReviewNote, ...]:
    """The file's notes, oldest first; for a snapshot, those of its notes file after them."""
    with lf.reading() as conn:
        found = tuple(
            ReviewNote(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]))
            for r in conn.execute(
                "SELECT id, table_name, row_id, text, author, written_at FROM review_notes ORDER BY written_at, id"
            )
        )
    if lf.snapshot is not None:
        found += read_notes_file(notes_file_of(lf.path))
    return tuple(sorted(found, key=lambda note: note.written_at))


def import_notes(lf: LaunchFile, *, actor: str, notes_file: Path) -> tuple[ReviewNote, ...]:
    """Add the notes of a snapshot's notes file that the live file does not hold yet; return those added."""
    notes = read_notes_file(notes_file, must_exist=True)
    known = {note.key() for note in list_notes(lf)}
    fresh = [note for note in notes if note.key() not in known]
    if not fresh:
        return ()
    with lf.writing(actor) as w:
        for note in fresh:
            w.insert("review_notes", _values(note), summary=tr("imported from {file}", file=notes_file.name))
    return tuple(fresh)


def _values(note: ReviewNote) -> dict[str, Any]:
    return {
        "table_name": note.table,
        "row_id": note.row_id,
        "text": note.text,
        "author": note.author,
        "written_at": stamp(note.written_at),
    }


def _check_row(conn: Any, table: str | None, row_id: int | None) -> None:
    if table is None:
        return
    try:
        found = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone()
    except Exception:  # no such table: the caller named a kind of row we do not have
        found = None
    if found is None:
        raise BadInput(
            tr(
                "There is no {row} in this launch; check the id (the pane shows it).",
                row=row_noun(table, row_id),
            )
        )


def read_notes_file(path: Path, *, must_exist: bool = False) -> tuple[ReviewNote, ...]:
    if not path.exists():
        if must_exist:
            raise BadInput(
                tr("{path} does not exist. Check the path of the notes file you were sent.", path=path)
            )
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != NOTES_FORMAT:
            raise ValueError("format")
        return tuple(
            ReviewNote(
                None,
                item.get("table"),
                item.get("row_id"),
                checked_note_text(item["text"]),
                str(item["author"]),
                datetime.fromisoformat(item["written_at"]),
            )
            for item in data["notes"]
        )
    except (ValueError, KeyError, TypeError, AttributeError, OSError, Refusal) as exc:
        raise BadInput(
            tr(
                "{path} is not a review notes file ({error}); import the .notes.json file saved beside a snapshot.",
                path=path,
                error=exc,
            )
        ) from None


def _write_notes_file(path: Path, notes: tuple[ReviewNote, ...], *, source: str) -> None:
    data = {
        "format": NOTES_FORMAT,
        "snapshot_of": source,
        "notes": [
            {
                "table": note.table,
                "row_id": note.row_id,
                "text": note.text,
                "author": note.author,
                "written_at": note.written_at.isoformat(timespec="seconds"),
            }
            for note in notes
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2)

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomically(path, write, what=tr("the review notes"))


def note_subject(note: ReviewNote) -> str:
    """What the note is on: "checklist item #12", or "the launch"."""
    return row_noun(note.table, note.row_id) if note.table else tr("the launch")


def note_json(note: ReviewNote) -> dict[str, Any]:
    return {
        "id": note.id,
        "table": note.table,
        "row_id": note.row_id,
        "on": note_subject(note),
        "text": note.text,
        "author": note.author,
        "written_at": note.written_at.isoformat(),
    }
