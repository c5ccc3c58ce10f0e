"""The status report, or the closing report: ``cockpit report FILE --out PDF [--paper a4|letter] [--lang en|ja]
[--kind status|closing]``."""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import add_json, open_file, print_json
from cockpit.i18n import set_language, tr


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=tr("write the status report as a PDF"))
    report.add_argument("file", metavar="FILE")
    report.add_argument("--out", required=True, metavar="PDF", help=tr("the .pdf file to write"))
    report.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help=tr("paper size (default: a4)")
    )
    report.add_argument(
        "--lang", choices=["en", "ja"], default=None, help=tr("the report's language (default: yours)")
    )
    report.add_argument(
        "--kind",
        choices=["status", "closing"],
        default="status",
        help=tr("status (default), or closing: the launch from plan to close, after hypercare"),
    )
    add_json(report)
    report.set_defaults(run=_report)


def _report(args: argparse.Namespace) -> int:
    from cockpit.gc_pause import cycle_collector_paused

    with cycle_collector_paused():
        return _write_report(args)


def _write_report(args: argparse.Namespace) -> int:
    # matplotlib loads only for this command: the others stay quick to start.
    from cockpit.report.build import build_report
    from cockpit.report.output import check_target, write_pdf
    from cockpit.services.review_notes import list_notes
    from cockpit.store.read import load_launch

    if args.lang:
        set_language(args.lang)
    started = time.monotonic()
    with open_file(args.file, read_only=True) as launch_file:  # the report never writes the launch file
        # The pages summarise the test cases (failures, new failures, flaky), never list the passed ones.
        data = load_launch(launch_file, notable_cases_only=True)
        review_notes = list_notes(launch_file)
    target = check_target(Path(args.out))
    pages = build_report(
        data, now=datetime.now(UTC), paper=args.paper, review_notes=review_notes, kind=args.kind
    )
    path = write_pdf(pages, target, title=data.launch.name)
    seconds = round(time.monotonic() - started, 2)
    if args.json:
        print_json(
            {
                "path": str(path),
                "pages": len(pages),
                "paper": args.paper,
                "kind": args.kind,
                "seconds": seconds,
            }
        )
    else:
        if args.kind == "closing":
            print(tr("Wrote the closing report ({pages} pages) to {path}.", pages=len(pages), path=path))
        else:
            print(tr("Wrote the status report ({pages} pages) to {path}.", pages=len(pages), path=path))
    return 0
