"""Text of the other language left on a rendered page, found through the catalogue.

A text that is, whole, an English msgid whose Indonesian differs, on a page
rendered in Bahasa Indonesia, was printed unmarked (a template that says
"Create App" where it should say {% translate "Create App" %}); an Indonesian
msgstr on a page rendered in English was written in Indonesian, or translated
for the wrong reader. Texts that read alike in both languages ("Email",
"Webhook") are never counted. Used by test_pages_in_indonesian.py and
test_pages_in_both_languages.py (docs/i18n.md).
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"
# Attributes a person reads (or hears): labels, the stacked tables' headings, confirmations.
READ_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "data-confirm", "data-label"}
# Code and machine names stay as they are in any language.
LITERAL_TAGS = {"script", "style", "code", "pre", "textarea"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ReadText(HTMLParser):
    """The text a person reads on a page: text nodes and READ_ATTRIBUTES, outside code
    and outside elements marked translate="no" (machine names shown as they are stored:
    an audit entry's field keys, a JSON type)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # each open element, and whether it is literal

    @property
    def _literal(self) -> bool:
        return any(literal for _, literal in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        literal = tag in LITERAL_TAGS or ("translate", "no") in attrs
        if not self._literal:
            self.texts.extend(value.strip() for name, value in attrs if name in READ_ATTRIBUTES and value)
        if tag not in VOID_TAGS:
            self._open.append((tag, literal))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching element (HTML lets some end tags be left out).
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._literal and data.strip():
            self.texts.append(re.sub(r"\s+", " ", data.strip()))


def read_texts(html: str) -> list[str]:
    reader = _ReadText()
    reader.feed(html)
    return reader.texts


@cache
def _giveaways(language: str) -> frozenset[str]:
    """The catalogue's texts that belong to the other language only."""
    pairs = [(entry.msgid, entry.msgstr) for entry in polib.pofile(str(PO)) if entry.msgstr]
    english = {msgid for msgid, msgstr in pairs if msgstr != msgid}
    indonesian = {msgstr for msgid, msgstr in pairs if msgstr != msgid}
    if language == "id":
        return frozenset(english - indonesian)
    return frozenset(indonesian - {msgid for msgid, _ in pairs})


def other_language_left(html: str, language: str) -> list[str]:
    """What a page rendered in `language` ("id" or "en") prints in the other one."""
    giveaways = _giveaways(language)
    return [text for text in read_texts(html) if text in giveaways]
