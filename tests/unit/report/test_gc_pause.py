"""The report pauses Python's cycle collector while it works, and gives it back as it found it."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import pytest

from cockpit import gc_pause
from cockpit.cli import main
from cockpit.gc_pause import cycle_collector_paused
from tests.launches import new_launch


def test_paused_within_and_back_after_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("the report failed")
    assert gc.isenabled()


def test_a_caller_that_paused_it_keeps_it_paused():
    gc.disable()
    try:
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cockpit_report_writes_with_the_collector_paused_and_restores_it(tmp_path, monkeypatch, capsys):
    launch = new_launch(
        tmp_path / "new.golive",
        name="Paused",
        go_live=datetime(2027, 1, 10, tzinfo=UTC),
        timezone="Asia/Tokyo",
        actor="t",
    )
    seen: list[bool] = []
    real = gc_pause.cycle_collector_paused

    def spy():
        seen.append(gc.isenabled())
        return real()

    monkeypatch.setattr(gc_pause, "cycle_collector_paused", spy)
    assert main(["report", str(launch), "--out", str(tmp_path / "r.pdf"), "--lang", "en"]) == 0
    assert seen == [True]
    assert gc.isenabled()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
