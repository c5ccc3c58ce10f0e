"""The go/no-go criteria from the command line: gate list|add|set|remove.

Thresholds are given as ``--param KEY=VALUE``: ``pass_rate`` takes ``level`` (unit, integration, system,
uat, regression, smoke) and ``min_pass_rate`` (a percent, 95 or 95%, or a ratio, 0.95: a number above 1
is a percent); ``no_open_tickets`` takes ``severity`` (P1..P4) and ``max_open`` (0 or more). The other
kinds take none. Each criterion is shown in words worked out from its kind and parameters.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from cockpit.cli.common import (
    actor_of,
    add_json,
    edit_parser,
    open_file,
    print_json,
    print_row,
    register_remove,
)
from cockpit.domain.gate_criterion import CriterionKind
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.services.gate import add_criterion, criterion_row, list_criteria, remove_criterion, set_criterion
from cockpit.words.gate import criterion_label
from cockpit.words.rows import row_kind


def register(commands: argparse._SubParsersAction) -> None:
    gate = commands.add_parser("gate", help=tr("list, add, change or remove go/no-go criteria"))
    group = gate.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = group.add_parser("list", help=tr("list the go/no-go criteria"))
    listing.add_argument("file", metavar="FILE")
    add_json(listing)
    listing.set_defaults(run=_list)
    add = edit_parser(group, "add", tr("add a criterion"), update=False)
    add.add_argument(
        "--kind", required=True, metavar="K", help=tr("one of: {kinds}", kinds=", ".join(CriterionKind))
    )
    _add_params(add)
    add.set_defaults(run=_add)
    change = edit_parser(
        group, "set", tr("change a criterion's thresholds, or switch it on or off"), update=True
    )
    change.add_argument("id", type=int, metavar="ID")
    _add_params(change)
    switch = change.add_mutually_exclusive_group()
    switch.add_argument("--enable", dest="enabled", action="store_true", default=None)
    switch.add_argument("--disable", dest="enabled", action="store_false")
    change.set_defaults(run=_set)
    register_remove(
        group,
        tr("remove a criterion"),
        "gate_criteria",
        remove_criterion,
        "criterion_id",
        shown=criterion_row,
    )


def _add_params(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=tr(
            "a threshold: level=uat, min_pass_rate=95 (a percent, or 0.95), severity=P1, max_open=0; repeatable"
        ),
    )


def parsed_params(given: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for text in given:
        key, equals, value = text.partition("=")
        if not equals or not key.strip():
            raise BadInput(
                tr("--param {text!r} is not KEY=VALUE; write it like --param min_pass_rate=95.", text=text)
            )
        params[key.strip()] = value.strip()
    return params


def _list(args: argparse.Namespace) -> int:
    with open_file(args.file, read_only=True) as lf:
        criteria = list_criteria(lf)
    if args.json:
        print_json(
            [
                {**asdict(c), "label": criterion_label(c.kind, c.params), "kind": c.kind.value}
                for c in criteria
            ]
        )
        return 0
    if not criteria:
        print(tr("No go/no-go criteria. Add one: cockpit gate add FILE --kind KIND [--param KEY=VALUE]"))
    for c in criteria:
        state = tr("on") if c.enabled else tr("off")
        print(f"#{c.id}  [{state}]  {criterion_label(c.kind, c.params)}")
    return 0


def _print_criterion(row: dict, *, as_json: bool) -> None:
    shown = criterion_row(row)
    if not as_json:  # the thresholds as a script would write them, not as Python prints a dict
        shown["params"] = json.dumps(shown["params"], ensure_ascii=False)
    print_row(row_kind("gate_criteria"), shown, as_json=as_json)


def _add(args: argparse.Namespace) -> int:
    params = parsed_params(args.param)
    with open_file(args.file) as lf:
        edit = add_criterion(lf, actor=actor_of(args), kind=args.kind, params=params)
    _print_criterion(edit.row, as_json=args.json)
    return 0


def _set(args: argparse.Namespace) -> int:
    params = parsed_params(args.param)
    with open_file(args.file) as lf:
        edit = set_criterion(
            lf,
            actor=actor_of(args),
            criterion_id=args.id,
            params=params,
            enabled=args.enabled,
            expect_version=args.expect_version,
        )
    _print_criterion(edit.row, as_json=args.json)
    return 0
