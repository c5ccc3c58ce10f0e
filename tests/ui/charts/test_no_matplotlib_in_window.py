"""The window paints every chart itself: matplotlib (and the ~140 MB it costs) never loads in its process.

Before issue 15 a chart process drew the Tests, Support and Hypercare charts with matplotlib; they are painted
with the chart kit now, and the report alone draws with matplotlib (in its own process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo

PROBE = Path(__file__).with_name("window_probe.py")


def run_probe(launch: Path, settings: Path, pane_id: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(PROBE), str(launch), str(settings), pane_id],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def demo_launch(tmp_path_factory) -> Path:
    return write_demo(
        tmp_path_factory.mktemp("demo") / "demo.golive", size="small", lang="en", actor="tester"
    )


@pytest.mark.parametrize("pane_id", ["tests", "support", "hypercare"])
def test_each_chart_is_painted_without_matplotlib_loading(demo_launch: Path, tmp_path: Path, pane_id):
    report = run_probe(demo_launch, tmp_path / "settings.ini", pane_id)
    assert "timed_out" not in report and "failures" not in report
    assert report["charts"] == report["canvases"] >= 1
    assert report["matplotlib_at_import"] is False
    assert report["matplotlib_at_first_paint"] is False
    assert report["matplotlib_at_end"] is False
    assert report["child_processes"] in (0, None)  # no chart process, nor multiprocessing's tracker
