"""Tables and test results in, panes out: import junit|table, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cockpit.cli.common import actor_of, add_actor, add_json, open_file, print_json
from cockpit.errors import BadInput, CockpitError
from cockpit.gc_pause import cycle_collector_paused
from cockpit.i18n import ntr, set_language, tr

TABLE_KINDS = ("checklist", "risks", "tickets", "steps", "objects", "kpi_values")
EXPORT_KINDS = ("checklist", "tests", "runs", "steps", "objects", "risks", "tickets", "audit")
LEVELS = ("unit", "integration", "system", "uat", "regression", "smoke")
BAD_ROWS_LISTED = 50  # then a count: --json lists every one


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
        "--accept-partial",
        action="store_true",
        help=tr(
            "import the good rows even when some rows are bad, or were changed in the launch since the "
            "export in the cells the file changes (those are left out)"
        ),
    )
    table.add_argument(
        "--again",
        action="store_true",
        help=tr(
            "import a file that was imported before once more (its rows that match no row of the launch "
            "are added again)"
        ),
    )
    table.add_argument(
        "--sheet", default=None, metavar="NAME", help=tr(".xlsx: the sheet to read (default: the first)")
    )
    table.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=tr(
            "map a column by hand: FIELD is a field's name or label as the mapping lists it, empty to "
            "ignore the column; may be repeated"
        ),
    )
    add_actor(table)
    add_json(table)
    table.set_defaults(run=_import_table)

    export = commands.add_parser("export", help=tr("export a pane to CSV or .xlsx"))
    export.add_argument("file", metavar="FILE")
    export.add_argument("--kind", required=True, choices=EXPORT_KINDS)
    export.add_argument("--out", required=True, metavar="PATH", help=tr("a .csv or .xlsx file"))
    export.add_argument(
        "--lang",
        choices=["en", "ja"],
        default=None,
        help=tr("the language of the headers and values (default: yours); either imports back"),
    )
    add_json(export)
    export.set_defaults(run=_export)


def _import_junit(args: argparse.Namespace) -> int:
    with cycle_collector_paused(), open_file(args.file) as lf:
        from cockpit.services.import_results import import_results

        outcome = import_results(
            lf,
            paths=[Path(p) for p in args.results],
            level=args.level,
            run_name=args.run_name,
            actor=actor_of(args),
        )
    for note in outcome.notes:
        print(note, file=sys.stderr)
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
            ntr(
                "Run #{run_id} imported: {n} case, {passed} passed, {failed} failed, {errors} errors, "
                "{skipped} skipped, {flaky} flaky",
                "Run #{run_id} imported: {n} cases, {passed} passed, {failed} failed, {errors} errors, "
                "{skipped} skipped, {flaky} flaky",
                outcome.cases,
                run_id=outcome.run_id,
                **{k: f"{v:,}" for k, v in counts.items() if k not in ("cases", "run_id")},
            )
        )
    return 0


def _edited_mapping(mapping, edits: list[str]):
    from cockpit.importers.columns import find_field

    for edit in edits:
        header, sep, field = edit.partition("=")
        if not sep:
            raise BadInput(tr('--map {edit!r}: write COLUMN=FIELD, e.g. --map "担当者=owner".', edit=edit))
        try:
            name = find_field(mapping.kind, field) if field.strip() else None
            mapping = mapping.with_header(header.strip(), name)
        except (KeyError, ValueError) as exc:
            raise BadInput(tr("--map {edit!r}: {error}", edit=edit, error=exc.args[0])) from None
    return mapping


def _import_table(args: argparse.Namespace) -> int:
    from cockpit.domain.sources import TableKind
    from cockpit.importers.columns import suggest_mapping
    from cockpit.importers.limits import MAX_TABLE_ROWS
    from cockpit.importers.tabular import read_table
    from cockpit.services.import_table import (
        AlreadyImported,
        ChangedSinceExport,
        RowsWithProblems,
        import_table,
        launch_zone,
        preview_table,
    )

    with open_file(args.file) as lf:
        zone = launch_zone(lf)
        mapping = None
        if args.map:
            limit = MAX_TABLE_ROWS[TableKind(args.kind)]
            headers = read_table(Path(args.table_file), sheet=args.sheet, max_rows=limit).headers
            mapping = _edited_mapping(suggest_mapping(args.kind, headers), args.map)
        preview = preview_table(
            Path(args.table_file), kind=args.kind, tz=zone, mapping=mapping, sheet=args.sheet, launch_file=lf
        )
        if not args.json:
            _print_preview(preview)
        summary = _preview_json(preview)
        try:
            outcome = import_table(
                lf, preview, actor=actor_of(args), accept_partial=args.accept_partial, again=args.again
            )
        except CockpitError as exc:
            if args.json:  # the refusal's reasons, for a script to show; the message goes to stderr
                conflicts = exc.conflicts if isinstance(exc, ChangedSinceExport) else ()
                print_json({**summary, "imported": 0, "conflicts": _conflicts_json(conflicts)})
            if isinstance(exc, RowsWithProblems):
                raise BadInput(exc.fix_with("--accept-partial")) from None
            if isinstance(exc, AlreadyImported):
                raise BadInput(exc.fix_with("--again")) from None
            if isinstance(exc, ChangedSinceExport):
                exc.args = (exc.fix_with("--accept-partial"),)
            raise
    for note in outcome.notes:
        print(note, file=sys.stderr)
    if args.json:
        print_json(
            {
                **summary,
                "imported": outcome.imported,
                "added": outcome.imported,
                "updated": [
                    {"line": u.line, "id": u.row_id, "fields": sorted([*u.changes, *_links(u)])}
                    for u in outcome.updated
                ],
                "unchanged": outcome.unchanged,
                "conflicts": _conflicts_json(outcome.conflicts),
                "left_out": outcome.left_out,
                "dependencies": outcome.dependencies,
                "imported_before": outcome.imported_before,
                # Kept for scripts written before re-imports updated rows: a ticket already in the
                # launch is now in "updated" or "unchanged", never skipped.
                "skipped": [],
            }
        )
        return 0
    if outcome.imported_before:
        print(tr("{earlier}; nothing in it is new, nothing was written.", earlier=outcome.imported_before))
    _print_capped(
        [
            tr("  line {line}: updated #{id} {name!r}: {fields}", line=u.line, id=u.row_id, name=u.name,
               fields=", ".join(_field_labels(outcome.kind, u)))
            for u in outcome.updated
        ],
        more=lambda n: tr("  … and {n} more updated; --json lists them all.", n=n),
    )  # fmt: skip
    if outcome.conflicts:
        print(
            ntr(
                "{n} row left out: it was changed in the launch since the export, in the cells the file changes:",
                "{n} rows left out: they were changed in the launch since the export, in the cells the file "
                "changes:",
                len(outcome.conflicts),
            )
        )
        _print_capped(
            [tr("  line {line}: {reason}", line=c.line, reason=c.reason) for c in outcome.conflicts],
            more=lambda n: tr("  … and {n} more; --json lists them all.", n=n),
        )
    if outcome.updated or outcome.unchanged:
        done = tr("{table}: {counts}", table=outcome.table_name, counts=outcome.counts)
    else:
        done = ntr(
            "{n} row imported into {table}",
            "{n} rows imported into {table}",
            outcome.imported,
            table=outcome.table_name,
        )
    if outcome.dependencies:
        done += ntr(", with {n} dependency", ", with {n} dependencies", outcome.dependencies)
    print(done + ".")
    return 0


def _links(update) -> list[str]:
    from cockpit.importers.columns import DEPENDS_ON

    return [DEPENDS_ON] if update.depends_on is not None else []


def _field_labels(kind, update) -> list[str]:
    from cockpit.importers.columns import field_label

    return [field_label(kind, name) for name in [*update.changes, *_links(update)]]


def _conflicts_json(conflicts) -> list[dict]:
    return [
        {"line": c.line, "id": c.row_id, "fields": list(c.fields), "changed_by": c.who, "changed_at": c.when}
        for c in conflicts
    ]


def _listed(items, limit: int = 10) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += ", " + tr("and {n} more", n=len(items) - limit)
    return shown


def _preview_json(preview) -> dict:
    return {
        "kind": preview.kind.value,
        "mapping": preview.mapping.as_dict(),
        "ignored_columns": list(preview.mapping.unmapped_headers),
        "missing_required": list(preview.missing_required),
        "good": len(preview.good) - (len(preview.plan.bad) if preview.plan else 0),
        "bad": [{"line": b.line, "reason": b.reason} for b in preview.problems],
    }


def _print_preview(preview) -> None:
    """What was understood, before writing: on refusal, it is what the user needs to fix the file."""
    print(tr("Columns used:"))
    for header, label in preview.mapping.describe():
        print(f"  {header} → {label}")
    if preview.mapping.unmapped_headers:
        print(tr("Columns ignored: {headers}", headers=", ".join(preview.mapping.unmapped_headers)))
    if preview.missing_required:
        # Said before any row, and no row is called good: none can be imported until a column holds these.
        print(
            ntr(
                "No column holds {fields}, so none of the {n} row can be imported until one does.",
                "No column holds {fields}, so none of the {n} rows can be imported until one does.",
                preview.total,
                fields=", ".join(preview.missing_required),
            )
        )
        if preview.bad:
            print(
                ntr(
                    "{n} row also has other problems:", "{n} rows also have other problems:", len(preview.bad)
                )
            )
    else:
        bad_rows = len(preview.problems)
        good = ntr("{n} good row", "{n} good rows", preview.total - bad_rows)
        bad = ntr("{n} bad row", "{n} bad rows", bad_rows)
        print(tr("{good}, {bad}.", good=good, bad=bad))
    _print_capped(
        [tr("  line {line}: {reason}", line=row.line, reason=row.reason) for row in preview.problems],
        more=lambda n: ntr(
            "  … and {n} more row with problems; --json lists them all.",
            "  … and {n} more rows with problems; --json lists them all.",
            n,
        ),
    )


def _print_capped(lines: list[str], *, more) -> None:
    for line in lines[:BAD_ROWS_LISTED]:
        print(line)
    if len(lines) > BAD_ROWS_LISTED:
        print(more(len(lines) - BAD_ROWS_LISTED))


def _export(args: argparse.Namespace) -> int:
    from cockpit.services.export_table import export_table

    if args.lang:
        set_language(args.lang)
    with open_file(args.file) as lf:  # read-only falls back by itself; an older file gets upgraded
        outcome = export_table(lf, kind=args.kind, path=Path(args.out))
    if args.json:
        print_json({"path": str(outcome.path), "rows": outcome.rows})
    else:
        print(
            ntr(
                "{n} row exported to {path}.", "{n} rows exported to {path}.", outcome.rows, path=outcome.path
            )
        )
    return 0
