"""Shared fixtures: real launch files in a temporary folder."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

from cockpit.store.launchfile import open_launch
from tests.keyring_backends import locked_on_delete_keyring, memory_keyring, no_keyring  # noqa: F401 (fixtures for every test)
from tests.launches import new_launch

GO_LIVE = datetime.fromisoformat("2026-12-01T09:00:00+09:00")


def pytest_configure(config: pytest.Config) -> None:
    # The cockpit keeps a cache in the user's cache folder (public holidays): each test process, and the
    # cockpit processes it starts, get their own, never the machine user's.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cockpit-test-cache-")


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
