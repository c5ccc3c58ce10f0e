"""The lead's offline review: ``snapshot``, ``diff``, ``note add`` / ``notes``."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.domain.file_diff import RowChangeKind
from cockpit.i18n import tr
from cockpit.services.diff import compare_files
from cockpit.services.snapshots import save_snapshot


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
