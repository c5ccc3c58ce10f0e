"""The built app's entry point (``dist/golive-cockpit/golive-cockpit``, packaging/golive-cockpit.spec).

One program is the whole cockpit: the CLI (``golive-cockpit status FILE``), the window when it is started
with no arguments or with a launch file alone (a double-click, the launcher's ``%f``), and the worker
processes the window starts. Those are started as ``sys.executable`` — the app itself once frozen — so it
answers the command line Python would: ``-m MODULE`` (the report worker).
"""

from __future__ import annotations

import sys

# Modules the window runs as ``sys.executable -m MODULE``; nothing else is run that way.
WORKER_MODULES = ("cockpit.report.worker",)
SMOKE_CHECK = "--smoke-check"


def cli_arguments(argv: list[str], commands: set[str]) -> list[str]:
    """The CLI's arguments for what the app was started with: the window for nothing or a file alone."""
    if not argv:
        return ["open"]
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in commands:
        return ["open", argv[0]]
    return argv


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) >= 2 and arguments[0] == "-m" and arguments[1] in WORKER_MODULES:
        from cockpit.report import worker

        return worker.main(arguments[2:])
    if arguments[:1] == [SMOKE_CHECK]:
        from cockpit.ui import smoke_check  # Qt loads only for the window, never for scripts

        return smoke_check.main(arguments[1:])
    from cockpit.cli import COMMAND_HOMES, build_parser
    from cockpit.cli import main as cli_main

    # A known command needs no parser to be told from a file name (the full parser loads every command module).
    known = bool(arguments) and arguments[0] in COMMAND_HOMES
    return cli_main(cli_arguments(arguments, set(COMMAND_HOMES) if known else _command_names(build_parser())))


def _command_names(parser: object) -> set[str]:
    import argparse

    assert isinstance(parser, argparse.ArgumentParser)
    names: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            names.update(action.choices)
    return names
