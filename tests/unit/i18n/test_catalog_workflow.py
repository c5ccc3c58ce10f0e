"""The gettext workflow (README "Translations"): what Babel extracts, the .po kept up to date, the loader."""

from __future__ import annotations

import io
from pathlib import Path

from cockpit import i18n
from tests.unit.i18n.catalogs import JAPANESE, TEMPLATE, extract_from_code, read_catalog, translatable
from tools import gettext_calls

KEYWORDS = ("tr", "N_", "ntr", "translate", "_t", "_translate")


def extracted(source: str) -> list[tuple[int, str, tuple[str | None, ...]]]:
    found = gettext_calls.extract(io.BytesIO(source.encode()), KEYWORDS, (), {})
    return [(line, name, arguments) for line, name, arguments, _comments in found]


def test_the_extractor_sees_calls_inside_f_strings_and_qt_calls():
    source = (
        "label = f\"{OK} {self.tr('Met')}\"\n"
        "QCoreApplication.translate('migration', 'and %n more', '', more)\n"
        "ntr('{n} row', '{n} rows', n)\n"
        "tr(variable)\n"
        "print('not a message')\n"
    )
    assert extracted(source) == [
        (1, "tr", ("Met",)),
        (2, "translate", ("migration", "and %n more", "", None)),
        (3, "ntr", ("{n} row", "{n} rows", None)),
        (4, "tr", (None,)),  # not a literal: Babel leaves it out
    ]


def test_the_template_and_the_japanese_catalog_hold_every_string_of_the_code(tmp_path: Path):
    """`make catalogs` was run after the last string changed: nothing in the code is missing from them."""
    in_code = translatable(extract_from_code(tmp_path / "cockpit.pot"))
    assert len(in_code) > 1000  # the extraction ran over the whole package
    for catalog_file in (TEMPLATE, JAPANESE):
        in_file = translatable(read_catalog(catalog_file))
        missing = sorted(set(in_code) - set(in_file))
        assert not missing, (
            f"{len(missing)} string(s) of the code are not in {catalog_file.name}; run `make catalogs`:\n"
            + "\n".join(missing[:20])
        )
        plural_changed = [key for key in in_code if in_code[key].id != in_file[key].id]
        assert not plural_changed, f"plural forms changed; run `make catalogs`: {plural_changed[:10]}"


def test_the_japanese_catalog_has_one_plural_form():
    catalog = read_catalog(JAPANESE, locale="ja")
    assert catalog.plural_forms == "nplurals=1; plural=0;"


def test_english_reads_the_source_strings_and_a_missing_catalog_falls_back_to_them(monkeypatch, tmp_path):
    assert i18n.load_catalog("en").gettext("Met") == "Met"
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)  # no compiled catalog at all (a clone before `make`)
    assert i18n.load_catalog("ja").gettext("Met") == "Met"
