"""The Sources menu and background refresh: download on a worker of its own, import on the writer.

A slow or hanging server must never hold up the writer (and with it every edit): ``fetch_source``
runs on the sources worker, ``import_fetched`` or ``record_failure`` on the session's writer. Sources
are refreshed one after another; the status bar shows which and how far. Once a minute the due
sources are refreshed the same way, without the ones whose credential this machine does not hold
(the user is told about those once per file).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QStatusBar, QWidget

from cockpit.domain.sources import RefreshStatus, Source, due_sources
from cockpit.errors import CockpitError
from cockpit.importers.sources import Fetched
from cockpit.secrets import Credentials
from cockpit.services.sources import (
    MissingCredential,
    fetch_source,
    has_credential,
    import_fetched,
    list_sources,
    record_failure,
)
from cockpit.ui.session.launch_session import LaunchSession
from cockpit.ui.session.tasks import TaskRunner, Tasks
from cockpit.ui.sources.manage_dialog import SourcesDialog
from cockpit.ui.sources.progress import (
    FAILED,
    SKIPPED,
    RefreshIndicator,
    RefreshResultsDialog,
    SourceResult,
)

POLL_INTERVAL_MS = 60_000


@dataclass(slots=True)
class _Batch:
    session: LaunchSession
    queue: list[Source]
    total: int
    show_results: bool
    results: list[SourceResult] = field(default_factory=list)


class SourcesController(QObject):
    """Owns the Sources menu, the refresh indicator and the poll timer of one window."""

    refreshed = Signal(object)  # tuple[SourceResult, ...], after each batch
    _progress = Signal(str, object)  # text, percent or None; emitted from worker threads

    def __init__(
        self,
        *,
        parent: QWidget,
        current_session: Callable[[], LaunchSession | None],
        status_bar: QStatusBar,
        show_problem: Callable[[str], None],
        fetch_tasks: Tasks | None = None,
        poll_interval_ms: int = POLL_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._current_session = current_session
        self._status_bar = status_bar
        self._show_problem = show_problem
        self._fetch = fetch_tasks or TaskRunner(name="cockpit-sources", parent=self)
        self._batch: _Batch | None = None
        self._polling = False
        self._told_missing: set[tuple[Path, int]] = set()
        self.results_dialog: RefreshResultsDialog | None = None
        self.manage_dialog: SourcesDialog | None = None
        self.indicator = RefreshIndicator()
        status_bar.addPermanentWidget(self.indicator)
        self._progress.connect(self.indicator.show_step, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_interval_ms)
        self.timer.timeout.connect(self.poll_due)
        self.timer.start()
        self.manage_action: QAction | None = None
        self.refresh_action: QAction | None = None

    # -- menu -----------------------------------------------------------------------------------------------------

    def add_menu(self, menu_bar: QMenuBar, *, before: QAction | None = None) -> QMenu:
        menu = QMenu(self.tr("&Sources"), menu_bar)
        menu.setObjectName("sourcesMenu")
        if before is not None:
            menu_bar.insertMenu(before, menu)
        else:
            menu_bar.addMenu(menu)
        self.manage_action = menu.addAction(self.tr("&Manage…"))
        self.manage_action.triggered.connect(lambda: self.manage())
        self.refresh_action = menu.addAction(self.tr("&Refresh all"))
        self.refresh_action.setShortcut("F5")
        self.refresh_action.triggered.connect(lambda: self.refresh_all())
        self._window.addAction(self.refresh_action)  # F5 also works in full screen, where menus are hidden
        menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()
        return menu

    def update_enabled(self) -> None:
        session = self._current_session()
        is_open = session is not None and session.is_open
        if self.manage_action is not None:
            self.manage_action.setEnabled(is_open)
        if self.refresh_action is not None:
            writable = session is not None and session.is_open and not session.read_only
            self.refresh_action.setEnabled(writable and not self.busy)

    @property
    def busy(self) -> bool:
        return self._batch is not None or self._polling

    def credentials(self, session: LaunchSession) -> Credentials:
        """The keyring, with the secrets the user chose to keep for this session only in front of it."""
        return Credentials(session=session.session_credentials)

    def manage(self):
        session = self._current_session()
        if session is None or session.data is None:
            return None
        dialog = SourcesDialog(session=session, controller=self, parent=self._window)
        dialog.finished.connect(dialog.deleteLater)
        self.manage_dialog = dialog
        dialog.open()
        return dialog

    # -- starting a refresh ---------------------------------------------------------------------------------------

    def refresh_all(self, *, show_results: bool = True) -> None:
        """Every source of the launch, on demand ones too; the results are listed when done."""
        self._refresh_listed(lambda sources: sources, show_results=show_results)

    def refresh_ids(self, source_ids: set[int], *, show_results: bool = True) -> None:
        self._refresh_listed(
            lambda sources: tuple(s for s in sources if s.id in source_ids), show_results=show_results
        )

    def _refresh_listed(
        self, pick: Callable[[tuple[Source, ...]], tuple[Source, ...]], *, show_results: bool
    ) -> None:
        session = self._current_session()
        if session is None or session.data is None or self.busy:
            return
        self._polling = True
        self._progress_text(self.tr("Looking up the sources…"), None)

        def listed(sources: tuple[Source, ...]) -> None:
            self._polling = False
            self._start(session, list(pick(sources)), show_results=show_results)

        session.run(
            lambda launch_file, _actor: list_sources(launch_file), on_done=listed, on_error=self._list_failed
        )

    def poll_due(self) -> None:
        """The timer's turn: refresh the due sources this machine can sign in to, quietly."""
        session = self._current_session()
        if session is None or session.data is None or session.read_only or self.busy:
            return
        self._polling = True
        credentials = self.credentials(session)

        def listed(sources: tuple[Source, ...]) -> None:
            due = due_sources(sources, now=session.now())
            if not due:
                self._polling = False
                return
            self._fetch.submit(
                lambda: [(s, has_credential(s, credentials=credentials)) for s in due],
                on_done=checked,
                on_error=self._list_failed,
            )

        def checked(pairs: list[tuple[Source, bool]]) -> None:
            self._polling = False
            missing = [s for s, has in pairs if not has]
            self._tell_missing_once(session, missing)
            self._start(session, [s for s, has in pairs if has], show_results=False)

        session.run(
            lambda launch_file, _actor: list_sources(launch_file), on_done=listed, on_error=self._list_failed
        )

    def _list_failed(self, exc: BaseException) -> None:
        self._polling = False
        self.indicator.finish()
        if not isinstance(exc, CockpitError):
            raise exc
        self._show_problem(self.tr("The sources could not be read: {error}").format(error=exc))

    def _tell_missing_once(self, session: LaunchSession, missing: list[Source]) -> None:
        new = [s for s in missing if (session.path, s.id) not in self._told_missing]
        if not new:
            return
        self._told_missing.update((session.path, s.id) for s in new)
        self._show_problem(
            self.tr(
                "Not refreshed automatically: {names}. This machine has no credential for them; "
                "enter it in Sources ▸ Manage…"
            ).format(names=", ".join(s.name for s in new))
        )

    # -- one source after another ---------------------------------------------------------------------------------

    def _start(self, session: LaunchSession, sources: list[Source], *, show_results: bool) -> None:
        if not sources:
            self.indicator.finish()
            if show_results:
                self._finish(_Batch(session, [], 0, show_results))
            return
        self._batch = _Batch(session=session, queue=sources, total=len(sources), show_results=show_results)
        self.update_enabled()
        self._next()

    def _next(self) -> None:
        batch = self._batch
        if batch is None:
            return
        if batch.session is not self._current_session() or not batch.session.is_open:
            self._batch = None  # the file was closed or replaced: its refresh ends here
            self.indicator.finish()
            self.update_enabled()
            return
        if not batch.queue:
            self._finish(batch)
            return
        source = batch.queue.pop(0)
        number = batch.total - len(batch.queue)
        step = self.tr("Refreshing {name} ({number} of {total})…").format(
            name=source.name, number=number, total=batch.total
        )
        self._progress_text(step, None)
        credentials = self.credentials(batch.session)
        data = batch.session.data
        kpis = data.kpis if data is not None else ()  # what a Prometheus source asks its server for

        def report(phase: str, percent: int | None) -> None:  # on a worker thread
            self._progress.emit(step, percent)

        def fetch_job() -> tuple[Path, Fetched]:
            folder = Path(tempfile.mkdtemp(prefix="cockpit-source-"))
            try:
                return folder, fetch_source(
                    source, credentials=credentials, folder=folder, progress=report, kpis=kpis
                )
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise

        self._fetch.submit(
            fetch_job,
            on_done=lambda fetched: self._import(batch, source, *fetched, report=report),
            on_error=lambda exc: self._fetch_failed(batch, source, exc),
        )

    def _import(self, batch: _Batch, source: Source, folder: Path, fetched: Fetched, *, report) -> None:
        def job(launch_file, actor: str) -> SourceResult:
            try:
                outcome = import_fetched(launch_file, source, fetched, actor=actor, progress=report)
            except CockpitError as exc:
                changes = record_failure(launch_file, source, actor=actor, error=exc)
                return SourceResult(source.id, source.name, FAILED, str(exc), changes)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            return SourceResult(
                source.id, source.name, outcome.status.value, outcome.message, outcome.changes
            )

        batch.session.run(
            job,
            on_done=lambda result: self._record(batch, source, result),
            on_error=lambda exc: self._abort(batch, exc, folder),
        )

    def _fetch_failed(self, batch: _Batch, source: Source, exc: BaseException) -> None:
        if not isinstance(exc, CockpitError):
            raise exc
        if isinstance(exc, MissingCredential):
            # Not recorded on the shared source: a teammate's machine may hold the credential.
            self._record(batch, source, SourceResult(source.id, source.name, SKIPPED, str(exc)))
            return

        def job(launch_file, actor: str) -> SourceResult:
            changes = record_failure(launch_file, source, actor=actor, error=exc)
            return SourceResult(source.id, source.name, FAILED, str(exc), changes)

        batch.session.run(
            job,
            on_done=lambda result: self._record(batch, source, result),
            on_error=lambda error: self._abort(batch, error, None),
        )

    def _record(self, batch: _Batch, source: Source, result: SourceResult) -> None:
        batch.results.append(result)
        if (
            not batch.show_results
            and result.outcome == FAILED
            and source.last_status is not RefreshStatus.FAILED
        ):
            # A timer refresh tells about a source when it starts failing, not every minute after.
            self._show_problem(
                self.tr("Source {name} could not be refreshed: {error}").format(
                    name=source.name, error=result.message
                )
            )
        self._next()

    def _abort(self, batch: _Batch, exc: BaseException, folder: Path | None) -> None:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        if not isinstance(exc, CockpitError):
            raise exc
        self._batch = None
        self.indicator.finish()
        self.update_enabled()
        if batch.session is self._current_session():
            self._show_problem(self.tr("The refresh stopped: {error}").format(error=exc))

    def _finish(self, batch: _Batch) -> None:
        self._batch = None
        self.indicator.finish()
        self.update_enabled()
        results = tuple(batch.results)
        if results:
            failed = sum(1 for r in results if r.outcome == FAILED)
            imported = sum(1 for r in results if r.outcome == "imported")
            self._status_bar.showMessage(
                self.tr("Sources refreshed: {imported} imported, {failed} failed, {total} in all.").format(
                    imported=imported, failed=failed, total=len(results)
                ),
                15_000,
            )
        if batch.show_results:
            dialog = RefreshResultsDialog(results, self._window)
            dialog.finished.connect(dialog.deleteLater)
            self.results_dialog = dialog
            dialog.show()
        self.refreshed.emit(results)

    def _progress_text(self, text: str, percent: int | None) -> None:
        self.indicator.show_step(text, percent)

    def shutdown(self) -> None:
        """Stop the timer and the downloads (the window is closing)."""
        self.timer.stop()
        self._batch = None
        self._fetch.shutdown()
