"""Run the real ``cockpit`` command in a subprocess, as a script or a pipeline would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.in_process import cli  # noqa: F401 (in-process commands, for every CLI test)
from tests.paths import REPO


def cockpit_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COCKPIT_", "LANG", "LC_"))}
    env.update({"PYTHONPATH": str(REPO), "COCKPIT_LANG": "en", "PYTHONUTF8": "1", **extra})
    return env


def run_cockpit(
    *args: str, check: bool = False, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "cockpit", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=cockpit_env(**env),
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"cockpit {args} exited {result.returncode}: {result.stderr}")
    return result


def run_json(*args: str) -> dict:
    return json.loads(run_cockpit(*args, "--json", check=True).stdout)


@pytest.fixture
def cockpit():
    return run_cockpit


@pytest.fixture
def empty_launch(tmp_path: Path) -> Path:
    path = tmp_path / "launch.golive"
    run_cockpit("new", path, "--name", "販売管理システム", "--go-live", "2026-12-01T09:00+09:00",
                "--template", "empty", check=True)  # fmt: skip
    return path
