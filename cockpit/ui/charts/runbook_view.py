"""The Migration pane's runbook time chart, painted natively on the UI thread (the report draws it with matplotlib).

Measured on the large demo (300 steps), a matplotlib picture of every row cost about 1.7 s of the chart
process per change (0.4 s building, 1.3 s drawing) and 15 s at five times the steps, with a 150 MB picture;
painting the visible rows with QPainter costs milliseconds at any size (docs/architecture.md, "The runbook
chart on screen"). Both drawings take their rows, colours, words and time range from ``charts.runbook_marks``.

The chart opens at the step in progress and follows it through every change (``set_focus``), until the user
scrolls it themselves; ``follow()`` goes back. The time axis sits above the scroll area, so it stays in view.
``set_now`` moves the now-line and the key's "Now" without working out the rows again (``rebuilds`` counts
the times they were).
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractSlider, QScrollArea, QVBoxLayout, QWidget

from cockpit.charts.runbook_marks import (
    axis_label,
    chart_title,
    forecast_rows,
    legend_entries,
    time_limits,
)
from cockpit.domain.migration import RunbookForecast
from cockpit.domain.moments import zone_of
from cockpit.i18n import tr
from cockpit.ui.charts.runbook_paint import (
    RunbookKey,
    RunbookRows,
    TimeAxis,
    TimeScale,
    label_width,
    longest_label,
)

FOCUS_FROM_TOP = 1 / 6  # the followed row sits this far down the view: a few rows before it show too
_RIGHT_PAD = 24  # room after the last bars for their ``▶`` marks


class RunbookTimeline(QWidget):
    """Shows a runbook forecast as a scrolling time chart; ``key`` is its title and legend, placed by the pane."""

    figure_ready = Signal()  # the chart shows the latest forecast
    following_changed = Signal(bool)  # True: the focus row is kept in view; False: the user scrolled away

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = RunbookRows()
        self.rows.setObjectName("runbookRows")
        self._measured_labels = ""  # the font key the rows' labels were last measured in ("": not yet)
        self._longest = 0
        self.axis = TimeAxis(self.rows)
        self.key = RunbookKey()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.rows)
        self.scroll_area.setMinimumHeight(self.rows.row_height())  # a short split still shows a row
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.axis)
        layout.addWidget(self.scroll_area, 1)
        bar = self.scroll_area.verticalScrollBar()
        bar.actionTriggered.connect(self._on_scroll_action)
        bar.rangeChanged.connect(lambda *_: self._bring_focus_into_view())
        self.rows.width_changed.connect(self._on_rows_resized)
        self.rebuilds = 0  # times the rows were worked out again (a new forecast), not the clock moving
        self._forecast: RunbookForecast | None = None
        self._tz = "UTC"
        self._focus: Hashable | None = None
        self._following = True

    # -- what it shows --------------------------------------------------------------------------------------------

    @property
    def texts(self) -> tuple[str, ...]:
        """The words on the chart (the axis label, then every row's label), as a reader would find them."""
        return (self.axis.axis_label, *(row.label for row in self.rows.rows)) if self.rows.rows else ()

    @property
    def loading(self) -> bool:
        return False  # painted as soon as it is given: nothing to wait for

    def show_forecast(
        self, forecast: RunbookForecast, *, now: datetime, rollback_deadline: datetime | None, tz: str
    ) -> None:
        self.rebuilds += 1
        self._forecast, self._tz = forecast, tz
        rows = self.rows
        rows.rows = forecast_rows(forecast)
        rows.deadline = rollback_deadline
        rows.empty_message = tr("No runbook steps yet")
        self.axis.axis_label = axis_label(tz)
        self._measured_labels = ""  # measured again below
        rows.label_width = label_width(self._longest_label(), self._width())
        self._place(now)
        rows.updateGeometry()
        rows.setMinimumHeight(rows.sizeHint().height())
        rows.update()
        self.axis.update()
        self._bring_focus_into_view()
        self.figure_ready.emit()

    def set_now(self, now: datetime) -> None:
        """Move the now-line (and the key's time) without working out the rows again."""
        if self._forecast is None:
            return
        old_strip, old_scale = self.rows.now_strip(), self.rows.scale
        self._place(now)
        if self.rows.scale != old_scale:  # now pushed the time range wider: everything moves
            self.rows.update()
            self.axis.update()
        else:
            self.rows.update(old_strip)
            self.rows.update(self.rows.now_strip())

    def _longest_label(self) -> int:
        """Measured once per forecast and font: a resize changes only the chart's width."""
        font = self.rows.font().key()
        if self._measured_labels != font:
            self._longest = longest_label(self.rows.fontMetrics(), [row.label for row in self.rows.rows])
            self._measured_labels = font
        return self._longest

    def _width(self) -> int:
        return max(self.rows.width(), 240)

    def _place(self, now: datetime) -> None:
        forecast, rows = self._forecast, self.rows
        assert forecast is not None
        rows.now = now
        self.key.show_key(
            chart_title(), legend_entries(now=now, rollback_deadline=rows.deadline, zone=zone_of(self._tz))
        )
        if not forecast.steps:
            rows.scale, rows.ticks = None, []
            return
        low, high = time_limits(forecast.steps, now=now, rollback_deadline=rows.deadline, whole=True)
        scale = TimeScale(low, high, float(rows.label_width), float(self._width() - _RIGHT_PAD))
        if scale != rows.scale:
            rows.scale = scale
            rows.ticks = scale.ticks(rows.fontMetrics(), zone_of(self._tz))

    def _on_rows_resized(self) -> None:
        if self._forecast is not None and self.rows.now is not None:
            self.rows.label_width = label_width(self._longest_label(), self._width())
            self._place(self.rows.now)
            self.rows.update()
            self.axis.update()

    # -- the row kept in view --------------------------------------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._following

    def row_span(self, key: Hashable) -> tuple[int, int] | None:
        """Where the step ``key``'s row is on the scrolled rows: top and bottom in pixels; None if not shown."""
        for index, row in enumerate(self.rows.rows):
            if row.key == key:
                top = self.rows.row_top(index)
                return top, top + self.rows.row_height()
        return None

    def set_focus(self, key: Hashable | None) -> None:
        self._focus = key
        self._bring_focus_into_view()

    def follow(self) -> None:
        if not self._following:
            self._following = True
            self.following_changed.emit(True)
        self._bring_focus_into_view()

    def _on_scroll_action(self, action: int) -> None:
        # Only the user's own scrolling (wheel, keys, the scroll bar) triggers an action; setValue() does not.
        if action != QAbstractSlider.SliderAction.SliderNoAction.value and self._following:
            self._following = False
            self.following_changed.emit(False)

    def _bring_focus_into_view(self) -> None:
        if not self._following or self._focus is None:
            return
        span = self.row_span(self._focus)
        if span is not None:
            viewport = self.scroll_area.viewport().height()
            wanted = span[0] - viewport * FOCUS_FROM_TOP
            height = self.rows.row_height()
            self.scroll_area.verticalScrollBar().setValue(max(round(wanted // height * height), 0))
