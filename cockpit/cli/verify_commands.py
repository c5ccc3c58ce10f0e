"""``cockpit verify FILE`` (the audit chain and each round's frozen evidence; exit 6 names the first mismatch)
and ``cockpit minutes FILE ROUND --out PDF``, the round's minutes with the hash of its evidence."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from cockpit.cli.common import add_json, open_file, print_json
from cockpit.errors import BadInput, NotVerified
from cockpit.i18n import set_language, tr
from cockpit.services.verify import verify_launch


def register(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify",
        help=tr("check the audit trail's hash chain and every round's frozen evidence (exit 6 if not)"),
    )
    verify.add_argument("file", metavar="FILE")
    add_json(verify)
    verify.set_defaults(run=_verify)
    register_minutes(commands)


def _verify(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        result = verify_launch(lf)
    finding = result.finding
    if args.json:
        print_json(
            {
                "ok": result.ok,
                "audit_rows": result.audit_rows,
                "rounds": result.rounds,
                "first_mismatch": None
                if finding is None
                else {"table": finding.table, "id": finding.row_id, "problem": finding.problem},
            }
        )
        return 0 if finding is None else NotVerified.exit_code
    if finding is not None:
        raise NotVerified(
            tr(
                "{path} does not verify: {problem}. The file was changed outside the cockpit; compare it with "
                "a snapshot or backup to see what was changed.",
                path=args.file,
                problem=finding.problem,
            )
        )
    print(
        tr(
            "{path} verifies: {audit} audit rows chained, {rounds} rounds' frozen evidence intact.",
            path=args.file,
            audit=result.audit_rows,
            rounds=result.rounds,
        )
    )
    return 0


def register_minutes(commands: argparse._SubParsersAction) -> None:
    minutes = commands.add_parser("minutes", help=tr("write the minutes of a go/no-go round as a PDF"))
    minutes.add_argument("file", metavar="FILE")
    minutes.add_argument("round", type=int, metavar="ROUND", help=tr("the round's number"))
    minutes.add_argument("--out", required=True, metavar="PDF", help=tr("the .pdf file to write"))
    minutes.add_argument(
        "--paper", choices=["a4", "letter"], default="a4", help=tr("paper size (default: a4)")
    )
    minutes.add_argument(
        "--lang", choices=["en", "ja"], default=None, help=tr("the minutes' language (default: yours)")
    )
    add_json(minutes)
    minutes.set_defaults(run=_minutes)


def _minutes(args: argparse.Namespace) -> int:
    # matplotlib loads only for this command: the others stay quick to start.
    from cockpit.report.minutes import build_minutes
    from cockpit.report.output import check_target, write_pdf
    from cockpit.store.read import load_launch

    if args.lang:
        set_language(args.lang)
    with open_file(args.file, read_only=True) as launch_file:  # the minutes never write the launch file
        data = load_launch(launch_file, notable_cases_only=True)
    if not any(r.number == args.round for r in data.rounds):
        raise BadInput(
            tr(
                "There is no round {number}; the rounds are: {numbers}.",
                number=args.round,
                numbers=", ".join(str(r.number) for r in data.rounds) or tr("none yet"),
            )
        )
    target = check_target(Path(args.out))
    pages = build_minutes(data, args.round, now=datetime.now(UTC), paper=args.paper)
    path = write_pdf(pages, target, title=data.launch.name)
    if args.json:
        print_json({"path": str(path), "pages": len(pages), "round": args.round})
    else:
        print(
            tr(
                "Wrote the minutes of round {number} ({pages} pages) to {path}.",
                number=args.round,
                pages=len(pages),
                path=path,
            )
        )
    return 0
