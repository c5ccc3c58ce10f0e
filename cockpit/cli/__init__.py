"""The command line (DESIGN.md §5): the only place that prints for humans. Scripts depend on it: extend, never change.

Exit codes: 0 done · 1 unexpected failure · 2 bad input (nothing written) · 3 conflict · 4 locked or
read-only past the timeout · 5 not a launch file, or from a newer version (nothing touched) · 6 the record does
not verify (cockpit verify) · 7 not saved:
a full disk, a folder we may not write to, or a launch file replaced or deleted by another program meanwhile.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from cockpit import __version__
from cockpit.domain import holiday_source
from cockpit.errors import CockpitError
from cockpit.i18n import detect_language, set_language, tr

if TYPE_CHECKING:
    from datetime import date

# The modules under cockpit.cli that register commands, in the order they register (a module may join a
# command another one made). Imported by name, and only those a command line needs: see COMMAND_HOMES.
COMMAND_MODULES = (
    "launch_commands",
    "launch_settings_commands",
    "edit_commands",
    "runbook_commands",
    "team_commands",
    "gate_commands",
    "import_commands",
    "report_commands",
    "source_commands",
    "rehearsal_commands",
    "kpi_commands",
    "review_commands",
    "around_commands",
    "round_commands",
    "verify_commands",
    "care_commands",  # after the modules whose sla and ticket groups it joins
    "pdca_commands",
    "desktop_commands",
)

# Which modules register each command (and those a module's register() joins: care joins sla, and ticket
# when the ticket commands are there; pdca joins ticket), in COMMAND_MODULES order: `cockpit status …` then
# imports launch_commands alone instead of every service behind all of them (start-up is most of a read
# command's time). A command missing here still works, with every module loaded; tests/cli/test_command_homes.py
# says what to add.
COMMAND_HOMES: dict[str, tuple[str, ...]] = {
    "new": ("launch_commands",),
    "demo": ("launch_commands",),
    "open": ("launch_commands",),
    "status": ("launch_commands",),
    "launch": ("launch_settings_commands",),
    "sla": ("launch_settings_commands", "care_commands"),
    "checklist": ("edit_commands",),
    "ticket": ("launch_settings_commands", "edit_commands", "care_commands", "pdca_commands"),
    "risk": ("edit_commands",),
    "step": ("runbook_commands",),
    "object": ("runbook_commands",),
    "person": ("team_commands",),
    "signer": ("team_commands",),
    "signoff": ("team_commands",),
    "gate": ("gate_commands",),
    "import": ("import_commands",),
    "export": ("import_commands",),
    "report": ("report_commands",),
    "source": ("source_commands",),
    "rehearsal": ("rehearsal_commands",),
    "rollback": ("rehearsal_commands",),
    "kpi": ("kpi_commands",),
    "snapshot": ("review_commands",),
    "diff": ("review_commands",),
    "note": ("review_commands",),
    "notes": ("review_commands",),
    "who": ("around_commands",),
    "changes": ("around_commands",),
    "history": ("around_commands",),
    "round": ("round_commands",),
    "condition": ("round_commands",),
    "verify": ("verify_commands",),
    "minutes": ("verify_commands",),
    "holiday": ("launch_settings_commands", "care_commands"),
    "review": ("edit_commands", "pdca_commands"),
    "action": ("edit_commands", "pdca_commands"),
    "lesson": ("edit_commands", "pdca_commands"),
    "install-desktop": ("desktop_commands",),
}


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, which is our 'bad input' code too; keep its message plain."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, tr("cockpit: bad input: {message}\n", message=message))

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for each argument it adds, and each asks shutil (which loads bz2, lzma
        # and zlib) for the terminal's width: the same width, worked out the same way, without shutil.
        return self.formatter_class(prog=self.prog, width=_terminal_columns() - 2)  # type: ignore[call-arg]


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


_ARGPARSE_WORDS: dict[tuple[str | None, ...], gettext.NullTranslations | None] = {}


def _argparse_gettext(message: str) -> str:
    """``gettext.gettext`` as argparse calls it for each of its words, with the catalog looked up once per
    locale setting: Python ships none for argparse, and gettext, finding none, searches its folders again
    at every call (a hundred searches while the parser of a command group is built)."""
    domain = gettext.textdomain()
    folder = gettext.bindtextdomain(domain)
    key = (domain, folder, *(os.environ.get(name) for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")))
    if key not in _ARGPARSE_WORDS:
        try:
            _ARGPARSE_WORDS[key] = gettext.translation(domain, folder)
        except OSError:
            _ARGPARSE_WORDS[key] = None
    translation = _ARGPARSE_WORDS[key]
    return message if translation is None else translation.gettext(message)


argparse._ = _argparse_gettext  # type: ignore[attr-defined]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``command``, only what that command needs when COMMAND_HOMES knows it."""
    parser = _Parser(
        prog="cockpit", description=tr("Go-Live Cockpit: the launch team's cockpit for a go-live.")
    )
    parser.add_argument("--version", action="version", version=f"cockpit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for name in COMMAND_HOMES.get(command or "", COMMAND_MODULES):
        importlib.import_module(f"cockpit.cli.{name}").register(commands)
    return parser


def command_word(argv: list[str]) -> str | None:
    """The command an argument list asks for: its first word when that is not an option (``--version``)."""
    return argv[0] if argv and not argv[0].startswith("-") else None


def _remembered_public_holidays(region: str, year: int) -> frozenset[date]:
    # The cache's module loads only once a business-hours clock asks: most commands never do.
    from cockpit.services.public_holiday_cache import remembered_public_holidays

    return remembered_public_holidays(region, year)


def main(argv: list[str] | None = None) -> int:
    set_language(os.environ.get("COCKPIT_LANG") or detect_language())
    holiday_source.remembering = _remembered_public_holidays  # skip the holidays package once it answered
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")  # Japanese on any console
    arguments = sys.argv[1:] if argv is None else argv
    args = build_parser(command_word(arguments)).parse_args(arguments)
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
            import traceback  # textwrap and tokenize with it: only for a failure, never on every start

            traceback.print_exc()
        print(
            tr(
                "cockpit: unexpected failure: {error}. Set COCKPIT_DEBUG=1 for details.",
                error=f"{type(exc).__name__}: {exc}",
            ),
            file=sys.stderr,
        )
        return 1
