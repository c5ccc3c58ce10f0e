"""A command line imports only the modules that register its command (COMMAND_HOMES): the parser it gets
must be, for that command, the very one the whole command line has."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from cockpit.cli import COMMAND_HOMES, build_parser


def _shape(parser: argparse.ArgumentParser) -> tuple:
    """What a user can type and what it runs: options, positionals, sub-commands, the function run."""
    run = parser.get_default("run")
    shape: list[object] = [getattr(run, "__qualname__", run)]  # a closure is made again by every register()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            shape.append(tuple((name, _shape(sub)) for name, sub in action.choices.items()))
        else:
            shape.append((tuple(action.option_strings), action.dest, action.default, action.choices))
    return tuple(shape)


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no commands")


def test_every_command_has_its_homes() -> None:
    missing = set(_commands(build_parser())) - set(COMMAND_HOMES)
    assert not missing, f"add these commands to COMMAND_HOMES in cockpit/cli/__init__.py: {sorted(missing)}"


@pytest.mark.parametrize("command", sorted(COMMAND_HOMES))
def test_a_command_parses_as_with_every_module(command: str) -> None:
    whole = _commands(build_parser())[command]
    alone = _commands(build_parser(command))[command]
    assert _shape(alone) == _shape(whole), (
        f"'{command}' needs more modules in COMMAND_HOMES: every module whose register() adds to it"
    )


def test_status_loads_neither_other_commands_nor_heavy_libraries() -> None:
    probe = (
        "import sys; from cockpit.cli import build_parser; build_parser('status').parse_args(['status', 'x']);"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('cockpit.cli.', 'holidays', 'numpy',"
        " 'matplotlib', 'PySide6', 'sqlite_utils')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.split() == ["cockpit.cli.common", "cockpit.cli.launch_commands"]
