"""KPI values from a Prometheus server: each KPI's PromQL query over the last day, as a remote source.

The source's URL is the server's base (``https://prometheus.example.com``); each KPI with a query is asked
for through the documented HTTP API, ``GET /api/v1/query_range?query=…&start=…&end=…&step=…``, whose
answer is ``{"status": "success", "data": {"resultType": "matrix", "result": [{"metric": {…}, "values":
[[unix time, "value"], …]}]}}``. The answers go through the same download as every source (its size cap,
its time-out, the token as ``Authorization: Bearer`` from the keyring), are kept together in one file in
the refresh's private folder, and are imported on the writer: a value already recorded from this source
for the same KPI and moment is not recorded twice.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cockpit.changes import Changes
from cockpit.domain.kpis import Kpi
from cockpit.domain.sources import Source
from cockpit.errors import BadInput
from cockpit.i18n import ntr, tr
from cockpit.importers.sources import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, Fetched, SourceUnreachable, fetch
from cockpit.secrets import Credential
from cockpit.services.rules import stamp
from cockpit.store.launchfile import LaunchFile
from cockpit.store.read import read_kpis

PULL_RANGE = timedelta(hours=24)  # each poll asks for the last day: a missed poll or two loses nothing
PULL_STEP = timedelta(
    minutes=5
)  # Prometheus's own default scrape is 15 s–1 min; five minutes reads on a chart
ANSWERS_FILE = "prometheus-answers.json"


@dataclass(frozen=True, slots=True)
class PulledValues:
    """What a pull wrote: the import's result, as the sources controller and the CLI report it."""

    added: int
    kpis: int
    changes: Changes


def query_range_url(base: str, query: str, *, start: datetime, end: datetime, step: timedelta) -> str:
    parameters = urllib.parse.urlencode(
        {
            "query": query,
            "start": f"{start.timestamp():.3f}",
            "end": f"{end.timestamp():.3f}",
            "step": f"{int(step.total_seconds())}s",
        }
    )
    return f"{base.rstrip('/')}/api/v1/query_range?{parameters}"


def queried_kpis(kpis: Sequence[Kpi]) -> tuple[Kpi, ...]:
    return tuple(kpi for kpi in kpis if kpi.query.strip())


def fetch_prometheus(
    source: Source,
    *,
    kpis: Sequence[Kpi],
    credential: Credential | None,
    folder: Path,
    now: datetime,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """Ask the server for every KPI's query; no launch-file access (the window runs it off the writer)."""
    asked = queried_kpis(kpis)
    if not asked:
        raise BadInput(
            tr(
                "No KPI has a Prometheus query, so the source {name} has nothing to ask for. Give a KPI its "
                "query: cockpit kpi update FILE KPI --query PROMQL, or Edit KPI… in the Hypercare pane.",
                name=source.name,
            )
        )
    answers: dict[str, Any] = {}
    size = 0
    for number, kpi in enumerate(asked):
        url = query_range_url(source.url, kpi.query, start=now - PULL_RANGE, end=now, step=PULL_STEP)
        place = folder / f"kpi-{kpi.id}"
        place.mkdir()
        try:
            fetched = fetch(
                source_name=source.name,
                url=url,
                auth=source.auth.value,
                credential=credential,
                folder=place,
                timeout=timeout,
                max_bytes=max_bytes,
            )
        except SourceUnreachable as exc:
            # Prometheus answers a query it cannot run with HTTP 400: name the KPI whose query it was.
            exc.args = (
                tr(
                    "{problem} (KPI {name!r}, query {query!r})",
                    problem=str(exc),
                    name=kpi.name,
                    query=kpi.query,
                ),
            )
            raise
        if fetched.path is None:  # a 304 we never asked for: no answer for this KPI
            continue
        size += fetched.size
        answers[str(kpi.id)] = {"query": kpi.query, "answer": _json(fetched.path, source)}
        if progress is not None:
            progress(number + 1, len(asked))
    path = folder / ANSWERS_FILE
    # Sorted, no time in it: the same answers make the same bytes, which the refresh sees as unchanged.
    path.write_text(json.dumps({"kpis": answers}, sort_keys=True), encoding="utf-8")
    return Fetched(not_modified=False, path=path, size=size)


def _json(path: Path, source: Source) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadInput(
            tr(
                "The source {name} did not answer with Prometheus's JSON; check that its URL is the "
                "server's address (e.g. http://prometheus:9090), without /api/v1.",
                name=source.name,
            )
        ) from None


def matrix_values(answer: Any, *, query: str) -> list[tuple[datetime, float]]:
    """The (time, value) points of a query_range answer; an error answer is refused with its words."""
    if not isinstance(answer, dict) or answer.get("status") != "success":
        error = answer.get("error", "") if isinstance(answer, dict) else ""
        raise BadInput(
            tr(
                "Prometheus refused the query {query!r}: {error}. Fix the KPI's query.",
                query=query,
                error=error or tr("no reason given"),
            )
        )
    data = answer.get("data") or {}
    if data.get("resultType") != "matrix":
        raise BadInput(
            tr(
                "Prometheus answered the query {query!r} with {kind}, not a range of values (a matrix).",
                query=query,
                kind=data.get("resultType"),
            )
        )
    points: list[tuple[datetime, float]] = []
    series = data.get("result") or []
    # A KPI is one figure: a query that gives several series (one per instance) should aggregate them
    # (sum, avg); only the first series is taken, as Grafana's single-stat does.
    for timestamp, text in series[0].get("values", []) if series else []:
        try:
            value = float(text)
        except (TypeError, ValueError):
            continue
        if math.isfinite(value):  # Prometheus sends "NaN" for a gap
            points.append((datetime.fromtimestamp(float(timestamp), UTC), value))
    return points


def import_prometheus(
    launch_file: LaunchFile, source: Source, path: Path, *, actor: str
) -> tuple[PulledValues, str]:
    """Write the values the answers hold that this source has not recorded yet, in one transaction."""
    answers = json.loads(path.read_text(encoding="utf-8"))["kpis"]
    with launch_file.writing(actor) as w:
        kpis = {kpi.id: kpi for kpi in read_kpis(w.conn)}
        rows: list[dict[str, Any]] = []
        for kpi_id_text, entry in answers.items():
            kpi_id = int(kpi_id_text)
            if kpi_id not in kpis:  # removed while the server was asked
                continue
            seen = {
                row[0]
                for row in w.conn.execute(
                    "SELECT at FROM kpi_values WHERE kpi_id = ? AND source = ?", [kpi_id, source.name]
                )
            }
            for at, value in matrix_values(entry["answer"], query=entry["query"]):
                moment = stamp(at)
                if moment not in seen:
                    seen.add(moment)
                    rows.append({"kpi_id": kpi_id, "at": moment, "value": value, "source": source.name})
        summary = ntr(
            "{n} KPI value from Prometheus ({kpis} KPIs asked).",
            "{n} KPI values from Prometheus ({kpis} KPIs asked).",
            len(rows),
            kpis=len(answers),
        )
        w.insert_many("kpi_values", rows, summary=summary)
    return PulledValues(added=len(rows), kpis=len(answers), changes=w.changes), summary


def kpis_of(launch_file: LaunchFile) -> tuple[Kpi, ...]:
    with launch_file.reading() as conn:
        return read_kpis(conn)
