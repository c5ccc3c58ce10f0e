"""``cockpit snapshot``: named with the launch and the time, never over a file, with the umask's permissions,
opened read-only under its banner; bad targets refused with nothing written."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cockpit.store.launchfile import open_launch
from cockpit.words.review import snapshot_banner
from tests.cli.in_process import Cockpit


@pytest.fixture
def live(cli: Cockpit, tmp_path: Path) -> Path:
    path = tmp_path / "ledger.golive"
    cli.ok(
        "new",
        path,
        "--name",
        "Ledger: phase 2/3",
        "--go-live",
        "2027-03-01T09:00+09:00",
        "--template",
        "empty",
    )
    return path


def test_a_snapshot_is_named_with_the_launch_and_the_time_and_opens_read_only(
    cli: Cockpit, live: Path, tmp_path: Path
) -> None:
    out = tmp_path / "review"
    out.mkdir()
    old_mask = os.umask(0o027)
    try:
        path = Path(cli.ok("snapshot", live, "--out", out, "--as", "lead", "--json").json()["path"])
    finally:
        os.umask(old_mask)
    assert path.parent == out
    assert path.name.startswith("Ledger- phase 2-3 snapshot ") and path.suffix == ".golive"
    if hasattr(os, "fchmod"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left beside it
    with open_launch(path) as snapshot:
        mark = snapshot.snapshot
        assert snapshot.read_only and mark is not None
        assert (mark.taken_by, mark.source) == ("lead", str(live.absolute()))
        banner = snapshot_banner(mark.taken_at, ZoneInfo(mark.timezone))
    assert banner.startswith("Snapshot of ") and banner.endswith(" JST — read only")
    refused = cli("checklist", "add", path, "--title", "x", "--stage", "preparation", "--category", "tests")
    assert refused.code == 4 and "snapshot" in refused.err and str(live.absolute()) in refused.err

    again = Path(cli.ok("snapshot", path, "--out", tmp_path / "copy.golive", "--json").json()["path"])
    with open_launch(again) as copy:  # a snapshot of a snapshot still names the live file
        assert copy.snapshot is not None and copy.snapshot.source == str(live.absolute())


def test_a_snapshot_never_overwrites_and_needs_an_existing_folder(
    cli: Cockpit, live: Path, tmp_path: Path
) -> None:
    taken = tmp_path / "taken.golive"
    taken.write_bytes(b"keep me")
    refused = cli("snapshot", live, "--out", taken)
    assert refused.code == 2 and "never overwrites" in refused.err
    assert taken.read_bytes() == b"keep me"
    refused = cli("snapshot", live, "--out", tmp_path / "nowhere" / "x.golive")
    assert refused.code == 2 and "does not exist" in refused.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.golive", "taken.golive"]
