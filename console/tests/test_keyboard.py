"""The core journeys by keyboard alone: Tab, Shift+Tab, arrow keys, Space and
Enter (the address bar aside). Sign in, registration step 1 with both PDFs,
Create App, and Regenerate with a grace window; focus lands where the user
must look next, and the focus ring shows on every control reached."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from accounts.tests.factories import PASSWORD, UserFactory
from apps_mgmt.models import App
from partners.models import Partner
from registration import services as registration
from registration.seed import DEMO_TERMS, DEMO_TERMS_VERSION
from registration.tests.conftest import PDF_DIR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: "", tag: "body", ring: false};
  const labelled = el.labels && el.labels.length ? el.labels[0].textContent : "";
  const style = getComputedStyle(el);
  return {
    name: (el.getAttribute("aria-label") || labelled || el.textContent || el.value || "").replace(/\\s+/g, " ").trim(),
    tag: el.tagName.toLowerCase(),
    type: el.type || "",
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(FOCUSED))


def tab_to(page: Any, name: str | re.Pattern[str], *, limit: int = 40) -> dict[str, Any]:
    """Press Tab until the focused control is called `name`; its focus ring must show."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now["name"])
        matches = re.search(name, now["name"]) if isinstance(name, re.Pattern) else now["name"].startswith(name)
        if matches:
            assert now["ring"], f"no focus ring on {now}"
            return now
    raise AssertionError(f"Tab never reached {name!r}; it went through {seen}")


def choose_file(page: Any, path: Path) -> None:
    """Space on a focused file input opens the file dialog, as for a keyboard user.
    On a loaded machine the first press can be lost before the dialog opens: press again."""
    for attempt in range(2):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
        except PlaywrightTimeoutError:
            if attempt:
                raise
            continue
        chooser.value.set_files(path)
        return


def test_sign_in_register_create_an_app_and_regenerate_by_keyboard(page: Any, live_server: Any) -> None:
    registration.terms_publish(version=DEMO_TERMS_VERSION, body=DEMO_TERMS, actor=None)
    alice = UserFactory(email="alice@acme.co.id")
    page.on("dialog", lambda dialog: dialog.accept())  # Regenerate asks "Regenerate…?": Enter accepts it

    # Sign in.
    page.goto("/accounts/login/")
    tab_to(page, "Skip to content")
    tab_to(page, "Email")
    page.keyboard.type(alice.email)
    tab_to(page, "Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()

    # Registration, step 1 with both PDFs.
    tab_to(page, "Start registration")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/registration/"))
    tab_to(page, "Start registration")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/registration/company/"))
    tab_to(page, "Company name")
    page.keyboard.type("Acme Keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("Alice Santoso")
    page.keyboard.press("Tab")
    page.keyboard.type("0812 3456 7890")
    for label, name in (
        ("Business Registration Certificate", "valid_certificate.pdf"),
        ("Company's Profile", "valid_company_profile.pdf"),
    ):
        now = tab_to(page, re.compile(r"^$|" + re.escape(label)))
        assert now["type"] == "file", now
        choose_file(page, PDF_DIR / name)
    tab_to(page, "Company Website URL")
    page.keyboard.type("https://acme.example")
    tab_to(page, "Seller")
    page.keyboard.press("ArrowDown")  # radios: arrows choose within the group
    assert page.get_by_label("Third Party Enabler", exact=True).is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # System: the first choice, In-house
    assert page.get_by_label("In-house", exact=True).is_checked()
    tab_to(page, "Save and continue")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/registration/terms/"))
    partner = Partner.objects.get(super_admin=alice)
    assert partner.company_name == "Acme Keyboard" and partner.business_certificate and partner.company_profile

    # The account is approved (as staff would) so that it may create apps.
    Partner.objects.filter(pk=partner.pk).update(status=Partner.Status.ACTIVE)

    # Create App, with the form's errors first: focus goes to the error summary, whose link leads to the field.
    page.goto("/apps/create/")
    tab_to(page, "Create App")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Error: Create App")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Give the app a name."
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "App Name"
    page.keyboard.type("Keyboard Sync")
    tab_to(page, "Create App")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Keyboard Sync is ready: copy its Client Secret now").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "secret-heading"
    app = App.objects.get(partner=partner, name="Keyboard Sync")
    first = page.get_by_role("textbox", name="Client Secret").input_value()

    # Regenerate with a one-hour grace window; Copy announces itself.
    page.goto(f"/apps/{app.fs_id}/auth/")
    tab_to(page, "No grace window")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("1 hour").is_checked()
    tab_to(page, "Regenerate Client Secret")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="New Client Secret: copy it now").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "secret-heading"
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab_to(page, "Client Secret", limit=3)  # the new secret's field comes first, then its Copy button
    tab_to(page, "Copy Client Secret", limit=3)
    page.keyboard.press("Enter")
    page.locator("#announcer", has_text="on the clipboard").wait_for(state="attached")
    assert page.locator("#announcer").text_content() == "Client Secret is on the clipboard"
    second = page.get_by_role("textbox", name="Client Secret").input_value()
    assert page.evaluate("navigator.clipboard.readText()") == second
    app.refresh_from_db()
    assert app.check_secret(second) and app.check_secret(first)  # the old one works for the hour
