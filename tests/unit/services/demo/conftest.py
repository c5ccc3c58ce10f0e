"""Demo launches written once per session to a temporary folder, at a fixed 'now'."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.domain.launch import LaunchData
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch

NOW = datetime(2026, 12, 1, 2, 17, 42, tzinfo=UTC)


def write_and_load(path: Path, **options) -> LaunchData:
    write_demo(path, actor="demo-tester", now=NOW, **options)
    with open_launch(path) as launch_file:
        return load_launch(launch_file)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="session")
def small_en_path(demo_dir: Path) -> Path:
    path = demo_dir / "small-en.golive"
    write_demo(path, actor="demo-tester", now=NOW)
    return path


@pytest.fixture(scope="session")
def small_ja_path(demo_dir: Path) -> Path:
    path = demo_dir / "small-ja.golive"
    write_demo(path, lang="ja", actor="demo-tester", now=NOW)
    return path


@pytest.fixture(scope="session")
def small_en(small_en_path: Path) -> LaunchData:
    with open_launch(small_en_path, read_only=True) as launch_file:
        return load_launch(launch_file)


@pytest.fixture(scope="session")
def small_ja(small_ja_path: Path) -> LaunchData:
    with open_launch(small_ja_path, read_only=True) as launch_file:
        return load_launch(launch_file)
