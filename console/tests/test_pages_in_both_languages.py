"""Every page state of test_accessibility.PAGES, read in English and in Bahasa
Indonesia, at desktop (1280 px) and phone (375 px) width: nothing sticks out
sideways, and nothing is left in the other language (console/tests/languages.py).

The readers' saved language is set (visitors send it as the browser's
language), and the pages' forms are refused through the same acts, whose
labels are looked up in the reader's language.

`PAGE_SHOTS=<folder>` also saves a full-page screenshot of each, to look at
(docs/i18n.md, "Looking at every page").
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from console.tests.languages import other_language_left
from console.tests.test_accessibility import PAGES, make_world, signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)
# The browser's language, which is what a visitor's page follows.
LOCALES = {"en": "en-US", "id": "id-ID"}

# What sticks out past the window's right edge, outermost first; an element
# inside a box that scrolls or clips sideways (a wide table's wrapper) is that
# box's business, not the page's.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 1;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const culprits = [...document.body.querySelectorAll("*")].filter((el) =>
    el.getClientRects().length && sticksOut(el) && !clipped(el)
    && !(el.parentElement !== document.body && sticksOut(el.parentElement)));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width: width,
    culprits: culprits.slice(0, 4).map((el) => name(el) + " to " + Math.round(el.getBoundingClientRect().right)),
  };
}"""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@pytest.mark.parametrize("language", list(LOCALES))
def test_every_page_fits_a_phone_and_speaks_one_language(
    language: str, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    world = make_world()
    User.objects.filter(pk__in=[user.pk for user in world.people.values() if user]).update(language=language)
    shots = Path(os.environ["PAGE_SHOTS"]) if os.environ.get("PAGE_SHOTS") else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    found: list[str] = []
    with translation.override(language):
        for width in WIDTHS:
            for who in dict.fromkeys(visit.who for visit in PAGES):
                context = signed_in_context(browser, live_server.url, world.people[who], width, LOCALES[language])
                page = context.new_page()
                for number, visit in enumerate(PAGES):
                    if visit.who != who:
                        continue
                    where = f"{visit.name} @{width}px"
                    response = page.goto(visit.path.format(w=world))
                    if response is None or response.status >= 500:
                        found.append(f"{where}: answered {response and response.status}")
                        continue
                    if visit.act:
                        try:
                            visit.act(page)
                        except PlaywrightError as error:
                            found.append(f"{where}: {error.message.splitlines()[0]}")
                            continue
                    html = page.content()
                    if f'<html lang="{language}"' not in html:
                        found.append(f"{where}: not rendered in {language}")
                    found += [f"{where}: says {text!r}" for text in other_language_left(html, language)]
                    overflow = page.evaluate(OVERFLOW)
                    if overflow["scrollWidth"] > overflow["width"]:
                        found.append(
                            f"{where}: {overflow['scrollWidth']} px wide, sticking out: {overflow['culprits']}"
                        )
                    if shots:
                        name = f"{language}-{width}-{number:02d}-{_slug(visit.name)}.png"
                        page.screenshot(path=shots / name, full_page=True)
                context.close()
    assert found == [], "\n".join(found)
