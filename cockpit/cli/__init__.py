"""The command line (DESIGN.md §5): the only place that prints for humans. Scripts depend on it: extend, never change.

Exit codes: 0 done · 1 unexpected failure · 2 bad input (nothing written) · 3 conflict · 4 locked or
read-only past the timeout · 5 not a launch file, or from a newer version (nothing touched) · 6 the record does
not verify (cockpit verify) · 7 not saved:
a full disk, a folder we may not write to, or a launch file replaced or deleted by another program meanwhile.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from typing import NoReturn

from cockpit import __version__
from cockpit.cli import (
    around_commands,
    care_commands,
    desktop_commands,
    edit_commands,
    gate_commands,
    import_commands,
    kpi_commands,
    launch_commands,
    launch_settings_commands,
    pdca_commands,
    rehearsal_commands,
    report_commands,
    review_commands,
    round_commands,
    runbook_commands,
    source_commands,
    team_commands,
    verify_commands,
)
from cockpit.errors import CockpitError
from cockpit.i18n import detect_language, set_language, tr

COMMAND_MODULES = (
    launch_commands,
    launch_settings_commands,
    edit_commands,
    runbook_commands,
    team_commands,
    gate_commands,
    import_commands,
    report_commands,
    source_commands,
    rehearsal_commands,
    kpi_commands,
    review_commands,
    around_commands,
    round_commands,
    verify_commands,
    care_commands,  # after the modules whose sla and ticket groups it joins
    pdca_commands,
    desktop_commands,
)


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, which is our 'bad input' code too; keep its message plain."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, tr("cockpit: bad input: {message}\n", message=message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cockpit", description=tr("Go-Live Cockpit: the launch team's cockpit for a go-live.")
    )
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    set_language(os.environ.get("COCKPIT_LANG") or detect_language())
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")  # Japanese on any console
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except CockpitError as exc:
        print(tr("cockpit: {message}", message=exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(tr("cockpit: interrupted; nothing half-written was kept."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last resort: say what happened instead of a bare traceback
        if os.environ.get("COCKPIT_DEBUG"):
            traceback.print_exc()
        print(
            tr(
                "cockpit: unexpected failure: {error}. Set COCKPIT_DEBUG=1 for details.",
                error=f"{type(exc).__name__}: {exc}",
            ),
            file=sys.stderr,
        )
        return 1
