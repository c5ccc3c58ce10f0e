"""Every string the cockpit shows has a finished Japanese translation, and the compiled catalog is what loads.

These tests fail until the translations are merged into resources/locale/ja/LC_MESSAGES/cockpit.po
(README "Translations"): that is their point.
"""

from __future__ import annotations

from pathlib import Path

from cockpit import i18n
from tests.unit.i18n.catalogs import (
    JAPANESE,
    extract_from_code,
    placeholders,
    read_catalog,
    translatable,
    translations,
)


def test_every_string_in_the_code_has_a_finished_japanese_translation_with_its_placeholders(tmp_path: Path):
    in_code = translatable(extract_from_code(tmp_path / "cockpit.pot"))
    japanese = translatable(read_catalog(JAPANESE, locale="ja"))
    problems = []
    for key, source in sorted(in_code.items()):
        entry = japanese.get(key)
        if entry is None:
            problems.append(f"not in the .po (run `make catalogs`): {key!r}")
            continue
        forms = translations(entry)
        if entry.fuzzy:
            problems.append(f"fuzzy (check it, then drop the fuzzy flag): {key!r}")
        elif not all(forms):
            problems.append(f"untranslated: {key!r}")
        else:
            # A plural's one Japanese form may follow the singular or the plural English ({n} in either).
            wanted = [
                placeholders(text) for text in ([source.id] if isinstance(source.id, str) else source.id)
            ]
            for form in forms:
                if placeholders(form) not in wanted:
                    problems.append(
                        f"placeholders {sorted(placeholders(form))} ≠ {sorted(wanted[0])}: {key!r}"
                    )
    assert not problems, f"{len(problems)} of {len(in_code)} strings:\n" + "\n".join(problems[:40])


def test_the_compiled_japanese_catalog_is_loaded_and_answers_in_japanese():
    """The .mo (compiled by make / the wheel build) gives each translated string the .po's text."""
    translated = {
        key: message.string
        for key, message in translatable(read_catalog(JAPANESE, locale="ja")).items()
        if isinstance(message.string, str) and message.string and not message.fuzzy
    }
    assert translated, "no Japanese translation in the .po yet"
    catalog = i18n.load_catalog("ja")
    wrong = {key: catalog.gettext(key) for key, text in translated.items() if catalog.gettext(key) != text}
    assert not wrong, f"the compiled .mo is older than the .po (run `make catalogs`): {list(wrong)[:10]}"
