"""Import test result files as one test run: everything is read and checked first, then written, or nothing
is written at all.

Why parse first and write after, rather than writing from a parser thread while it reads: the parser is Python
called back by expat, and the writer runs Python too (binding values) between SQLite steps. Two such threads share
one GIL, so the writer waits up to the switch interval (5 ms) to get it back after every step: measured, a
100,000-case insert beside a busy Python thread took 9 s instead of 0.3 s, and a pipelined import was slower
than this one. Parsing first also keeps the write lock for the insert alone, never for reading a file.

A run of up to ``STAGE_FROM_ROWS`` cases is written in one short transaction. A larger one is staged
(``store.staging``): written out of sight by transactions of about ``BATCH_SECONDS`` each, then shown
at once, so a teammate's save never waits behind a big import for more than a few hundred milliseconds. Its
files are read twice: once to check everything, keeping only counts, then again batch by batch as the batches
are written (the same thread, one after the other: no GIL contention), so memory stays flat whatever the size.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from operator import itemgetter
from pathlib import Path

from cockpit.changes import Changes
from cockpit.domain.moments import zone_of
from cockpit.domain.tests import Outcome, TestLevel
from cockpit.errors import BadInput
from cockpit.i18n import tr
from cockpit.importers.junit import (
    CASE_COLUMNS,
    DEFAULT_MAX_BYTES,
    FLAKY_INDEX,
    OUTCOME_INDEX,
    ParsedCase,
    ResultStream,
    RunFacts,
)
from cockpit.importers.limits import MAX_CASES_PER_RUN
from cockpit.importers.safe_xml import check_file
from cockpit.services.import_cleanup import cleanup_notes
from cockpit.store.launchfile import LaunchFile
from cockpit.store.staging import clean_abandoned, discard, stage_run


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


# Up to this many cases a run is written in one transaction, from memory: about 150 ms of writing (a 1,000,000
# case run takes 1.5 s), fast enough not to keep teammates waiting, and a run that size is read only once.
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
    Raises ``BadInput`` before writing anything when a file is refused, when two paths hold the same
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
    survey = _survey(paths, naive_tz=naive_tz, max_bytes=max_bytes, on_bytes=report)
    facts, digests, counts, flaky = survey.facts, survey.digests, survey.counts, survey.flaky
    source_sha256 = _combined_sha256(paths, digests)
    _refuse_reimport(launch_file, source_sha256)

    starts = [fact.started_at for fact in facts if fact.started_at is not None]
    run_values = {
        "level": level.value,
        "name": (run_name or "").strip() or _default_name(paths, facts),
        "started_at": min(starts).isoformat() if starts else None,
        "source": ", ".join(path.name for path in paths),
        "source_sha256": source_sha256,
    }
    summary = tr(
        "Imported {cases} test cases ({passed} passed, {failed} failed, {errors} errors, {skipped} skipped) "
        "from {source}",
        cases=survey.total,
        passed=counts[Outcome.PASSED.value],
        failed=counts[Outcome.FAILED.value],
        errors=counts[Outcome.ERROR.value],
        skipped=counts[Outcome.SKIPPED.value],
        source=run_values["source"],
    )
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
        cases = _read_again(paths, digests, naive_tz=naive_tz, max_bytes=max_bytes)
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
    return ImportOutcome(
        run_id=run_id,
        cases=survey.total,
        passed=counts[Outcome.PASSED.value],
        failed=counts[Outcome.FAILED.value],
        errors=counts[Outcome.ERROR.value],
        skipped=counts[Outcome.SKIPPED.value],
        flaky=flaky,
        changes=writer.changes,
        notes=cleanup_notes(cleaned_up, naive_tz),
    )


@dataclass(slots=True)
class _Survey:
    """The files read once through: what the run will say, and its cases while few enough to keep."""

    facts: list[RunFacts] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    flaky: int = 0
    total: int = 0
    cases: list[ParsedCase] | None = field(default_factory=list)  # None: too many to keep, read again


def _survey(
    paths: list[Path], *, naive_tz: tzinfo, max_bytes: int, on_bytes: Callable[[int], None]
) -> _Survey:
    """Read every file through, checking all of it (every refusal comes here, before anything is written)."""
    survey = _Survey()
    for path in paths:
        # The cases of the files read so far count towards the run's limit.
        stream = ResultStream(
            path, naive_tz=naive_tz, max_bytes=max_bytes, cases_before=survey.total, on_bytes=on_bytes
        )
        before = survey.total
        for batch in stream.batches():
            survey.total += len(batch)
            survey.counts.update(map(itemgetter(OUTCOME_INDEX), batch))
            survey.flaky += sum(map(itemgetter(FLAKY_INDEX), batch))
            if survey.cases is not None:
                survey.cases.extend(batch)
                if len(survey.cases) > STAGE_FROM_ROWS:
                    survey.cases = None  # staged: read again while written, so memory stays flat
        assert stream.facts is not None  # set when batches() finished
        if survey.total == before:
            raise BadInput(
                tr(
                    "{path} is a {format} file without a single test case: there is nothing to import.",
                    path=path,
                    format=stream.facts.format,
                )
            )
        survey.facts.append(stream.facts)
        survey.digests.append(stream.sha256)
    return survey


def _read_again(
    paths: list[Path], digests: list[str], *, naive_tz: tzinfo, max_bytes: int
) -> Iterator[ParsedCase]:
    """The cases of the files, read a second time; refused if a file changed since the first."""
    for path, digest in zip(paths, digests, strict=True):
        stream = ResultStream(path, naive_tz=naive_tz, max_bytes=max_bytes, max_cases=MAX_CASES_PER_RUN * 2)
        yield from stream
        if stream.sha256 != digest:
            raise BadInput(
                tr(
                    "{path} changed while it was being imported; nothing was imported. Import it again once "
                    "whatever writes it has finished.",
                    path=path,
                )
            )


def _combined_sha256(paths: list[Path], digests: list[str]) -> str:
    """The file's own sha256; for several files, the sha256 of their sorted digests (order does not matter)."""
    seen: dict[str, Path] = {}
    for path, digest in zip(paths, digests, strict=True):
        if digest in seen:
            raise BadInput(
                tr(
                    "{first} and {second} hold the same results; give each result file once.",
                    first=seen[digest],
                    second=path,
                )
            )
        seen[digest] = path
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(sorted(digests)).encode("ascii")).hexdigest()


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
