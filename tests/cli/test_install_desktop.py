"""``cockpit install-desktop [--uninstall]``: the launcher, the .golive type and the icons in XDG_DATA_HOME,
and ``cockpit open`` taking what a desktop passes on a double-click (issue 16)."""

from __future__ import annotations

import configparser
import shutil
import sys
from pathlib import Path

import pytest

from cockpit.cli import app_entry
from cockpit.services import desktop_integration
from cockpit.services.desktop_integration import path_from_desktop

BAD_INPUT, NOT_SAVED = 2, 7
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def new_launch(cli, path: Path) -> Path:
    cli.ok("new", path, "--name", "Desktop", "--go-live", "2026-12-01T09:00+09:00", "--template", "empty")
    return path


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def desktop_entry(data_home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(data_home / "applications" / "golive-cockpit.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_writes_the_launcher_the_file_type_and_the_icons(cli, data_home):
    ran = cli.ok("install-desktop")
    assert "Wrote 20 files" in ran.out and str(data_home) in ran.out
    entry = desktop_entry(data_home)
    # This cockpit, started as the tests start it (the interpreter with -m cockpit), opens the file.
    assert entry["Exec"] == f"{sys.executable} -m cockpit open %f"
    assert entry["TryExec"] == sys.executable
    assert entry["MimeType"] == "application/x-golive-cockpit;"
    assert entry["Icon"] == "golive-cockpit"
    # Qt names every window's WM_CLASS after the application: the desktop matches the two.
    assert entry["StartupWMClass"] == desktop_integration.APP_NAME == "Go-Live Cockpit"
    mime = (data_home / "mime" / "packages" / "golive-cockpit.xml").read_text(encoding="utf-8")
    assert 'type="application/x-golive-cockpit"' in mime and 'pattern="*.golive"' in mime
    icons = data_home / "icons" / "hicolor"
    for size in SIZES:
        app_png = icons / f"{size}x{size}" / "apps" / "golive-cockpit.png"
        document_png = icons / f"{size}x{size}" / "mimetypes" / "application-x-golive-cockpit.png"
        for png in (app_png, document_png):
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert int.from_bytes(png.read_bytes()[16:20], "big") == size  # the IHDR width
    assert (
        (icons / "scalable" / "apps" / "golive-cockpit.svg").read_text(encoding="utf-8").startswith("<?xml")
    )


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info is not installed")
def test_the_desktop_knows_a_golive_file_once_installed(cli, data_home):
    ran = cli.ok("install-desktop", "--json").json()
    assert "update-mime-database" in ran["tools_run"]
    globs = (data_home / "mime" / "globs2").read_text(encoding="utf-8")
    assert "application/x-golive-cockpit:*.golive" in globs


def test_uninstall_removes_what_install_wrote_and_twice_is_harmless(cli, data_home):
    cli.ok("install-desktop")
    ran = cli.ok("install-desktop", "--uninstall")
    assert "Removed 20 files" in ran.out
    assert not (data_home / "applications" / "golive-cockpit.desktop").exists()
    assert not (data_home / "mime" / "packages" / "golive-cockpit.xml").exists()
    assert not list((data_home / "icons").rglob("*golive*"))
    assert "Removed 0 files" in cli.ok("install-desktop", "--uninstall").out


def test_a_data_folder_that_cannot_be_written_exits_7_naming_the_fix(cli, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    ran = cli("install-desktop")
    assert ran.code == NOT_SAVED
    assert str(blocked) in ran.err and "XDG_DATA_HOME" in ran.err


def test_a_launcher_path_with_spaces_is_quoted_as_the_desktop_entry_spec_asks(data_home):
    desktop_integration.install(data_home, ["/opt/Go Live/golive-cockpit"])
    assert desktop_entry(data_home)["Exec"] == '"/opt/Go Live/golive-cockpit" %f'
    assert desktop_integration.exec_line(["/a/$b", "open"]) == '"/a/\\\\$b" open %f'


def test_open_takes_the_file_uri_a_desktop_passes(cli, tmp_path, monkeypatch):
    launch = new_launch(cli, tmp_path / "go live.golive")
    opened = {}
    monkeypatch.setattr("cockpit.ui.app.run_app", lambda **kwargs: opened.update(kwargs) or 0)
    cli.ok("open", launch.as_uri())
    assert opened["path"] == str(launch)


def test_only_a_local_file_uri_is_read_as_one():
    assert path_from_desktop("file:///tmp/a%20b.golive") == "/tmp/a b.golive"
    assert path_from_desktop("file://localhost/tmp/x.golive") == "/tmp/x.golive"
    assert path_from_desktop("file:a.golive") == "file:a.golive"  # a file name, as everywhere else
    assert path_from_desktop("/tmp/plain.golive") == "/tmp/plain.golive"


def test_a_file_uri_on_another_machine_exits_2_saying_to_copy_it(cli):
    ran = cli("open", "file://fileserver/share/a.golive")
    assert ran.code == BAD_INPUT
    assert "fileserver" in ran.err and "Copy the file" in ran.err


def test_the_built_app_opens_the_window_with_no_arguments_or_a_file_alone():
    commands = {"status", "open", "demo"}
    assert app_entry.cli_arguments([], commands) == ["open"]
    assert app_entry.cli_arguments(["launch.golive"], commands) == ["open", "launch.golive"]
    assert app_entry.cli_arguments(["status", "x.golive"], commands) == ["status", "x.golive"]
    assert app_entry.cli_arguments(["--version"], commands) == ["--version"]
    assert app_entry.cli_arguments(["demo"], commands) == ["demo"]  # a command, even alone


def test_the_built_app_runs_a_command_through_the_whole_cli(cli, tmp_path, capsys):
    launch = new_launch(cli, tmp_path / "a.golive")
    capsys.readouterr()
    assert app_entry.main(["status", str(launch), "--json"]) == 0
    assert '"launch"' in capsys.readouterr().out


def test_install_desktop_elsewhere_than_linux_exits_2_pointing_at_the_built_app(cli, data_home, monkeypatch):
    monkeypatch.setattr("sys.platform", "win32")
    ran = cli("install-desktop")
    assert ran.code == BAD_INPUT
    assert "Linux" in ran.err and "Build the app" in ran.err
    assert not data_home.exists()
