"""The CLI start bench: every read command it times runs on a demo launch, and its table holds each one's
ratio to the floor with the goal (`make bench` runs it on the large launch, five pairs a command)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.cli_start import READ_COMMANDS, run
from cockpit.services.demo import write_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("bench") / "small.golive", size="small", actor="tester")


@pytest.mark.parametrize("words", READ_COMMANDS, ids=" ".join)
def test_every_timed_command_reads_the_demo(demo: Path, words: tuple[str, ...], cli) -> None:
    cli.ok(*(demo if word == "FILE" else word for word in words))


def test_the_table_has_the_floor_and_each_command_against_it() -> None:
    figures = run(1, size="small", commands=READ_COMMANDS[:2])
    assert [f.unit for f in figures] == ["s", "×", "×"]
    assert figures[0].label.startswith("floor")
    assert [f.goal for f in figures[1:]] == ["≤ 3×", "≤ 3×"]
    assert all(f.met is (f.value <= 3) for f in figures[1:])
    assert figures[2].label.startswith("status --json: ")
