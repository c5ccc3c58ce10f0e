"""install-desktop: the launcher, the .golive file type and the icons for the user's Linux desktop."""

from __future__ import annotations

import argparse

from cockpit.cli.common import add_json, print_json
from cockpit.i18n import ntr, tr
from cockpit.services import desktop_integration


def register(commands: argparse._SubParsersAction) -> None:
    install = commands.add_parser(
        "install-desktop",
        help=tr("add the cockpit to the desktop's applications and open .golive files with it (Linux)"),
    )
    install.add_argument("--uninstall", action="store_true", help=tr("remove what install-desktop added"))
    add_json(install)
    install.set_defaults(run=_install_desktop)


def _install_desktop(args: argparse.Namespace) -> int:
    desktop_integration.check_platform()
    if args.uninstall:
        outcome = desktop_integration.uninstall()
    else:
        outcome = desktop_integration.install()
    if args.json:
        print_json(
            {
                "data_home": outcome.data_home,
                "files": outcome.files,
                "tools_run": outcome.tools_run,
                "tools_missing": outcome.tools_missing,
                "tool_failures": outcome.tool_failures,
            }
        )
        return 0
    count = len(outcome.files)
    if args.uninstall:
        print(
            ntr(
                "Removed {n} file from {folder}.",
                "Removed {n} files from {folder}.",
                count,
                folder=outcome.data_home,
            )
        )
    else:
        print(
            ntr(
                "Wrote {n} file into {folder}.",
                "Wrote {n} files into {folder}.",
                count,
                folder=outcome.data_home,
            )
        )
        print(tr("A double-click on a .golive file now opens it in the cockpit."))
    for tool in outcome.tools_missing:
        print(
            tr(
                "{tool} is not installed: the desktop picks the change up at its next login.",
                tool=tool,
            )
        )
    for failure in outcome.tool_failures:
        print(
            tr(
                "The desktop's cache was not refreshed ({failure}); log in again to see the change.",
                failure=failure,
            )
        )
    return 0
