"""Demo launches read once per module, and the report's PDF read back as a lead would search it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from cockpit.domain.launch import LaunchData
from cockpit.services.demo import write_demo
from cockpit.store.launchfile import open_launch
from cockpit.store.read import load_launch
from tests.launches import new_launch

GO_LIVE = datetime(2027, 1, 10, 0, 0, tzinfo=UTC)


def read(path: Path) -> LaunchData:
    with open_launch(path, read_only=True) as launch_file:
        return load_launch(launch_file)


@pytest.fixture(scope="module")
def small_en(tmp_path_factory) -> LaunchData:
    return read(write_demo(tmp_path_factory.mktemp("en") / "d.golive", size="small", lang="en", actor="t"))


@pytest.fixture(scope="module")
def small_ja(tmp_path_factory) -> LaunchData:
    return read(write_demo(tmp_path_factory.mktemp("ja") / "d.golive", size="small", lang="ja", actor="t"))


@pytest.fixture(scope="module")
def empty(tmp_path_factory) -> LaunchData:
    path = tmp_path_factory.mktemp("empty") / "new.golive"
    return read(new_launch(path, name="Brand-new launch", go_live=GO_LIVE, timezone="Asia/Tokyo", actor="t"))


class Pdf:
    """A written report: its pages' text, whitespace folded so wrapped cells read as one line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = PdfReader(path)
        self.pages = [" ".join(page.extract_text().split()) for page in self.reader.pages]
        self.text = " ".join(self.pages)

    def sizes(self) -> set[tuple[int, int]]:
        return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in self.reader.pages}
