"""Import test result files as one test run: everything is read and checked, then shown at once, or nothing
is shown at all.

The files are parsed on a thread of their own (``importers.read_ahead``) while the cases already parsed are
written, so the parse and SQLite's stepping overlap; and they are written out of sight (``store.staging``),
each chunk of the files in its own short transaction, so the write lock is never held while a file is read
and a teammate's save gets in between two chunks. Once the last file is read and checked, one short
transaction checks for a re-import, gives the run its name, start and digest, writes the audit rows and shows
the run whole. A refusal found on the way (a file malformed at its end, a re-import) removes what was written:
nobody ever sees part of it. Memory stays flat whatever the size: the reader runs at most a few chunks ahead.

Measured on two otherwise idle cores, 100,000 cases import in about 0.3 s instead of 0.4 s parsing first and
writing after (about 10 % more CPU, for the threads handing the GIL to each other); on cores other work keeps
busy there is no second core to gain and it takes about as long as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.domain.tests import Outcome, TestLevel
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.junit import CASE_COLUMNS, CASE_WIDTH, DEFAULT_MAX_BYTES, RunFacts
from cockpit.importers.safe_xml import check_file
from cockpit.services.import_cleanup import cleanup_notes
from cockpit.services.result_survey import Survey, combined_sha256, read_through, survey_files
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import Pacing, Staged, clean_abandoned, discard, stage_run, touch

if TYPE_CHECKING:
    from cockpit.importers.read_ahead import ReadAhead
    from cockpit.store.writer import Writer


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    run_id: int
    cases: int
    passed: int
    failed: int
    errors: int
    skipped: int
    flaky: int
    changes: Changes
    notes: tuple[str, ...] = ()  # what imports that died part-way had left, removed before this one


def import_results(
    launch_file: LaunchFile,
    *,
    paths: Sequence[Path],
    level: TestLevel | str,
    run_name: str | None,
    actor: str,
    progress: Callable[[int], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportOutcome:
    """Import one or more result files (JUnit XML of any producer, NUnit, xUnit.net, TRX, TestNG) as ONE run.

    ``progress`` receives the percentage of bytes read so far (0–99), then 100 once written.
    Raises ``BadInput`` with nothing shown when a file is refused, when two paths hold the same
    file, or when exactly these files were imported before (the message names that run); what a file
    over ``READ_FIRST_UP_TO_BYTES`` had written by then is removed again.
    A time stamp without a zone is read in the launch's time zone.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        raise BadInput(tr("Give at least one test result file to import."))
    level = TestLevel(level)
    # The quick refusals (missing, too big, binary, not XML) come for every file before any is parsed.
    sizes = [check_file(path, max_bytes=max_bytes) for path in paths]
    report = _progress_reporter(progress, total=sum(sizes))
    naive_tz = _launch_zone(launch_file)
    if launch_file.read_only or sum(sizes) <= READ_FIRST_UP_TO_BYTES:
        return _read_first(
            launch_file, paths, level=level, run_name=run_name, actor=actor, naive_tz=naive_tz,
            max_bytes=max_bytes, report=report,
        )  # fmt: skip
    from cockpit.importers.read_ahead import ReadAhead  # its thread only for a file written while read

    survey = Survey()
    chunks = ReadAhead(read_through(paths, survey, naive_tz=naive_tz, max_bytes=max_bytes))
    staged: Staged | None = None
    try:
        written = _write_out_of_sight(
            launch_file, chunks, level=level, label=(run_name or "").strip() or paths[0].name, actor=actor,
            report=report,
        )  # fmt: skip
        staged = written.staged
        source_sha256 = combined_sha256(paths, survey.digests)
        _refuse_reimport(launch_file, source_sha256)
        run_values = _run_values(paths, survey, level=level, run_name=run_name, source_sha256=source_sha256)
        summary = _summary(survey, source=run_values["source"])
        # What imports that died part-way left is removed only for files that passed every check.
        cleaned_up = clean_abandoned(launch_file, actor=actor)
        with launch_file.writing(actor) as writer:
            _refuse_reimport(launch_file, source_sha256)  # again, now that no one else can write
            writer.show_staged(staged.mark_id)
            shown_at, writer.at = writer.at, written.at
            _insert_cases(writer, staged.first_id, written.last_cases)
            writer.at = shown_at
            # The values and audit rows ``Writer.insert`` and ``insert_values`` would have written.
            shown = {**run_values, "version": 1, "updated_by": actor, "updated_at": writer.at}
            assignments = ", ".join(f"{column} = ?" for column in shown)
            writer.conn.execute(
                f"UPDATE test_runs SET {assignments} WHERE id = ?", [*shown.values(), staged.first_id]
            )
            writer.audit("insert", "test_runs", staged.first_id, None, shown, summary)
            writer.audit("import", "test_cases", None, None, {"rows": survey.total}, summary)
    except BaseException:
        if staged is not None:
            discard(launch_file, staged, actor=actor)
        raise
    finally:
        chunks.close()
    report(0)
    return _outcome(staged.first_id, survey, writer.changes, notes=cleanup_notes(cleaned_up, naive_tz))


def _write_out_of_sight(
    launch_file: LaunchFile,
    chunks: ReadAhead[tuple[list[object], int]],
    *,
    level: TestLevel,
    label: str,
    actor: str,
    report: Callable[[int], None],
) -> _Written:
    """Write the run's cases as they are read, out of sight: a transaction for each chunk, or for the chunks
    read ahead meanwhile (a writer that fell behind catches up in fewer commits, each about 0.1 s of work).
    The write lock is taken only once a chunk is there to write, and a writer that kept it busy for 0.15 s
    pauses for 0.1 s, so a teammate's save waiting meanwhile goes through (``staging.Pacing``). On an error
    what was written is removed and the error raised."""
    staged: Staged | None = None
    at = ""
    from cockpit.importers.read_ahead import MAX_WAITING

    pacing = Pacing(most_items=MAX_WAITING)
    # The rows short of a whole statement wait for the next chunk's (their values end to end).
    waiting: list[object] = []
    try:
        while True:
            began = time.monotonic()
            taken = chunks.take(at_most=pacing.items_per_transaction)
            if not taken:
                break
            pacing.waited(time.monotonic() - began)
            for cases, read in taken:
                if read:
                    report(read)
                waiting += cases
            whole = len(waiting) - len(waiting) % (ROWS_PER_STATEMENT_READING * CASE_WIDTH)
            if staged is not None and not whole:
                continue
            began = time.monotonic()
            with launch_file.writing(actor) as writer:
                if staged is None:  # the first chunk: the run's row, for its id, and the mark hiding it
                    staged = stage_run(writer, level=level.value, label=label, actor=actor)
                    at = writer.at
                else:
                    touch(writer, staged)
                writer.at = at  # one import, one time: as if written at once
                _insert_cases(writer, staged.first_id, waiting[:whole])
            del waiting[:whole]
            pacing.wrote(len(taken), time.monotonic() - began)
            pacing.pause_if_due()
        if staged is None:  # read_through refuses a run without cases first: a bug, not the user's
            raise ValueError("an import read no chunk")
    except BaseException:
        if staged is not None:
            discard(launch_file, staged, actor=actor)
        raise
    return _Written(staged, at, waiting)


@dataclass(frozen=True, slots=True)
class _Written:
    """A run written out of sight but for its last cases (fewer than a statement's), at ``at``."""

    staged: Staged
    at: str
    last_cases: list[object]  # their values end to end


# Files up to this size (about 100,000 cases) are read first and written after in one transaction: about
# 0.15 s of lock for the largest, within the 300 ms promised to teammates, and a refusal leaves the launch file
# as it was, byte for byte. Measured on the shared 2-core machine, that is faster than overlapping the parse
# with short transactions (bench.junit_import: 1.29× junitparser against 1.05–1.11×), whose commits and pauses
# cost more than the overlap saves at this size; past it the overlap halves a 1,000,000-case import.
READ_FIRST_UP_TO_BYTES = 12 << 20


def _read_first(
    launch_file: LaunchFile,
    paths: list[Path],
    *,
    level: TestLevel,
    run_name: str | None,
    actor: str,
    naive_tz: tzinfo,
    max_bytes: int,
    report: Callable[[int], None],
) -> ImportOutcome:
    """Read every file, then write the run in one transaction (also how a read-only file refuses: what is
    wrong with the result files is said first)."""
    survey = survey_files(paths, naive_tz=naive_tz, max_bytes=max_bytes, on_bytes=report, keep=True)
    source_sha256 = combined_sha256(paths, survey.digests)
    _refuse_reimport(launch_file, source_sha256)
    run_values = _run_values(paths, survey, level=level, run_name=run_name, source_sha256=source_sha256)
    summary = _summary(survey, source=run_values["source"])
    cleaned_up = clean_abandoned(launch_file, actor=actor)
    with _run_checked_once(launch_file), launch_file.writing(actor) as writer:
        _refuse_reimport(launch_file, source_sha256)  # again, now that no one else can write
        run_id = writer.insert("test_runs", run_values, summary=summary)["id"]
        writer.insert_values(
            "test_cases",
            columns=CASE_COLUMNS,
            values=survey.case_values,
            shared={"run_id": run_id},
            summary=summary,
            counted=True,
        )
    report(0)
    return _outcome(run_id, survey, writer.changes, notes=cleanup_notes(cleaned_up, naive_tz))


@contextmanager
def _run_checked_once(launch_file: LaunchFile) -> Iterator[None]:
    """Foreign keys unchecked for the one transaction that writes a run and its cases: every case names the
    run written just before it, and looking that run up again for each of 100,000 cases is 0.012 s of the
    import. SQLite takes the setting only between transactions, so it is set around this one."""
    launch_file.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        launch_file.conn.execute("PRAGMA foreign_keys = ON")


# Rows per INSERT while reading: each statement is one hand-over of the GIL between the threads and back, and
# SQLite steps it with the GIL released; by the thousand, 100 statements for 100,000 cases.
ROWS_PER_STATEMENT_READING = 1000


def _insert_cases(writer: Writer, run_id: int, case_values: list[object]) -> None:
    writer.insert_values(
        "test_cases",
        columns=CASE_COLUMNS,
        values=case_values,
        shared={"run_id": run_id},
        audited=False,
        rows_per_statement=ROWS_PER_STATEMENT_READING,
        counted=True,  # the run's counts are written when it is shown
    )


def _run_values(
    paths: list[Path], survey: Survey, *, level: TestLevel, run_name: str | None, source_sha256: str
) -> dict[str, Any]:
    """The run's row, with the counts of the cases read (``store.run_counts``)."""
    starts = [fact.started_at for fact in survey.facts if fact.started_at is not None]
    return {
        "level": level.value,
        "name": (run_name or "").strip() or _default_name(paths, survey.facts),
        "started_at": min(starts).isoformat() if starts else None,
        "source": ", ".join(path.name for path in paths),
        "source_sha256": source_sha256,
        "total": survey.total,
        "passed": survey.counts[Outcome.PASSED.value],
        "failed": survey.counts[Outcome.FAILED.value],
        "errors": survey.counts[Outcome.ERROR.value],
        "skipped": survey.counts[Outcome.SKIPPED.value],
        "flaky": survey.flaky,
    }


def _summary(survey: Survey, *, source: str) -> str:
    return tr(
        "Imported {cases} test cases ({passed} passed, {failed} failed, {errors} errors, {skipped} skipped) "
        "from {source}",
        cases=survey.total,
        passed=survey.counts[Outcome.PASSED.value],
        failed=survey.counts[Outcome.FAILED.value],
        errors=survey.counts[Outcome.ERROR.value],
        skipped=survey.counts[Outcome.SKIPPED.value],
        source=source,
    )


def _outcome(run_id: int, survey: Survey, changes: Changes, *, notes: tuple[str, ...]) -> ImportOutcome:
    return ImportOutcome(
        run_id=run_id,
        cases=survey.total,
        passed=survey.counts[Outcome.PASSED.value],
        failed=survey.counts[Outcome.FAILED.value],
        errors=survey.counts[Outcome.ERROR.value],
        skipped=survey.counts[Outcome.SKIPPED.value],
        flaky=survey.flaky,
        changes=changes,
        notes=notes,
    )


def _refuse_reimport(launch_file: LaunchFile, source_sha256: str) -> None:
    row = launch_file.conn.execute(
        "SELECT id, name, source, updated_by, updated_at FROM test_runs WHERE source_sha256 = ?",
        [source_sha256],
    ).fetchone()
    if row is not None:
        raise BadInput(
            tr(
                "These results were already imported as run #{id} “{name}” (from {source}, "
                "on {when} by {who}); nothing was imported again.",
                id=row["id"],
                name=row["name"],
                source=row["source"],
                when=row["updated_at"],
                who=row["updated_by"],
            )
        )


def _launch_zone(launch_file: LaunchFile) -> tzinfo:
    row = launch_file.conn.execute("SELECT timezone FROM launch WHERE id = 1").fetchone()
    return zone_of(row["timezone"] if row else None)


def _default_name(paths: list[Path], facts: list[RunFacts]) -> str:
    first = facts[0].name.strip() or paths[0].stem
    if len(paths) == 1:
        return first
    return tr("{name} and {more} more file(s)", name=first, more=len(paths) - 1)


def _progress_reporter(progress: Callable[[int], None] | None, *, total: int) -> Callable[[int], None]:
    """Turn "this many more bytes read" into whole percentages, each reported once; reading stops at 99,
    and ``0`` ("done": everything written) gives 100."""
    if progress is None:
        return lambda _n: None
    state = {"read": 0, "shown": -1}

    def report(n_bytes: int) -> None:
        state["read"] = state["read"] + n_bytes if n_bytes else total
        percent = 100 if not n_bytes else min(99, state["read"] * 100 // max(total, 1))
        if percent != state["shown"]:
            state["shown"] = percent
            progress(percent)

    return report
