"""The lead's offline review: ``snapshot``, ``diff``, ``note add`` / ``notes``."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.i18n import tr
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
