"""The big numbers above the time chart: ETA, slack to the rollback deadline, progress, late steps, backups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, tzinfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from cockpit.domain.migration import RunbookForecast, RunbookStep, StepKind, StepStatus
from cockpit.domain.status import Rag
from cockpit.ui.panes.migration.model import STEP_SYMBOLS
from cockpit.ui.widgets.theme import RAG_LOOKS, scaled_font
from cockpit.words.labels import step_status_label

TIGHT_SLACK = timedelta(minutes=30)  # less than this to the rollback deadline is worth a warning
BACKUPS_NAMED = 3  # the backup tile names this many, the most pressing first; the step table has them all
# Which backups the tile names first: a failed one, the one running, the next to run; done ones last,
# the latest first.
_BACKUP_URGENCY = {
    StepStatus.FAILED: 0,
    StepStatus.RUNNING: 1,
    StepStatus.PENDING: 2,
    StepStatus.SKIPPED: 3,
    StepStatus.DONE: 4,
}


def _t(text: str) -> str:
    return QCoreApplication.translate("migration", text)


@dataclass(frozen=True, slots=True)
class Figure:
    """One big number: its label, the number, a line under it, and its light (None: neutral)."""

    label: str
    value: str
    detail: str
    rag: Rag | None = None


def duration(delta: timedelta) -> str:
    minutes = round(abs(delta).total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _t("{hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)
    return _t("{minutes} min").format(minutes=minutes)


def eta_figure(forecast: RunbookForecast, zone: tzinfo | None) -> Figure:
    if forecast.eta is None:
        return Figure(_t("ETA"), "—", _t("No runbook steps yet"))
    eta = forecast.eta.astimezone(zone)
    return Figure(_t("ETA"), eta.strftime("%H:%M"), eta.strftime("%Y-%m-%d"))


def slack_figure(forecast: RunbookForecast, deadline_text: str) -> Figure:
    slack = forecast.slack
    if slack is None or forecast.slack_minutes is None:
        return Figure(_t("Slack to rollback deadline"), "—", _t("No rollback deadline set"))
    if slack < timedelta(0):
        symbol, rag, word = RAG_LOOKS[Rag.RED].symbol, Rag.RED, _t("past the deadline")
    elif slack < TIGHT_SLACK:
        symbol, rag, word = RAG_LOOKS[Rag.AMBER].symbol, Rag.AMBER, _t("to spare, tight")
    else:
        symbol, rag, word = RAG_LOOKS[Rag.GREEN].symbol, Rag.GREEN, _t("to spare")
    sign = "−" if slack < timedelta(0) else "+"
    # Whole minutes by the runbook's one rule, so the overview, this tile and the chart agree.
    value = f"{symbol} {sign}{duration(timedelta(minutes=forecast.slack_minutes))}"
    return Figure(
        _t("Slack to rollback deadline"),
        value,
        _t("{word} · deadline {time}").format(word=word, time=deadline_text),
        rag,
    )


def progress_figure(forecast: RunbookForecast) -> Figure:
    overrun, late = len(forecast.overrun), len(forecast.late)
    rag = Rag.AMBER if overrun else None
    detail = _t(
        "{overrun} over their planned time, {late} forecast to end late, {critical} on the critical path"
    ).format(overrun=overrun, late=late, critical=len(forecast.critical_path))
    return Figure(_t("Steps done"), f"{forecast.done} / {forecast.total}", detail, rag)


def backup_figure(steps: tuple[RunbookStep, ...]) -> Figure:
    """The backup checkpoint: every backup step must be done before the point of no return.

    Names a few backups, the most pressing first (failed, running, next to run, then the latest done),
    and how many more there are: a runbook with 23 backups must not push the chart off the screen.
    """
    backups = sorted((s for s in steps if s.kind == StepKind.BACKUP), key=lambda s: s.seq)
    if not backups:
        return Figure(_t("Backup checkpoint"), "—", _t("No backup steps in the runbook"))
    done = sum(s.status == StepStatus.DONE for s in backups)
    if any(s.status == StepStatus.FAILED for s in backups):
        rag, word = Rag.RED, _t("A backup failed")
    elif done == len(backups):
        rag, word = Rag.GREEN, _t("All backups done")
    else:
        rag, word = Rag.AMBER, _t("Backups outstanding")
    pressing = sorted(
        backups,
        key=lambda s: (_BACKUP_URGENCY[s.status], -s.seq if s.status == StepStatus.DONE else s.seq),
    )
    named = sorted(pressing[:BACKUPS_NAMED], key=lambda s: s.seq)  # in runbook order, as they run
    lines = [f"{STEP_SYMBOLS[s.status]} #{s.seq} {s.title} — {step_status_label(s.status)}" for s in named]
    if len(pressing) > BACKUPS_NAMED:
        more = len(pressing) - BACKUPS_NAMED
        lines.append(QCoreApplication.translate("migration", "and %n more", "", more))
    value = f"{RAG_LOOKS[rag].symbol} {done} / {len(backups)}"
    return Figure(_t("Backup checkpoint"), value, "\n".join([word, *lines]), rag)


class FigureTile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.label = QLabel()
        self.label.setProperty("role", "muted")
        self.value = QLabel()
        self.value.setFont(scaled_font(self.font(), 2.2, bold=True))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for widget in (self.label, self.value, self.detail):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def show_figure(self, figure: Figure) -> None:
        self.label.setText(figure.label)
        self.value.setText(figure.value)
        self.detail.setText(figure.detail)
        if figure.rag is None:
            self.setStyleSheet("")
            return
        look = RAG_LOOKS[figure.rag]
        self.setStyleSheet(
            f"QFrame#tile {{ background: {look.fill}; border: 1px solid {look.colour};"
            f" border-left: 6px solid {look.colour}; border-radius: 4px; }}"
        )
