"""Refreshing one remote source: fetch it, hand the file to the right importer, record how it went.

Order matters for the file's safety: the download goes to a private temporary folder first, the
import writes in its own single transaction (all of it or nothing), and only then is the source's
status written. A failure at any step is recorded on the source (``failed`` with the message) and
raised, so the Sources pane and the CLI show the same words.
"""

from __future__ import annotations

import contextlib
import hashlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cockpit.changes import Changes
from cockpit.domain.kpis import Kpi
from cockpit.domain.sources import RefreshStatus, Source, SourceKind
from cockpit.domain.url_secrets import redact_url, was_redacted
from cockpit.errors import BadInput, CockpitError, NotFound
from cockpit.i18n import ntr, tr
from cockpit.importers.sources import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Fetched, fetch
from cockpit.secrets import Credential, Credentials, keyring_status
from cockpit.services.kpi_pull import fetch_prometheus, import_prometheus, kpis_of
from cockpit.store.launchfile import LaunchFile
from cockpit.store.sources_repo import load_source
from cockpit.store.writer import utc_now

# The phase ("download" or "import") and its percentage; None while a download's size is unknown.
RefreshProgress = Callable[[str, int | None], None]


class MissingCredential(BadInput):
    """This machine holds no credential for the source. Not recorded on the shared source: a teammate's
    cockpit, with the credential in its own keyring, may be refreshing it just fine.

    ``str()`` tells the window's user where to enter it; ``source`` and ``where`` let the command line
    name its own way (the secret passed to the refresh)."""

    def __init__(self, *, source: Source, where: str) -> None:
        self.source, self.where = source, where
        super().__init__(
            tr(
                "Source {name!r} needs its credential, but {where}. Enter it again in Sources.",
                name=source.name,
                where=where,
            )
        )


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    source_id: int
    source_name: str
    status: RefreshStatus  # imported, not_modified or unchanged; a failure raises instead
    message: str
    downloaded_bytes: int
    imported: object | None  # the importer's own outcome (ImportOutcome or the table import's)
    changes: Changes


def refresh_source(
    launch_file: LaunchFile,
    source_id: int,
    *,
    actor: str,
    credentials: Credentials,
    progress: RefreshProgress | None = None,
    accept_partial: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RefreshOutcome:
    """Fetch the source and import what changed; ``accept_partial`` imports a table's good rows only.

    The window may run the two halves on different workers instead, so a slow server never holds
    up the single writer: ``fetch_source`` anywhere, then ``import_fetched`` (or ``record_failure``)
    on the writer.
    """
    source = load_source(launch_file, source_id)
    if source is None:
        raise BadInput(tr("There is no source #{id} in this launch.", id=source_id))
    kpis = kpis_of(launch_file) if source.kind is SourceKind.PROMETHEUS else ()
    try:
        with tempfile.TemporaryDirectory(prefix="cockpit-source-") as folder:
            fetched = fetch_source(
                source,
                credentials=credentials,
                folder=Path(folder),
                progress=progress,
                timeout=timeout,
                max_bytes=max_bytes,
                kpis=kpis,
            )
            return import_fetched(
                launch_file, source, fetched, actor=actor, accept_partial=accept_partial, progress=progress
            )
    except MissingCredential:
        raise
    except CockpitError as exc:
        record_failure(launch_file, source, actor=actor, error=exc)
        raise


def fetch_source(
    source: Source,
    *,
    credentials: Credentials,
    folder: Path,
    progress: RefreshProgress | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    kpis: Sequence[Kpi] = (),
) -> Fetched:
    """Download the source into ``folder`` (conditionally, from its last validators); no launch-file access.

    A Prometheus source asks for the queries of ``kpis`` (the launch's, as the caller last read them)."""
    if was_redacted(source.url):
        raise BadInput(
            tr(
                "Source “{name}”: the credential its URL held was removed from the launch file, so the URL no "
                "longer works. Enter the URL again without it (Sources window ▸ Edit…); the credential goes "
                "in the keyring.",
                name=source.name,
            )
        )
    if source.kind is SourceKind.PROMETHEUS:
        return fetch_prometheus(
            source,
            kpis=kpis,
            credential=_credential(source, credentials),
            folder=folder,
            now=datetime.now(UTC),
            timeout=timeout,
            max_bytes=max_bytes,
        )
    return fetch(
        source_name=source.name,
        url=source.url,
        auth=source.auth.value,
        credential=_credential(source, credentials),
        folder=folder,
        etag=source.last_etag,
        last_modified=source.last_modified,
        timeout=timeout,
        max_bytes=max_bytes,
        progress=_download_reporter(progress),
    )


def record_failure(launch_file: LaunchFile, source: Source, *, actor: str, error: CockpitError) -> Changes:
    """Mark the source ``failed`` with the error's message (what the Sources pane shows until the next try)."""
    # If the file is locked or read-only, the refresh's own error is the one to show.
    with contextlib.suppress(CockpitError):
        return _record(launch_file, source, actor=actor, status=RefreshStatus.FAILED, message=str(error))
    return Changes()


def _download_reporter(progress: RefreshProgress | None) -> Callable[[int, int | None], None] | None:
    if progress is None:
        return None
    shown: list[int | None] = []

    def report(received: int, total: int | None) -> None:
        percent = min(100, received * 100 // total) if total else None
        if not shown or shown[-1] != percent:  # once per whole percent, not once per chunk
            shown[:] = [percent]
            progress("download", percent)

    return report


def has_credential(source: Source, *, credentials: Credentials) -> bool:
    """Whether this machine can authenticate to the source: the poller skips the sources it cannot."""
    return not source.needs_credential or (
        source.keyring_ref is not None and credentials.secret(source.keyring_ref) is not None
    )


def _credential(source: Source, credentials: Credentials) -> Credential | None:
    if not source.needs_credential or source.keyring_ref is None:
        return None
    secret = credentials.secret(source.keyring_ref)
    if secret is None:
        status = keyring_status()
        where = (
            tr("the keyring has none for it on this machine")
            if status.usable
            else tr("there is no usable keyring on this machine ({backend})", backend=status.backend_name)
        )
        raise MissingCredential(source=source, where=where)
    return Credential(secret=secret, username=source.username)


def import_fetched(
    launch_file: LaunchFile,
    source: Source,
    fetched: Fetched,
    *,
    actor: str,
    accept_partial: bool = False,
    progress: RefreshProgress | None = None,
) -> RefreshOutcome:
    """Import a download unless it is unchanged, then record the source's new status and validators."""
    validators = {"last_etag": fetched.etag, "last_modified": fetched.last_modified}
    if fetched.not_modified or fetched.path is None:
        message = tr("Not modified since the last refresh.")
        changes = _record(
            launch_file, source, actor=actor, status=RefreshStatus.NOT_MODIFIED, message=message
        )
        return RefreshOutcome(source.id, source.name, RefreshStatus.NOT_MODIFIED, message, 0, None, changes)
    digest = _sha256(fetched.path)
    if digest == source.last_sha256 or _results_already_in(launch_file, source, digest):
        # Servers without ETag or Last-Modified: the same bytes again are not a new run or new rows.
        message = tr("The server sent the same content as last time; nothing to import.")
        changes = _record(
            launch_file, source, actor=actor, status=RefreshStatus.UNCHANGED, message=message, **validators
        )
        return RefreshOutcome(
            source.id, source.name, RefreshStatus.UNCHANGED, message, fetched.size, None, changes
        )
    try:
        imported, summary = _run_importer(
            launch_file, source, fetched.path, actor=actor, accept_partial=accept_partial, progress=progress
        )
    except CockpitError as exc:
        # The importers name the file they read: name the source's URL, not a temporary path.
        exc.args = (str(exc).replace(str(fetched.path), redact_url(source.url)),)
        raise
    recorded = _record(
        launch_file,
        source,
        actor=actor,
        status=RefreshStatus.IMPORTED,
        message=summary,
        last_sha256=digest,
        **validators,
    )
    changes = Changes.union(getattr(imported, "changes", None), recorded)
    return RefreshOutcome(
        source.id, source.name, RefreshStatus.IMPORTED, summary, fetched.size, imported, changes
    )


def _results_already_in(launch_file: LaunchFile, source: Source, digest: str) -> bool:
    """The run or the rows are already there when the status write after an import was lost (crash,
    lock), or when someone imported the same file by hand."""
    if source.kind is SourceKind.PROMETHEUS:
        return False  # each value is recorded once anyway (``kpi_pull.import_prometheus``)
    with launch_file.reading() as conn:
        if source.kind is SourceKind.RESULTS:
            found = conn.execute("SELECT 1 FROM test_runs WHERE source_sha256 = ?", [digest]).fetchone()
        else:
            found = conn.execute(
                "SELECT 1 FROM table_imports WHERE kind = ? AND source_sha256 = ?",
                [source.table_kind.value if source.table_kind else None, digest],
            ).fetchone()
    return found is not None


def _run_importer(
    launch_file: LaunchFile,
    source: Source,
    path: Path,
    *,
    actor: str,
    accept_partial: bool,
    progress: RefreshProgress | None,
) -> tuple[object, str]:
    """Hand the downloaded file to the same importer a local file goes through."""

    def import_progress(percent: int) -> None:
        if progress is not None:
            progress("import", percent)

    if source.kind is SourceKind.RESULTS:
        from cockpit.services.import_results import import_results

        outcome = import_results(
            launch_file,
            paths=[path],
            level=source.level or "",  # TestLevel('') refuses it as TestLevel(None) would
            run_name=source.name,
            actor=actor,
            progress=import_progress,
        )
        return outcome, ntr(
            "Imported run #{run}: {n} test case ({passed} passed, {failed} failed, {errors} errors, "
            "{skipped} skipped).",
            "Imported run #{run}: {n} test cases ({passed} passed, {failed} failed, {errors} errors, "
            "{skipped} skipped).",
            outcome.cases,
            run=outcome.run_id,
            passed=f"{outcome.passed:,}",
            failed=f"{outcome.failed:,}",
            errors=f"{outcome.errors:,}",
            skipped=f"{outcome.skipped:,}",
        )
    if source.kind is SourceKind.PROMETHEUS:
        pulled, message = import_prometheus(launch_file, source, path, actor=actor)
        import_progress(100)
        return pulled, message
    from cockpit.services.import_table import import_table, launch_zone, preview_table

    kind = source.table_kind
    if kind is None:
        raise BadInput(tr("The source {name} does not say which table it holds.", name=source.name))
    preview = preview_table(path, kind=kind, tz=launch_zone(launch_file))
    imported = import_table(launch_file, preview, actor=actor, accept_partial=accept_partial)
    import_progress(100)
    if imported.updated or imported.unchanged:
        message = tr("Imported {kind} rows: {counts}.", kind=kind.value, counts=imported.counts)
    else:
        message = ntr(
            "Imported {n} {kind} row.",
            "Imported {n} {kind} rows.",
            imported.imported,
            kind=kind.value,
        )
    if imported.left_out:
        message += " " + ntr("{n} bad row was left out.", "{n} bad rows were left out.", imported.left_out)
    if imported.conflicts:
        message += " " + ntr(
            "{n} row changed in the launch since the source's export was left out.",
            "{n} rows changed in the launch since the source's export were left out.",
            len(imported.conflicts),
        )
    return imported, message


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _record(
    launch_file: LaunchFile,
    source: Source,
    *,
    actor: str,
    status: RefreshStatus,
    message: str,
    **values: object,
) -> Changes:
    """Write how the refresh went; a source deleted meanwhile has nothing left to record on."""
    if launch_file.read_only:
        return Changes()
    update = {"last_polled_at": utc_now(), "last_status": status.value, "last_message": message, **values}
    try:
        with launch_file.writing(actor) as w:
            w.update("sources", source.id, update, summary=tr("source {name} refreshed", name=source.name))
    except NotFound:
        return Changes()
    return w.changes
