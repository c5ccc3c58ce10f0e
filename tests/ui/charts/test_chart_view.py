"""ChartView: the window paints before matplotlib loads; charts are built and drawn off the UI thread, then shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractSlider, QLabel

from cockpit.services.demo import write_demo
from cockpit.ui.charts.process import ChartProcessDied, ProcessRenderer
from cockpit.ui.charts.render import ChartMissing, Target, draw
from cockpit.ui.charts.view import RESIZE_SETTLE_MS, ChartView
from cockpit.ui.session.tasks import InlineTasks

PROBE = Path(__file__).with_name("first_paint_probe.py")


def run_probe(launch: Path, settings: Path, pane_id: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(launch), str(settings), pane_id],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_launch(tmp_path_factory) -> Path:
    return write_demo(
        tmp_path_factory.mktemp("demo") / "demo.golive", size="small", lang="en", actor="tester"
    )


@pytest.mark.parametrize(
    ("pane_id", "charts"),
    [("probe", 1), ("tests", 1), ("support", 1)],  # the runbook chart is painted natively, not a ChartView
)
def test_window_paints_before_matplotlib_loads_and_the_canvas_follows(
    demo_launch: Path, tmp_path: Path, pane_id, charts
):
    report = run_probe(demo_launch, tmp_path / "settings.ini", pane_id)
    assert report["matplotlib_at_import"] is False
    assert report["matplotlib_at_first_paint"] is False
    assert "timed_out" not in report and "failures" not in report
    assert report["charts"] == report["canvases"] == charts
    assert report["matplotlib_at_end"] is False  # drawn in the chart process


def simple_figure(title: str):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3))
    figure.add_subplot().set_title(title)
    return figure


def orange_figure(title: str):
    figure = simple_figure(title)
    figure.set_facecolor("#E69F00")
    return figure


def figure_naming_its_process(title: str):
    figure = simple_figure(title)
    figure.suptitle(f"drawn by process {os.getpid()}")
    return figure


def test_placeholder_until_painted_then_the_picture_drawn_by_the_chart_process(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.show_chart(partial(figure_naming_its_process, "first"))
    assert view.canvas is None
    assert isinstance(view._stack.currentWidget(), QLabel)
    assert view.placeholder.text() == "Loading chart…"
    with qtbot.waitSignal(view.figure_ready, timeout=60_000):
        view.show()
    assert view.canvas is not None and view._stack.currentWidget() is view.canvas
    drawn_by, title = view.texts
    assert title == "first"
    assert drawn_by.startswith("drawn by process ") and drawn_by != f"drawn by process {os.getpid()}"
    assert not view.loading


class ManualTasks:
    """The chart worker's contract, with the test deciding when (and in which order) each job finishes."""

    def __init__(self) -> None:
        self.jobs: list[tuple] = []

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def submit(self, job, *, on_done=None, on_error=None) -> None:
        self.jobs.append((job, on_done, on_error))

    def finish(self, index: int = 0) -> None:
        job, on_done, on_error = self.jobs.pop(index)
        try:
            result = job()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)

    def shutdown(self) -> None:
        self.jobs.clear()


def painted_view(qtbot, tasks, *, size=(500, 300), scroll=False) -> ChartView:
    view = ChartView(tasks=tasks, scroll=scroll)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=30_000)
    return view


def test_a_newer_request_replaces_the_chart_and_drops_stale_results(qtbot):
    tasks = ManualTasks()
    view = painted_view(qtbot, tasks)
    view.show_chart(lambda: simple_figure("one"))
    tasks.finish()
    first_image = view.canvas.image
    view.show_chart(lambda: simple_figure("two"))
    view.show_chart(lambda: simple_figure("three"))
    assert view.loading and view.texts == ("one",)  # the old chart stays until then
    with qtbot.waitSignal(view.figure_ready):
        tasks.finish(1)  # "three" arrives first
    tasks.finish(0)  # "two" arrives late: a newer request was made, so it is not shown
    assert view.texts == ("three",)
    assert not view.loading
    assert view.canvas.image is not first_image


def test_requests_gone_stale_in_the_queue_are_never_built(qtbot):
    """Three finishes in quick succession queue three charts: the worker builds only the newest."""
    tasks = ManualTasks()
    view = painted_view(qtbot, tasks)
    built: list[str] = []

    def counted(title: str):
        built.append(title)
        return simple_figure(title)

    for title in ("one", "two", "three"):
        view.show_chart(partial(counted, title))
    with qtbot.waitSignal(view.figure_ready):
        while tasks.jobs:
            tasks.finish(0)  # in the order they were asked for, as the worker runs them
    assert built == ["three"]
    assert view.texts == ("three",) and not view.error


def test_the_picture_is_drawn_off_the_ui_thread_at_the_view_size(qtbot):
    view = painted_view(qtbot, None, size=(520, 310))
    with qtbot.waitSignal(view.figure_ready, timeout=60_000):
        view.show_chart(partial(orange_figure, "sized"))
    assert "matplotlib.backends.backend_qtagg" not in sys.modules  # no Qt canvas anywhere
    ratio = view.devicePixelRatioF()
    assert view.canvas.image.size().toTuple() == (round(520 * ratio), round(310 * ratio))
    assert view.canvas.image.devicePixelRatio() == ratio
    assert (
        view.canvas.image.pixelColor(2, 2).name() == "#e69f00"
    )  # red stays red: the bytes are in Qt's order
    shot = view.grab().toImage()
    assert shot.pixelColor(round(2 * ratio), round(2 * ratio)).name() == "#e69f00"  # and that is what paints


def test_a_picture_at_twice_the_pixel_ratio_has_twice_the_pixels_and_the_same_layout():
    figure = simple_figure("sharp")
    plain = draw(figure, (4.0, 3.0), Target(width=400, height=300, pixel_ratio=1.0))
    sharp = draw(figure, (4.0, 3.0), Target(width=400, height=300, pixel_ratio=2.0))
    assert plain.pixel_size == (400, 300) and len(plain.pixels) == 400 * 300 * 4
    assert sharp.pixel_size == (800, 600) and len(sharp.pixels) == 800 * 600 * 4
    assert plain.size == sharp.size == (400, 300)
    assert plain.texts == sharp.texts == ("sharp",)


def test_after_a_resize_the_picture_is_scaled_then_drawn_again_at_the_new_size(qtbot):
    tasks = ManualTasks()
    view = painted_view(qtbot, tasks, size=(500, 300))
    builds = []
    view.show_chart(lambda: builds.append(1) or simple_figure("resized"))
    tasks.finish()
    drawn = view.canvas.image
    assert drawn.deviceIndependentSize().toTuple() == (500.0, 300.0)

    view.resize(700, 360)
    qtbot.waitUntil(lambda: view.canvas.width() == 700)
    assert view.canvas.image is drawn  # meanwhile the old picture, scaled
    qtbot.waitUntil(lambda: len(tasks.jobs) == 1, timeout=30_000)  # after the size settled: one redraw
    view.resize(640, 360)
    qtbot.waitUntil(lambda: len(tasks.jobs) == 2, timeout=30_000)
    tasks.finish(0)  # the picture for 700 px arrives after the view became 640 px wide: dropped
    assert view.canvas.image is drawn
    tasks.finish(0)
    assert view.canvas.image.deviceIndependentSize().toTuple() == (640.0, 360.0)
    assert view.texts == ("resized",) and len(builds) == 1  # the same Figure, drawn again; not rebuilt
    qtbot.wait(RESIZE_SETTLE_MS * 2)
    assert tasks.jobs == []  # nothing more to draw once the picture fits


def test_a_failing_chart_says_why_instead_of_crashing(qtbot):
    def broken():
        raise ValueError("no runs to draw")

    view = painted_view(qtbot, InlineTasks())
    view.show_chart(lambda: simple_figure("fine"))
    assert view.canvas is not None
    with qtbot.waitSignal(view.failed):
        view.show_chart(broken)
    assert view.canvas is None and view.texts == ()
    assert "no runs to draw" in view.placeholder.text()
    assert view._stack.currentWidget() is view.placeholder


def test_scrolling_view_keeps_the_figure_height(qtbot):
    view = ChartView(scroll=True, tasks=InlineTasks())
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=30_000)

    def tall():
        figure = simple_figure("tall")
        figure.set_size_inches(6, 12)
        return figure

    view.show_chart(tall)
    qtbot.waitUntil(lambda: view.canvas.isVisible() and view._holder.verticalScrollBar().isVisible())
    # Scaled to the width (6 inches across the view, less its scroll bar), the Figure keeps its height.
    assert view.canvas.minimumHeight() == int(12 * view.canvas.width() / 6)
    assert view.canvas.minimumHeight() > 1000
    assert view._holder.verticalScrollBar().maximum() > 0
    # Drawn for the width left beside the scroll bar, so it shows pixel for pixel, not rescaled.
    assert view.canvas.image.deviceIndependentSize().toTuple() == view.canvas.size().toTuple()


def rows_figure(count: int, shade: str = "#FFFFFF"):
    """A tall chart of ``count`` named rows (keys "row-0" …), as the runbook names its steps."""
    from cockpit.charts.style import name_rows

    figure = simple_figure("rows")
    figure.set_size_inches(6, count * 0.25)
    figure.set_facecolor(shade)
    figure.subplots_adjust(top=1 - 0.5 / count, bottom=0.5 / count)  # room for the title only
    axes = figure.axes[0]
    axes.set_ylim(count - 0.5, -0.5)
    name_rows(axes, (f"row-{i}" for i in range(count)))
    return figure


def test_a_scrolling_view_keeps_its_focus_row_in_view_until_the_user_scrolls(qtbot):
    view = ChartView(scroll=True, tasks=InlineTasks())
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitUntil(lambda: view._painted, timeout=30_000)
    changes = []
    view.following_changed.connect(changes.append)

    view.set_focus("row-70")
    view.show_chart(lambda: rows_figure(100))
    bar = view.scroll_area.verticalScrollBar()

    def row_span(key: str) -> tuple[float, float]:  # on the canvas: the picture may be shown scaled
        scale = view.canvas.height() / view.canvas.picture.size[1]
        top, bottom = view.canvas.picture.rows[key]
        return top * scale, bottom * scale

    def row_top(key: str) -> float:
        return row_span(key)[0]

    def shows(key: str) -> bool:  # below what the header band covers, above the viewport's bottom
        top, bottom = row_span(key)
        covered = view.header_band.height() if not view.header_band.isHidden() else 0
        return bar.value() + covered <= top and bottom <= bar.value() + view.scroll_area.viewport().height()

    qtbot.waitUntil(lambda: bar.maximum() > 0 and shows("row-70"))
    assert 0 < row_top("row-70") - bar.value() < view.scroll_area.viewport().height() / 3  # near the top
    band = view.header_band  # what is above the first row (here the title) stays over the top
    assert not band.isHidden() and band.band_height() == int(row_top("row-0"))
    assert view.following and changes == []

    view.set_focus("row-80")  # the data moved on: the view follows
    assert shows("row-80")
    bar.triggerAction(QAbstractSlider.SliderAction.SliderNoAction)  # no scrolling: still following
    assert view.following and changes == []

    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)  # the user scrolls to the top
    assert bar.value() == 0 and not view.following and changes == [False]
    assert band.isHidden()  # at the top the picture shows its own header
    view.set_focus("row-85")
    view.show_chart(lambda: rows_figure(100, "#EEEEEE"))  # a refresh: their place is kept
    assert bar.value() == 0 and view.canvas.image.pixelColor(1, 1).name() == "#eeeeee"

    view.follow()
    assert view.following and changes == [False, True] and shows("row-85")
    view.set_focus("no such row")  # a chart without that row: left where it is
    assert shows("row-85")


def test_the_chart_process_keeps_figures_for_new_sizes_and_comes_back_after_it_dies():
    renderer = ProcessRenderer()
    try:
        small, wide = (
            Target(width=300, height=200, pixel_ratio=1.0),
            Target(width=600, height=200, pixel_ratio=1.0),
        )
        first = renderer.draw("view", 1, partial(figure_naming_its_process, "kept"), small)
        again = renderer.draw("view", 1, None, wide)  # a new size: the kept Figure, no builder needed
        assert again.texts == first.texts and again.pixel_size == (600, 200)
        renderer._process.kill()
        renderer._process.join()
        with pytest.raises(ChartMissing):  # a new process has no Figures: the view sends its builder again
            renderer.draw("view", 1, None, wide)
        reborn = renderer.draw("view", 1, partial(figure_naming_its_process, "kept"), wide)
        assert reborn.texts[1] == "kept" and reborn.texts[0] != first.texts[0]  # drawn by another process
    finally:
        renderer.shutdown()
    with pytest.raises(ChartProcessDied):
        renderer.draw("view", 2, partial(simple_figure, "late"), small)
