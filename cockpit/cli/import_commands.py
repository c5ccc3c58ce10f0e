"""Tables and test results in, panes out: import junit|table, export."""

from __future__ import annotations

import argparse
from pathlib import Path

from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.i18n import tr
from cockpit.store.errors import BadInput

TABLE_KINDS = ("checklist", "risks", "tickets", "steps", "objects")
EXPORT_KINDS = ("checklist", "tests", "runs", "steps", "objects", "risks", "tickets", "audit")
LEVELS = ("unit", "integration", "system", "uat", "regression", "smoke")


def register(commands: argparse._SubParsersAction) -> None:
    importing = commands.add_parser("import", help=tr("import test results or a table"))
    group = importing.add_subparsers(dest="what", metavar="WHAT", required=True)

    junit = group.add_parser(
        "junit", help=tr("import test result files (JUnit XML, NUnit, xUnit.net, TRX, TestNG) as one run")
    )
    junit.add_argument("file", metavar="FILE")
    junit.add_argument("results", metavar="RESULT", nargs="+")
    junit.add_argument("--level", required=True, choices=LEVELS)
    junit.add_argument(
        "--run",
        dest="run_name",
        default=None,
        metavar="NAME",
        help=tr("the run's name (default: from the files)"),
    )
    add_actor(junit)
    add_json(junit)
    junit.set_defaults(run=_import_junit)

    table = group.add_parser("table", help=tr("import rows from a CSV or .xlsx file"))
    table.add_argument("file", metavar="FILE")
    table.add_argument("--kind", required=True, choices=TABLE_KINDS)
    table.add_argument("table_file", metavar="TABLE_FILE")
    table.add_argument(
        "--accept-partial", action="store_true", help=tr("import the good rows even when some rows are bad")
    )
    table.add_argument(
        "--sheet", default=None, metavar="NAME", help=tr(".xlsx: the sheet to read (default: the first)")
    )
    table.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=tr("map a column by hand (FIELD empty to ignore the column); may be repeated"),
    )
    add_actor(table)
    add_json(table)
    table.set_defaults(run=_import_table)

    export = commands.add_parser("export", help=tr("export a pane to CSV or .xlsx"))
    export.add_argument("file", metavar="FILE")
    export.add_argument("--kind", required=True, choices=EXPORT_KINDS)
    export.add_argument("--out", required=True, metavar="PATH", help=tr("a .csv or .xlsx file"))
    add_json(export)
    export.set_defaults(run=_export)


def _import_junit(args: argparse.Namespace) -> int:
    from cockpit.services.import_results import import_results

    with open_file(args.file) as lf:
        outcome = import_results(
            lf,
            paths=[Path(p) for p in args.results],
            level=args.level,
            run_name=args.run_name,
            actor=actor_of(args),
        )
    counts = {
        "run_id": outcome.run_id,
        "cases": outcome.cases,
        "passed": outcome.passed,
        "failed": outcome.failed,
        "errors": outcome.errors,
        "skipped": outcome.skipped,
        "flaky": outcome.flaky,
    }
    if args.json:
        print_json(counts)
    else:
        print(
            tr(
                "Run #{run_id} imported: {cases} cases, {passed} passed, {failed} failed, {errors} errors, "
                "{skipped} skipped, {flaky} flaky",
                **counts,
            )
        )
    return 0


def _edited_mapping(mapping, edits: list[str]):
    for edit in edits:
        header, sep, field = edit.partition("=")
        if not sep:
            raise BadInput(tr('--map {edit!r}: write COLUMN=FIELD, e.g. --map "担当者=owner".', edit=edit))
        try:
            mapping = mapping.with_header(header.strip(), field.strip() or None)
        except (KeyError, ValueError) as exc:
            raise BadInput(tr("--map {edit!r}: {error}", edit=edit, error=exc.args[0])) from None
    return mapping


def _import_table(args: argparse.Namespace) -> int:
    from cockpit.importers.columns import suggest_mapping
    from cockpit.importers.tabular import read_table
    from cockpit.services.import_table import import_table, launch_zone, preview_table

    with open_file(args.file) as lf:
        zone = launch_zone(lf)
        mapping = None
        if args.map:
            headers = read_table(Path(args.table_file), sheet=args.sheet).headers
            mapping = _edited_mapping(suggest_mapping(args.kind, headers), args.map)
        preview = preview_table(
            Path(args.table_file), kind=args.kind, tz=zone, mapping=mapping, sheet=args.sheet
        )
        if not args.json:
            _print_preview(preview)
        summary = _preview_json(preview)
        try:
            outcome = import_table(lf, preview, actor=actor_of(args), accept_partial=args.accept_partial)
        except BadInput:
            if args.json:  # the refusal's reasons, for a script to show; the message goes to stderr
                print_json({**summary, "imported": 0})
            raise
    if args.json:
        print_json({**summary, "imported": outcome.imported, "left_out": outcome.left_out})
    else:
        print(tr("{n} rows imported into {table}.", n=outcome.imported, table=outcome.table_name))
    return 0


def _preview_json(preview) -> dict:
    return {
        "kind": preview.kind.value,
        "mapping": preview.mapping.as_dict(),
        "ignored_columns": list(preview.mapping.unmapped_headers),
        "missing_required": list(preview.missing_required),
        "good": len(preview.good),
        "bad": [{"line": b.line, "reason": b.reason} for b in preview.bad],
    }


def _print_preview(preview) -> None:
    """What was understood, before writing: on refusal, it is what the user needs to fix the file."""
    print(tr("Columns used:"))
    for header, label in preview.mapping.describe():
        print(f"  {header} → {label}")
    if preview.mapping.unmapped_headers:
        print(tr("Columns ignored: {headers}", headers=", ".join(preview.mapping.unmapped_headers)))
    print(tr("{good} good rows, {bad} bad rows.", good=len(preview.good), bad=len(preview.bad)))
    for bad in preview.bad:
        print(tr("  line {line}: {reason}", line=bad.line, reason=bad.reason))


def _export(args: argparse.Namespace) -> int:
    from cockpit.services.export_table import export_table

    with open_file(args.file) as lf:  # read-only falls back by itself; an older file gets upgraded
        outcome = export_table(lf, kind=args.kind, path=Path(args.out))
    if args.json:
        print_json({"path": str(outcome.path), "rows": outcome.rows})
    else:
        print(tr("{n} rows exported to {path}.", n=outcome.rows, path=outcome.path))
    return 0
