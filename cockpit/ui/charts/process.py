"""The chart process: charts are built and drawn in a process of their own, never in the window's.

Building and drawing a chart is seconds of pure-Python matplotlib work for the full runbook. On a thread
of the window's process it would share the interpreter lock with the UI thread, and every Qt callback into
Python (a table asking its model for a cell) would queue behind it: the window stuttered for seconds while a
chart was drawn. In a process of its own it competes for nothing but a CPU core, and the window's process
never even imports matplotlib.

One long-lived child process serves one request at a time over a pipe. The window's chart worker thread
sends a request and waits for the picture (waiting on a pipe releases the interpreter lock). The child is
started with the first chart (after the window has painted) and again if it ever dies.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Hashable
from multiprocessing.connection import Connection

from cockpit.ui.charts.render import ChartMissing, FigureBuilder, LocalRenderer, Picture, Target

STOP_TIMEOUT_S = 5.0


class ChartProcessDied(RuntimeError):
    """The chart process ended while drawing (it is started again for the next chart)."""


def serve(connection: Connection) -> None:
    """The child's loop: one request in, one ``("ok", Picture)`` or ``("error", exception)`` out."""
    import matplotlib.backends.backend_agg  # noqa: F401

    # Loaded before the first request: a warmed process (``ProcessRenderer.warm``) has it done by then.
    from cockpit import i18n

    renderer = LocalRenderer()
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return  # the window's process has gone
        if request is None:
            return
        view, generation, build, target, language = request
        reply: tuple[str, Picture | Exception]
        try:
            if language != i18n.language():
                i18n.set_language(language)
            reply = ("ok", renderer.draw(view, generation, build, target))
        except Exception as exc:  # the window shows why; the process stays up for the next chart
            reply = ("error", exc)
        try:
            connection.send(reply)
        except OSError:
            return  # the window's process has gone while this chart was drawn
        except Exception as exc:  # an exception that cannot be pickled: send its words instead
            connection.send(("error", RuntimeError(f"{type(exc).__name__}: {reply[1]}")))


class ProcessRenderer:
    """The window's side of the chart process; ``draw`` blocks its (worker) thread until the picture is in."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def draw(self, view: Hashable, generation: int, build: FigureBuilder | None, target: Target) -> Picture:
        from cockpit import i18n

        with self._lock:
            try:
                kind, value = self._call((view, generation, build, target, i18n.language()))
            except (EOFError, OSError) as exc:
                self._stop()
                raise ChartProcessDied(str(exc) or type(exc).__name__) from exc
        if kind == "error":
            raise value
        return value

    def warm(self) -> None:
        """Start the chart process now, so it has loaded matplotlib before the first chart is asked for."""
        with self._lock:
            if not self._closed and (self._process is None or not self._process.is_alive()):
                self._start()

    def _call(self, request: tuple) -> tuple:
        if self._closed:
            raise ChartProcessDied("the application is closing")
        if self._process is None or not self._process.is_alive():
            self._start()
            if request[2] is None:  # a new process has no Figures yet: ask for the builder
                raise ChartMissing(request[0])
        assert self._connection is not None
        self._connection.send(request)
        return self._connection.recv()

    def _start(self) -> None:
        self._stop()
        # "spawn": a fresh interpreter, never a fork of a process running Qt and its threads.
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs,), name="cockpit-charts", daemon=True)
        process.start()
        theirs.close()
        self._process, self._connection = process, mine

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.send(None)
            connection.close()
        if process is not None:
            process.join(STOP_TIMEOUT_S)
            if process.is_alive():
                process.kill()
                process.join()

    def shutdown(self) -> None:
        """Stop at once: a chart being drawn is abandoned (its request fails), later ones are refused."""
        self._closed = True
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()  # the worker thread waiting for its picture sees the pipe close
            process.join(STOP_TIMEOUT_S)
        with self._lock:
            self._stop()
