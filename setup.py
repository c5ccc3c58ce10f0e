"""Packaging steps pyproject.toml cannot declare: the top-level resources/ folder shipped as the package
cockpit.resources, and the gettext catalogs compiled (.po → .mo) whenever the package is built.

Everything else (metadata, dependencies, package data) is in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

RESOURCES = Path("resources")
CATALOG_DOMAIN = "cockpit"


def compile_catalog(po_file: Path, mo_file: Path) -> None:
    """Babel's compile (what ``pybabel compile`` does): fuzzy and untranslated entries are left out."""
    # Imported here: Babel is a build requirement ([build-system] requires), not something the app needs.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as source:
        catalog = read_po(source, locale=po_file.parent.parent.name, domain=CATALOG_DOMAIN)
    mo_file.parent.mkdir(parents=True, exist_ok=True)
    with mo_file.open("wb") as compiled:
        write_mo(compiled, catalog)


class BuildPyWithCatalogs(build_py):
    """Also compile every resources/locale/<lang>/LC_MESSAGES/cockpit.po: the .mo is build output, not in git.

    A wheel gets the .mo in its cockpit/resources/locale; an editable install (``pip install -e .``, the
    Makefile's set-up step) reads the source folder, so the .mo is written there, beside its .po.
    """

    def run(self) -> None:
        super().run()
        for po_file in sorted(RESOURCES.glob(f"locale/*/LC_MESSAGES/{CATALOG_DOMAIN}.po")):
            relative_mo = po_file.relative_to(RESOURCES).with_suffix(".mo")
            if self.editable_mode:
                mo_file = RESOURCES / relative_mo
            else:
                mo_file = Path(self.build_lib, "cockpit", "resources", relative_mo)
            compile_catalog(po_file, mo_file)


setup(
    # resources/ stays at the top of the repository (the project's layout) but installs inside the package.
    packages=[*find_packages(include=["cockpit", "cockpit.*"]), "cockpit.resources"],
    package_dir={"cockpit.resources": "resources"},
    cmdclass={"build_py": BuildPyWithCatalogs},
)
