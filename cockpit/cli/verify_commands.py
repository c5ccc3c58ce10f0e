"""``cockpit verify FILE``: the audit chain and each round's frozen evidence; exit 6 names the first mismatch."""

from __future__ import annotations

import argparse

from cockpit.cli.common import add_json, open_file, print_json
from cockpit.errors import NotVerified
from cockpit.i18n import tr
from cockpit.services.verify import verify_launch


def register(commands: argparse._SubParsersAction) -> None:
    verify = commands.add_parser(
        "verify",
        help=tr("check the audit trail's hash chain and every round's frozen evidence (exit 6 if not)"),
    )
    verify.add_argument("file", metavar="FILE")
    add_json(verify)
    verify.set_defaults(run=_verify)


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
