"""What the "KPI trends" small multiples show, worked out once for both drawings (no matplotlib, no Qt).

The report draws them with matplotlib (``charts.kpis``); the Hypercare pane paints them natively
(``ui.charts.kpi_chart``). Both take each panel's title, points, crosses, target, ticks and the shared time
range from here, so the screen and the paper show the same plots.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cockpit.charts import palette
from cockpit.charts.plot_marks import TimeTicks, ValueTick, time_ticks, value_ticks
from cockpit.domain.kpis import Kpi, KpiValue, is_met, summarize_kpis, target_text, values_by_kpi
from cockpit.domain.moments import zone_of
from cockpit.i18n import tr

COLUMNS = 2  # plots side by side: five KPIs fit a wall screen and half an A4 page
LINE_COLOUR = palette.BLUE
LINE_WIDTH = 1.6
POINT_SIZE = 3.0  # the dots' diameter, in points on paper and pixels (a little more) on screen
TARGET_COLOUR = palette.MUTED_INK
TARGET_WIDTH = 1.2
TARGET_DASHES = (3.7, 1.6)  # matplotlib's "--", in line widths
BREACH_COLOUR = palette.VERMILLION
BREACH_WIDTH = 2.2
Y_TICKS = 6  # intervals at most: a small plot keeps its labels apart
X_TICKS = 5


@dataclass(frozen=True, slots=True)
class KpiPanel:
    """One KPI's small plot; ``empty_message`` set means it has no values, only its target line."""

    title: str
    target: float
    y_title: str  # the KPI's unit
    points: tuple[tuple[datetime, float], ...]
    breached: tuple[tuple[datetime, float], ...]
    y_low: float
    y_high: float
    y_ticks: tuple[ValueTick, ...]
    empty_message: str = ""


@dataclass(frozen=True, slots=True)
class KpiTrendsMarks:
    """The grid of plots (``COLUMNS`` abreast, row by row) under one title; ``empty_message`` when there is none."""

    title: str
    empty_message: str = ""
    summary: str = ""
    summary_breached: bool = False
    start: datetime | None = None
    end: datetime | None = None
    x_ticks: TimeTicks = TimeTicks((), "")
    panels: tuple[KpiPanel, ...] = ()

    @property
    def rows(self) -> int:
        return math.ceil(len(self.panels) / COLUMNS)

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart, as a reader finds them: title, summary, each plot's title and unit."""
        if self.empty_message:
            return (self.title, self.empty_message)
        words = [self.title, self.summary]
        for panel in self.panels:
            words += [panel.title, panel.empty_message or panel.y_title]  # an empty plot names no unit
        return tuple(word for word in words if word)


def kpi_trend_marks(
    kpis: Sequence[Kpi], values: Sequence[KpiValue], *, tz: str, title: str | None = None
) -> KpiTrendsMarks:
    """Each KPI's values over time (times in the launch's zone), its target dashed, breaches crossed."""
    title = title or tr("KPI trends")
    if not kpis:
        return KpiTrendsMarks(title=title, empty_message=tr("No KPIs yet"))
    if not values:
        return KpiTrendsMarks(title=title, empty_message=tr("No KPI values yet"))
    summary = summarize_kpis(kpis, values)
    start, end = _time_span(values)
    by_kpi = values_by_kpi(values)
    return KpiTrendsMarks(
        title=title,
        summary=summary.text,
        summary_breached=bool(summary.breached),
        start=start,
        end=end,
        x_ticks=time_ticks(start, end, zone_of(tz), max_count=X_TICKS),
        panels=tuple(_panel(kpi, by_kpi.get(kpi.id, ())) for kpi in kpis),
    )


def _time_span(values: Sequence[KpiValue]) -> tuple[datetime, datetime]:
    """One time axis for every plot (the hypercare period so far), so the plots line up; a lone value
    gets a day around it."""
    first, last = min(v.at for v in values), max(v.at for v in values)
    pad = (last - first) * 0.03 or timedelta(hours=12)
    return first - pad, last + pad


def _panel(kpi: Kpi, values: Sequence[KpiValue]) -> KpiPanel:
    heading = f"{kpi.name}  {target_text(kpi)}"
    if not values:
        margin = abs(kpi.target) * 0.05 or 1.0
        return KpiPanel(
            title=heading,
            target=kpi.target,
            y_title=kpi.unit,
            points=(),
            breached=(),
            y_low=kpi.target - margin,
            y_high=kpi.target + margin,
            y_ticks=value_ticks(0, 0, fixed=[kpi.target]),
            empty_message=tr("No values yet"),
        )
    figures = [v.value for v in values]
    low, high = min([*figures, kpi.target]), max([*figures, kpi.target])
    margin = (high - low) * 0.15 or abs(kpi.target) * 0.05 or 1.0
    y_low, y_high = low - margin, high + margin
    return KpiPanel(
        title=heading,
        target=kpi.target,
        y_title=kpi.unit,
        points=tuple((v.at, v.value) for v in values),
        breached=tuple((v.at, v.value) for v in values if not is_met(kpi, v.value)),
        y_low=y_low,
        y_high=y_high,
        y_ticks=value_ticks(y_low, y_high, max_count=Y_TICKS),
    )
