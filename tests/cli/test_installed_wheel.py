"""`pip install .` (not editable) gives a cockpit that works on its own: demo words, templates, catalogs inside.

The wheel is built from a copy of the checkout and installed into a fresh venv, and the commands run from a
folder outside the repository with no PYTHONPATH. Nothing is downloaded: the wheel is built without build
isolation (setuptools and Babel are in the [test] extra) and installed without dependencies into a venv that
sees this venv's site-packages through a .pth line. Python does not run the .pth files of a folder a .pth
line adds, so this venv's editable install of the checkout stays out: the cockpit imported is the wheel's.

One xdist group: the wheel is built once, on one worker, while the rest of the suite runs on the other.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.paths import REPO

pytestmark = pytest.mark.xdist_group("installed_wheel")

# What the build needs from the checkout (git-ignored output, caches and the venv stay behind).
LEFT_BEHIND = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    "*.golive",
    "*.mo",
    "bench",
    "docs",
)


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A venv with the cockpit installed from its wheel; its bin folder, the wheel and an outside folder."""
    root = tmp_path_factory.mktemp("installed_wheel")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=LEFT_BEHIND)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
        "--wheel-dir", root / "dist", source, cwd=root)  # fmt: skip
    (wheel,) = (root / "dist").glob("golive_cockpit-*.whl")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    site_packages = Path(
        sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    )  # the new venv's
    here = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}  # this venv's: the dependencies
    (site_packages / "test-dependencies.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--quiet",
        wheel, cwd=root)  # fmt: skip
    outside = root / "elsewhere"
    outside.mkdir()
    return {"bin": venv / "bin", "wheel": wheel, "outside": outside, "venv": venv}


def outside_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COCKPIT_", "LANG", "LC_", "PYTHON"))}
    return {**env, "PYTHONUTF8": "1", **extra}


def test_the_wheel_carries_the_demo_words_the_templates_and_the_compiled_catalog(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert {
        "cockpit/resources/demo/ja.json",
        "cockpit/resources/demo/en.json",
        "cockpit/resources/locale/ja/LC_MESSAGES/cockpit.mo",
        "cockpit/resources/locale/ja/LC_MESSAGES/cockpit.po",
    } <= names
    assert any(name.startswith("cockpit/templates/") and name.endswith(".json") for name in names)


def test_the_installed_cockpit_is_the_wheels_and_loads_its_japanese_catalog(installed):
    probe = (
        "import cockpit, cockpit.i18n as i18n;"
        "print(cockpit.__file__);"
        "print(i18n.LOCALE_DIR.joinpath('ja', 'LC_MESSAGES', 'cockpit.mo').is_file())"
    )
    result = run(installed["bin"] / "python", "-c", probe, cwd=installed["outside"], env=outside_env())
    package_file, catalog_found = result.stdout.split()
    assert Path(package_file).is_relative_to(installed["venv"])
    assert catalog_found == "True"


def test_demo_status_and_report_work_from_the_installed_wheel(installed):
    cockpit, outside, env = installed["bin"] / "cockpit", installed["outside"], outside_env()
    run(cockpit, "demo", "demo.golive", "--lang", "ja", cwd=outside, env=env)
    status = json.loads(run(cockpit, "status", "demo.golive", "--json", cwd=outside, env=env).stdout)
    # The demo's Japanese words came from the wheel's cockpit/resources/demo/ja.json.
    assert not status["launch"]["name"].isascii()
    run(cockpit, "report", "demo.golive", "--out", "status.pdf", "--lang", "ja", cwd=outside, env=env)
    assert (outside / "status.pdf").read_bytes().startswith(b"%PDF")


def test_the_wheel_carries_the_icons_and_the_desktop_files(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    assert {
        "cockpit/resources/desktop/golive-cockpit.desktop",
        "cockpit/resources/desktop/golive-cockpit.xml",
        "cockpit/resources/icons/golive-cockpit.svg",
        "cockpit/resources/icons/application-x-golive-cockpit.svg",
        "cockpit/resources/icons/hicolor/16x16/apps/golive-cockpit.png",
        "cockpit/resources/icons/hicolor/512x512/mimetypes/application-x-golive-cockpit.png",
    } <= names


def test_install_desktop_from_an_installed_cockpit_launches_that_cockpit(installed, tmp_path):
    """As after ``pipx install .``: the launcher runs the installed ``cockpit`` script, wherever it is."""
    cockpit, outside = installed["bin"] / "cockpit", installed["outside"]
    data_home = tmp_path / "share"
    run(cockpit, "install-desktop", cwd=outside, env=outside_env(XDG_DATA_HOME=str(data_home)))
    entry = (data_home / "applications" / "golive-cockpit.desktop").read_text(encoding="utf-8")
    assert f"Exec={cockpit} open %f" in entry.splitlines()
    assert (data_home / "icons" / "hicolor" / "48x48" / "apps" / "golive-cockpit.png").is_file()
