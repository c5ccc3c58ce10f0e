"""What several commands share: the acting person, an edit's arguments, opening a file, printing a written row."""

from __future__ import annotations

import argparse
import importlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit.i18n import tr

if TYPE_CHECKING:  # every command imports this module: the store loads when a command opens a file
    from cockpit.services.edits import Edit
    from cockpit.store.launchfile import LaunchFile


def os_login() -> str:
    import getpass  # with termios: only a command that writes asks who is acting

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


def edit_parser(
    group: argparse._SubParsersAction, name: str, help_text: str, *, update: bool
) -> argparse.ArgumentParser:
    """A subcommand that writes to FILE as ``--as``; ``update``: it changes a row, so ``--expect-version`` too."""
    parser = group.add_parser(name, help=help_text)
    parser.add_argument("file", metavar="FILE")
    add_actor(parser)
    add_json(parser)
    if update:
        add_expect_version(parser)
    return parser


def register_remove(
    group: argparse._SubParsersAction,
    help_text: str,
    table: str,
    remove: Callable[..., Edit],
    id_argument: str,
    *,
    shown: Callable[[dict[str, Any]], dict[str, Any]] = dict,
) -> None:
    """``remove FILE ID``: ``remove(lf, actor=, expect_version=, <id_argument>=ID)``, then the row as it was.

    ``shown`` turns the removed row into what the commands show of it (a person's ``contact``)."""
    parser = edit_parser(group, "remove", help_text, update=True)
    parser.add_argument("id", type=int, metavar="ID")

    def run(args: argparse.Namespace) -> int:
        from cockpit.words.rows import row_kind

        with open_file(args.file) as lf:
            edit = remove(
                lf, actor=actor_of(args), expect_version=args.expect_version, **{id_argument: args.id}
            )
        print_removed(row_kind(table), shown(edit.row), as_json=args.json)
        return 0

    parser.set_defaults(run=run)


def later(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, a service function, imported when a command first calls it: registering the commands
    of a group must not load the services of every one of them (a ``list`` would pay for each ``add``)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


class LaterModule:
    """A services module as ``later`` gives its functions: ``edits.add_ticket(…)`` imports ``edits`` then."""

    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Callable[..., Any]:
        return later(self._module, name)


def actor_of(args: argparse.Namespace) -> str:
    return args.actor or os_login()


def open_file(path: str, *, read_only: bool = False) -> LaunchFile:
    from cockpit.store.launchfile import open_launch

    return open_launch(Path(path), read_only=read_only)


def print_json(value: object) -> None:
    print(json_text(value))


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, default=str)


def json_text(value: object) -> str:
    """The JSON every ``--json`` prints: objects indented by two spaces, each item of a list on a line of its
    own, written whole (one ticket, one checklist item per line). The same JSON value as ``json.dumps``;
    Python writes an indented document with its pure-Python encoder (0.19 s for the large demo's 2.6 MB
    status), while every line here is one call of its C encoder."""
    if isinstance(value, dict) and value:
        inner = "\n  "
        members = (f"{_ONE_LINE.encode(_key(key))}: {json_text(item)}" for key, item in value.items())
        return "{" + inner + f",{inner}".join(text.replace("\n", inner) for text in members) + "\n}"
    if isinstance(value, list | tuple) and value:
        inner = "\n  "
        return "[" + inner + f",{inner}".join(_ONE_LINE.encode(item) for item in value) + "\n]"
    return _ONE_LINE.encode(value)


def _key(key: object) -> str:
    """An object's key as ``json.dumps`` writes it (numbers, true, false and null as text)."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return _ONE_LINE.encode(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


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
