"""The report built in a process of its own, for the window: ``python -m cockpit.report.worker``.

The window's process never imports matplotlib (a report is seconds of it, and it would hold the
interpreter lock the UI thread needs), so File ▸ Export PDF…, Print… and Print preview… run this.
It writes the PDF, or one SVG per page for the window to paint onto the printer, and tells the window
how far it got as one JSON object per line on stdout:

    {"progress": "Drawing 11 pages…"}            (any number of these)
    {"page": 3, "of": 11}
    {"ok": true, "pages": 11, "path": "…pdf"}     or  {"ok": true, "pages": 11, "svgs": ["…", …]}
    {"ok": false, "error": "…", "exit_code": 5}   (the CLI's exit codes; the process exits with it too)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from cockpit.errors import CockpitError
from cockpit.gc_pause import cycle_collector_paused
from cockpit.i18n import set_language, tr


def _say(**message: object) -> None:
    print(json.dumps(message, ensure_ascii=False), flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m cockpit.report.worker")
    parser.add_argument("file")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--pdf", metavar="PATH")
    target.add_argument("--svg-dir", metavar="FOLDER")
    parser.add_argument("--paper", choices=["a4", "letter"], default="a4")
    parser.add_argument("--lang", choices=["en", "ja"], default="en")
    parser.add_argument("--kind", choices=["status", "closing"], default="status")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> dict:
    from cockpit.report.build import build_report
    from cockpit.report.output import check_target, write_pdf, write_svgs
    from cockpit.services.review_notes import list_notes
    from cockpit.store.launchfile import open_launch
    from cockpit.store.read import load_launch

    started = time.monotonic()
    if args.pdf:
        check_target(Path(args.pdf))
    _say(progress=tr("Reading {name}…", name=Path(args.file).name))
    with open_launch(Path(args.file), read_only=True) as launch_file:
        # The pages summarise the test cases (failures, new failures, flaky), never list the passed ones.
        data = load_launch(launch_file, notable_cases_only=True)
        review_notes = list_notes(launch_file)
    pages = build_report(
        data,
        now=datetime.now(UTC),
        paper=args.paper,
        progress=lambda text: _say(progress=text),
        review_notes=review_notes,
        kind=args.kind,
    )

    def page_done(number: int, count: int) -> None:
        _say(page=number, of=count)

    result: dict = {"ok": True, "pages": len(pages)}
    if args.pdf:
        result["path"] = str(write_pdf(pages, Path(args.pdf), title=data.launch.name, page_done=page_done))
    else:
        result["svgs"] = [str(p) for p in write_svgs(pages, Path(args.svg_dir), page_done=page_done)]
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    set_language(args.lang)
    from cockpit.services import public_holiday_cache

    public_holiday_cache.install()  # the support clocks skip the holidays package once it answered
    try:
        with cycle_collector_paused():
            result = run(args)
    except CockpitError as exc:
        _say(ok=False, error=str(exc), exit_code=exc.exit_code)
        return exc.exit_code
    except Exception as exc:  # the window shows it; COCKPIT_DEBUG=1 adds the traceback on stderr
        if os.environ.get("COCKPIT_DEBUG"):
            import traceback

            traceback.print_exc()
        _say(ok=False, error=f"{type(exc).__name__}: {exc}", exit_code=1)
        return 1
    _say(**result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
