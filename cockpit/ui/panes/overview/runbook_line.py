"""The runbook in one line for the Overview and the wall: progress, ETA against go-live and the rollback deadline.

A cutover forecast to end after the go-live time is the first thing a launch lead needs to hear, so it is
said in words and a symbol ("✘ ETA after go-live"), never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QCoreApplication

from cockpit.domain.figures import RunbookFigure, eta_after_go_live
from cockpit.domain.launch import LaunchData
from cockpit.domain.status import Rag, format_signed_minutes
from cockpit.ui.widgets.theme import RAG_LOOKS
from cockpit.words.moments import short_moment_text


def _t(text: str) -> str:
    return QCoreApplication.translate("runbook_line", text)


@dataclass(frozen=True, slots=True)
class RunbookWords:
    progress: str  # "23 of 40 steps done or skipped · 18 late"
    eta: str  # "ETA 21:07 (go-live 20:25)"
    against_go_live: str  # "✘ ETA after go-live" or "✔ ETA before go-live"
    against_deadline: str  # "+1h 17m to the rollback deadline"
    after_go_live: bool
    past_deadline: bool


def runbook_words(data: LaunchData, figure: RunbookFigure) -> RunbookWords | None:
    """None while the launch has no runbook step."""
    if not figure.total:
        return None
    zone = data.launch.zone
    progress = _t("{done} of {total} steps done or skipped · {late} late").format(
        done=figure.done, total=figure.total, late=figure.late
    )
    if figure.forecast is None:
        return RunbookWords(progress, figure.problem, "", "", after_go_live=False, past_deadline=False)
    eta = figure.eta
    finished = figure.done >= figure.total
    after = eta_after_go_live(data, figure)
    if eta is None or finished:
        eta_text, against = _t("Runbook finished"), ""
    else:
        eta_text = _t("ETA {eta} · go-live {go_live}").format(
            eta=short_moment_text(eta, zone), go_live=short_moment_text(data.launch.go_live, zone)
        )
        if after:
            against = "{} {}".format(RAG_LOOKS[Rag.RED].symbol, _t("ETA after go-live"))
        else:
            against = "{} {}".format(RAG_LOOKS[Rag.GREEN].symbol, _t("ETA before go-live"))
    deadline, past = "", False
    forecast = figure.forecast
    if not finished and forecast.slack is not None and figure.slack_minutes is not None:
        past = forecast.slack < timedelta(0)
        slack = format_signed_minutes(figure.slack_minutes, negative=past)
        deadline = (
            _t("{symbol} {slack} past the rollback deadline").format(
                symbol=RAG_LOOKS[Rag.RED].symbol, slack=slack
            )
            if past
            else _t("{slack} to spare before the rollback deadline").format(slack=slack)
        )
    return RunbookWords(progress, eta_text, against, deadline, after_go_live=after, past_deadline=past)
