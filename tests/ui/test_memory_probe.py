"""The memory bench's reading: after the probe visited every pane, it names the resident size of the window's
process and of any process it started — none since the charts are painted (`make bench` holds the sizes to
their goals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.first_paint import probe
from cockpit.services.demo import write_demo

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")


def test_the_probe_reports_the_window_alone(tmp_path: Path) -> None:
    launch = write_demo(tmp_path / "demo.golive", size="small", lang="en", actor="tester")
    report = probe("cockpit", launch)
    sizes = report["resident_mb"]
    assert len(sizes) == 1, sizes  # the window's process: no chart process, no multiprocessing tracker
    assert all(size > 10 for size in sizes.values())


def test_the_bare_window_is_measured_as_the_floor() -> None:
    assert probe("bare")["resident_mb_bare"] > 10
