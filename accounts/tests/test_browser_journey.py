"""A new partner, in Chromium: sign up, verify from the mail folder, sign in,
turn on TOTP two-factor authentication."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.tests.totp_codes import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "alice@acme.co.id"
PASSWORD = "a-Strong-passphrase-42"


def test_a_new_partner_signs_up_verifies_signs_in_and_turns_on_totp(page) -> None:
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_role("heading", name="Verify Your Email Address").wait_for()

    # The verification email, from the mail folder, as a partner trying the console would open it.
    page.goto("/dev/mail/")
    page.get_by_role("link", name=re.compile("Please Confirm Your Email Address")).click()
    page.locator("a[href*='/accounts/confirm-email/']").click()
    page.get_by_role("button", name="Confirm").click()
    # Confirmed in the browser that signed up: signed in at once, no second sign-in.
    page.get_by_role("heading", name="Welcome").wait_for()
    expect(page.get_by_text("You have confirmed")).to_be_visible()
    expect(page.get_by_text("Two-factor off")).to_be_visible()

    page.get_by_role("link", name="Turn on two-factor").click()
    # allauth asks for the password again before a security change.
    page.get_by_role("heading", name="Confirm Access").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    page.get_by_role("heading", name="Recovery Codes").wait_for()
    codes = page.locator("textarea, pre, code").first.text_content() or page.content()
    assert re.search(r"\b[0-9a-f]{8}\b", codes)

    page.goto("/")
    expect(page.get_by_text("Two-factor on")).to_be_visible()
    assert page.console_errors == []

    # The next sign-in asks for the code.
    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp(secret))
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Welcome").wait_for()
