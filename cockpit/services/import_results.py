"""Import test result files as one test run: everything is read and checked, then shown at once, or nothing
is written at all.

A run of up to ``STAGE_FROM_ROWS`` cases is written in one transaction while its files are read: the files are
parsed on a thread of their own (``importers.read_ahead``) and each chunk's cases are inserted as soon as they
are parsed, so the parse and SQLite's stepping overlap; the run's row gets its name, start and digest, and the
import its audit rows, once the last file is read and checked, in the same transaction. A refusal found on the
way (a malformed file, a reimport) rolls it all back: nobody ever sees part of it. The write lock is held while
the files are read, about 0.3 s for 100,000 cases. Measured on two otherwise idle cores, 100,000 cases import
in 0.30 s instead of 0.40 s parsing first and writing after (about 10 % more CPU, for the threads handing the
GIL to each other); on cores other work keeps busy there is no second core to gain and it takes as long as
before. A run turns out bigger only once read: its transaction is then rolled back, and it is staged.

A larger run is staged (``store.staging``): written out of sight by transactions of about ``BATCH_SECONDS``
each, then shown at once, so a teammate's save never waits behind a big import for more than a few hundred
milliseconds. Its files are read twice: once to check everything, keeping only counts, then again batch by batch
as the batches are written (the same thread, one after the other), so memory stays flat whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.domain.tests import Outcome, TestLevel
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.junit import CASE_COLUMNS, DEFAULT_MAX_BYTES, ParsedCase, RunFacts
from cockpit.importers.read_ahead import read_ahead
from cockpit.importers.safe_xml import check_file
from cockpit.services.import_cleanup import cleanup_notes
from cockpit.services.result_survey import Survey, combined_sha256, read_again, read_through, survey_files
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import clean_abandoned, discard, stage_run

if TYPE_CHECKING:
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


# Up to this many cases a run is written in one transaction: about 150 ms of inserting (a 1,000,000 case run
# takes 1.5 s), fast enough not to keep teammates waiting, and a run that size is read only once.
STAGE_FROM_ROWS = 100_000


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
    Raises ``BadInput`` with nothing written when a file is refused, when two paths hold the same
    file, or when exactly these files were imported before (the message names that run).
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
    survey: Survey | None = None
    if not launch_file.read_only and not _imports_staged(launch_file):
        written = _write_while_reading(
            launch_file,
            paths,
            level=level,
            run_name=run_name,
            actor=actor,
            naive_tz=naive_tz,
            max_bytes=max_bytes,
            report=report,
        )
        if isinstance(written, ImportOutcome):
            report(0)
            return written
        survey = written  # too many cases for one transaction: staged below
    if survey is None:
        # Read first, write after: what imports that died part-way left is removed only for a file that passed.
        survey = survey_files(
            paths, naive_tz=naive_tz, max_bytes=max_bytes, keep=STAGE_FROM_ROWS, on_bytes=report
        )
    source_sha256 = combined_sha256(paths, survey.digests)
    _refuse_reimport(launch_file, source_sha256)
    run_values = _run_values(paths, survey.facts, level=level, run_name=run_name, source_sha256=source_sha256)
    summary = _summary(survey, source=run_values["source"])
    cleaned_up = clean_abandoned(launch_file, actor=actor)
    if survey.cases is not None:
        with launch_file.writing(actor) as writer:
            _refuse_reimport(launch_file, source_sha256)  # again, now that no one else can write
            run = writer.insert("test_runs", run_values, summary=summary)
            run_id = run["id"]
            writer.insert_rows(
                "test_cases",
                columns=CASE_COLUMNS,
                rows=survey.cases,
                shared={"run_id": run_id},
                summary=summary,
            )
    else:
        # Read again as it is written, batch by batch: only a batch is ever in memory.
        cases = read_again(paths, survey.digests, naive_tz=naive_tz, max_bytes=max_bytes)
        staged = stage_run(launch_file, actor=actor, run_values=run_values, columns=CASE_COLUMNS, cases=cases)
        run_id = staged.first_id
        try:
            with launch_file.writing(actor) as writer:
                _refuse_reimport(launch_file, source_sha256)  # a teammate may have imported them meanwhile
                writer.show_staged(staged.mark_id)
                writer.conn.execute(
                    "UPDATE test_runs SET source_sha256 = ? WHERE id = ?", [source_sha256, run_id]
                )
                shown = {**run_values, "version": 1, "updated_by": actor}
                writer.audit("insert", "test_runs", run_id, None, shown, summary)
                writer.audit("import", "test_cases", None, None, {"rows": survey.total}, summary)
        except BaseException:
            discard(launch_file, staged, actor=actor)
            raise
    report(0)
    return _outcome(run_id, survey, writer.changes, notes=cleanup_notes(cleaned_up, naive_tz))


class _TooManyForOneTransaction(Exception):
    pass


def _write_while_reading(
    launch_file: LaunchFile,
    paths: list[Path],
    *,
    level: TestLevel,
    run_name: str | None,
    actor: str,
    naive_tz: tzinfo,
    max_bytes: int,
    report: Callable[[int], None],
) -> ImportOutcome | Survey:
    """Insert the cases while the files are read, in one transaction shown once all of them passed every
    check; or, for a run found to have more than ``STAGE_FROM_ROWS`` cases, nothing written and the survey
    of its files, for staging."""
    survey = Survey(cases=None)
    chunks = read_ahead(read_through(paths, survey, naive_tz=naive_tz, max_bytes=max_bytes))
    try:
        with launch_file.writing(actor) as writer:
            # The run's row first, for its id; what only the whole files tell is set once they are read.
            run_id = writer.conn.execute(
                "INSERT INTO test_runs (level, name) VALUES (?, '')", [level.value]
            ).lastrowid
            assert run_id is not None  # an INSERT's
            read_so_far = 0
            # The rows short of a whole statement wait for the next chunk's.
            waiting: list[ParsedCase] = []
            for cases, read in chunks:
                if read:
                    report(read)
                read_so_far += len(cases)
                if read_so_far > STAGE_FROM_ROWS:
                    raise _TooManyForOneTransaction
                waiting += cases
                whole = len(waiting) - len(waiting) % ROWS_PER_STATEMENT_READING
                _insert_cases(writer, run_id, waiting[:whole])
                del waiting[:whole]
            _insert_cases(writer, run_id, waiting)
            source_sha256 = combined_sha256(paths, survey.digests)
            _refuse_reimport(launch_file, source_sha256)
            run_values = _run_values(
                paths, survey.facts, level=level, run_name=run_name, source_sha256=source_sha256
            )
            summary = _summary(survey, source=run_values["source"])
            # The values and audit rows ``Writer.insert`` and ``insert_rows`` would have written.
            shown = {**run_values, "version": 1, "updated_by": actor, "updated_at": writer.at}
            assignments = ", ".join(f"{column} = ?" for column in shown)
            writer.conn.execute(f"UPDATE test_runs SET {assignments} WHERE id = ?", [*shown.values(), run_id])
            writer.audit("insert", "test_runs", run_id, None, shown, summary)
            writer.audit("import", "test_cases", None, None, {"rows": survey.total}, summary)
    except _TooManyForOneTransaction:
        for _cases, read in chunks:  # the survey goes on, so the files are read only once more, to stage them
            if read:
                report(read)
        return survey
    finally:
        chunks.close()
    return _outcome(run_id, survey, writer.changes, notes=())


# Rows per INSERT while reading: each statement is one hand-over of the GIL between the threads and back, and
# SQLite steps it with the GIL released; by the thousand, 100 statements for 100,000 cases.
ROWS_PER_STATEMENT_READING = 1000


def _insert_cases(writer: Writer, run_id: int, cases: list[ParsedCase]) -> None:
    writer.insert_rows(
        "test_cases",
        columns=CASE_COLUMNS,
        rows=cases,
        shared={"run_id": run_id},
        audited=False,
        rows_per_statement=ROWS_PER_STATEMENT_READING,
    )


def _imports_staged(launch_file: LaunchFile) -> bool:
    """Whether another import is staged, or one died part-way: one that may need cleaning up first."""
    return bool(launch_file.conn.execute("SELECT EXISTS (SELECT 1 FROM import_staging)").fetchone()[0])


def _run_values(
    paths: list[Path], facts: list[RunFacts], *, level: TestLevel, run_name: str | None, source_sha256: str
) -> dict[str, Any]:
    starts = [fact.started_at for fact in facts if fact.started_at is not None]
    return {
        "level": level.value,
        "name": (run_name or "").strip() or _default_name(paths, facts),
        "started_at": min(starts).isoformat() if starts else None,
        "source": ", ".join(path.name for path in paths),
        "source_sha256": source_sha256,
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
