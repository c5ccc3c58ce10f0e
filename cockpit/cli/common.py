"""What several commands share: the acting person, opening a file, printing a written row."""

from __future__ import annotations

import argparse
import getpass
import json
import os
from pathlib import Path

from cockpit.i18n import tr
from cockpit.store.launchfile import LaunchFile, open_launch


def os_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no USER variable
        return os.environ.get("USERNAME", "unknown")


def add_actor(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="actor",
        default=None,
        metavar="NAME",
        help=tr("who makes the change (default: your OS login)"),
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=tr("print JSON for scripts"))


def add_expect_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--expect-version",
        type=int,
        default=None,
        metavar="N",
        help=tr("fail with exit 3 if the row is no longer at version N (someone else changed it)"),
    )


def actor_of(args: argparse.Namespace) -> str:
    return args.actor or os_login()


def open_file(path: str, *, read_only: bool = False) -> LaunchFile:
    return open_launch(Path(path), read_only=read_only)


def print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_row(kind: str, row: dict, *, as_json: bool) -> None:
    if as_json:
        print_json(row)
        return
    print(tr("{kind} #{id} written (version {version})", kind=kind, id=row["id"], version=row["version"]))
    for key, value in row.items():
        if key not in ("id", "version") and value not in (None, ""):
            print(f"  {key}: {value}")


def print_removed(kind: str, row: dict, *, as_json: bool) -> None:
    """A removed row, named with its last version (``--json``: the whole row as it was)."""
    if as_json:
        print_json(row)
        return
    print(
        tr(
            "{kind} #{id} removed (it was at version {version})",
            kind=kind,
            id=row["id"],
            version=row["version"],
        )
    )
