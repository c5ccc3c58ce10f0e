"""Shared fixtures: real launch files in a temporary folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cockpit.store.launchfile import open_launch
from tests.keyring_backends import locked_on_delete_keyring, memory_keyring, no_keyring  # noqa: F401 (fixtures for every test)
from tests.launches import new_launch

GO_LIVE = datetime.fromisoformat("2026-12-01T09:00:00+09:00")


@pytest.fixture
def launch_path(tmp_path: Path) -> Path:
    """A fresh launch file on disk from the empty template: SLA targets and criteria, no checklist."""
    path = tmp_path / "test.golive"
    new_launch(path, name="Test launch", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="tester")
    return path


@pytest.fixture
def launch_file(launch_path: Path):
    lf = open_launch(launch_path)
    yield lf
    lf.close()
