"""The lead's offline review: ``snapshot``, ``diff``, ``note add`` / ``notes``."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.around_commands import ROW_TABLES, launch_zone, table_of
from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.domain.file_diff import RowChangeKind
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.services.diff import compare_files
from cockpit.services.review_notes import add_note, import_notes, list_notes, note_json, note_subject
from cockpit.services.snapshots import save_snapshot
from cockpit.words.moments import table_moment_text


def register(commands: argparse._SubParsersAction) -> None:
    snapshot = commands.add_parser(
        "snapshot", help=tr("save a consistent read-only copy of the launch for offline review")
    )
    snapshot.add_argument("file", metavar="FILE")
    snapshot.add_argument(
        "--out",
        default=None,
        metavar="PATH",
        help=tr("the copy to write, or a folder to write it in (default: the current folder)"),
    )
    add_actor(snapshot)
    add_json(snapshot)
    snapshot.set_defaults(run=_snapshot)

    diff = commands.add_parser("diff", help=tr("what changed between two launch files, pane by pane"))
    diff.add_argument("old", metavar="OLD", help=tr("the earlier file (a snapshot, say)"))
    diff.add_argument("new", metavar="NEW", help=tr("the later file (the live file, say)"))
    add_json(diff)
    diff.set_defaults(run=_diff)

    note = commands.add_parser("note", help=tr("review notes: add one to a row or to the launch"))
    note_commands = note.add_subparsers(dest="note_command", metavar="add", required=True)
    add = note_commands.add_parser("add", help=tr("attach a review note to a row, or to the launch"))
    add.add_argument("file", metavar="FILE")
    add.add_argument("--table", metavar="|".join(ROW_TABLES), default=None, help=tr("the row's kind"))
    add.add_argument("--id", type=int, metavar="N", default=None, help=tr("the row's id (with --table)"))
    add.add_argument("--text", required=True, help=tr("what you noticed"))
    add_actor(add)
    add_json(add)
    add.set_defaults(run=_note_add)

    notes = commands.add_parser(
        "notes",
        help=tr("list the review notes (notes FILE), or import a snapshot's notes (notes import FILE NOTES)"),
    )
    notes.add_argument("words", nargs="+", metavar="FILE | import FILE NOTES")
    add_actor(notes)
    add_json(notes)
    notes.set_defaults(run=_notes)


def _snapshot(args: argparse.Namespace) -> int:
    with open_file(args.file) as lf:
        path = save_snapshot(
            lf, out=Path(args.out) if args.out else None, actor=actor_of(args), now=datetime.now(UTC)
        )
    if args.json:
        print_json({"path": str(path)})
    else:
        print(tr("Saved a snapshot to {path}; it opens read-only.", path=path))
    return 0


def _diff(args: argparse.Namespace) -> int:
    found = compare_files(Path(args.old), Path(args.new))
    if args.json:
        print_json(found.as_json())
        return 0
    if not found.panes:
        print(tr("No differences: {new} holds what {old} holds.", old=args.old, new=args.new))
        return 0
    for pane in found.panes:
        counts = tr(
            "{added} added, {removed} removed, {changed} changed",
            added=pane.count(RowChangeKind.ADDED),
            removed=pane.count(RowChangeKind.REMOVED),
            changed=pane.count(RowChangeKind.CHANGED),
        )
        print(f"{pane.title} ({counts})")
        for line in pane.summary:
            print(f"  * {line}")
        for row in pane.rows:
            print(f"    {row.line()}")
    return 0


def _note_add(args: argparse.Namespace) -> int:
    table = table_of(args.table)
    with open_file(args.file) as lf:
        added = add_note(
            lf, actor=actor_of(args), text=args.text, now=datetime.now(UTC), table=table, row_id=args.id
        )
    if args.json:
        print_json(
            added.edit.row if added.edit else {"notes_file": str(added.notes_file), "text": added.note.text}
        )
    elif added.notes_file is not None:
        print(
            tr(
                "{file} is a snapshot, so the note went into {notes}. Send that file to the team; they add it "
                "to the live file with: cockpit notes import LIVE_FILE {notes}",
                file=args.file,
                notes=added.notes_file,
            )
        )
    else:
        print(tr("Review note #{id} written.", id=added.edit.row["id"] if added.edit else "?"))
    return 0


def _notes(args: argparse.Namespace) -> int:
    words = args.words
    if words[0] == "import":
        if len(words) != 3:
            raise BadInput(tr("Write it as: cockpit notes import FILE NOTES_FILE"))
        with open_file(words[1]) as lf:
            added = import_notes(lf, actor=actor_of(args), notes_file=Path(words[2]))
        if args.json:
            print_json({"imported": len(added)})
        else:
            print(
                ntr(
                    "Imported {count} review note into {file}.",
                    "Imported {count} review notes into {file}.",
                    len(added),
                    count=len(added),
                    file=words[1],
                )
            )
        return 0
    if len(words) != 1:
        raise BadInput(tr("Write it as: cockpit notes FILE, or cockpit notes import FILE NOTES_FILE"))
    with open_file(words[0], read_only=True) as lf:
        found = list_notes(lf)
        zone = launch_zone(lf)
    if args.json:
        print_json([note_json(note) for note in found])
        return 0
    if not found:
        print(tr("No review notes yet."))
    for note in found:
        print(f"{table_moment_text(note.written_at, zone)}  {note.author}  {note_subject(note)}: {note.text}")
    return 0
