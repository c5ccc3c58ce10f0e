"""A read command loads what it prints, not the services of the commands beside it: the modules a whole
process of each timed read command imported (`make bench` times them, `bench/cli_start.py`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cockpit.services.demo import write_demo
from tests.cli.conftest import cockpit_env

# What a command that only reads never needs: the services that write, and the rules the whole status uses
# (`gate list` reads its criteria from `domain.gate_criterion`, without the gate's rules).
WRITING = ("cockpit.services.edits", "cockpit.services.rules", "cockpit.services.rounds")
WHOLE_STATUS = ("cockpit.services.status", "cockpit.domain.figures", "cockpit.domain.gate")

LISTS = (
    ("checklist", "list"),
    ("step", "list"),
    ("object", "list"),
    ("person", "list"),
    ("gate", "list"),
    ("kpi", "list"),
    ("sla", "list"),
    ("launch", "show"),
    ("who",),
    ("changes",),
    ("history",),
    ("verify",),
)

_LOADED = """
import contextlib, io, sys
from cockpit.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(code, *sorted(name for name in sys.modules if name.startswith("cockpit.")))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("imports") / "small.golive", size="small", actor="tester")


def loaded_by(*words: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *words],
        capture_output=True,
        text=True,
        env=cockpit_env(),
        check=True,
        timeout=120,
    )
    code, *modules = done.stdout.split()
    assert code == "0", done.stderr
    return set(modules)


@pytest.mark.parametrize("words", LISTS, ids=" ".join)
def test_a_list_loads_no_writing_service_and_not_the_whole_status(demo: Path, words: tuple[str, ...]) -> None:
    loaded = loaded_by(*words, str(demo))
    assert "cockpit.store.read" in loaded or words == ("verify",)
    assert not loaded & {*WRITING, *WHOLE_STATUS}


def test_the_status_loads_the_rules_it_works_out_but_no_writing_service(demo: Path) -> None:
    loaded = loaded_by("status", str(demo))
    assert set(WHOLE_STATUS) <= loaded
    assert not loaded & set(WRITING)


def test_a_writing_command_still_finds_its_service(demo: Path) -> None:
    loaded = loaded_by("person", "add", str(demo), "--name", "Aoki", "--login", "aoki", "--as", "tester")
    assert "cockpit.services.people" in loaded
