"""The Indonesian catalogue is complete and in step with the code, and the
compiled catalogue the console serves is the one the .po says (docs/i18n.md).

CI runs these: a string added without its translation fails here, as does a
fuzzy or untranslated entry, a translation that drops a placeholder, or a
django.mo left behind by its django.po. `make messages` fixes all but the
translating itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# `make messages` runs makemessages with these options.
MAKEMESSAGES: dict[str, Any] = {
    "locale": ["id"],
    "no_location": True,
    "no_obsolete": True,
    "ignore_patterns": [".venv", "e2e", "benchmarks", "*/tests/*", "staticfiles", "var", "conftest.py"],
    "verbosity": 0,
}
# What the source tree copy leaves out: not code, or big.
NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "var", "staticfiles", "node_modules", "__pycache__", "*.mo")


@pytest.fixture
def gettext_tools() -> None:
    from conftest import require

    require(
        shutil.which("xgettext") is not None and shutil.which("msgfmt") is not None, "GNU gettext (Debian: gettext)"
    )


def _keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]|%[sd]|\{[^{}]*\}", text))


def test_makemessages_finds_no_string_missing_from_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gettext_tools: None
) -> None:
    # On a copy of the tree: makemessages writes into the locale folder it finds.
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE, symlinks=True)
    monkeypatch.chdir(copy)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [copy / "locale"])
    call_command("makemessages", **MAKEMESSAGES)
    committed, collected = _keys(polib.pofile(str(PO))), _keys(polib.pofile(str(copy / PO.relative_to(ROOT))))
    assert sorted(collected - committed, key=str) == [], "new strings: run `make messages` and translate them"
    assert sorted(committed - collected, key=str) == [], "strings no longer used: run `make messages`"


def test_every_string_is_translated_and_none_is_fuzzy() -> None:
    po = polib.pofile(str(PO))
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy


def test_each_translation_keeps_the_placeholders_and_tags_of_its_string() -> None:
    wrong = []
    for entry in polib.pofile(str(PO)):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            # Indonesian has one plural form: it says what the English plural says.
            english = entry.msgid_plural or entry.msgid
            if _placeholders(text) != _placeholders(english) or text.count("<") != english.count("<"):
                wrong.append(entry.msgid)
    assert wrong == []


def test_the_compiled_catalogue_is_the_po_file(tmp_path: Path, gettext_tools: None) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True)
    served = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in polib.mofile(str(MO))}
    built = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in polib.mofile(str(fresh))}
    assert served == built, "django.mo is stale: run `make messages`"
