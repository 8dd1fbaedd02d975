"""Alice manages her apps in Chromium: the five-app limit, deleting, a secret
regenerated with a grace window, and importing a legacy app."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import PASSWORD
from apps_mgmt.models import App
from apps_mgmt.services import legacy_app_save
from partners.models import Partner
from partners.tests.factories import PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _create(page, name: str) -> None:
    page.goto("/apps/create/")
    page.get_by_label("App Name").fill(name)
    page.get_by_label("App Description").fill(f"{name} for the warehouse")
    page.get_by_role("button", name="Create App").click()


def test_alice_creates_deletes_regenerates_and_imports_apps(page) -> None:
    alice = PartnerFactory(status=Partner.Status.ACTIVE, super_admin__email="alice@acme.co.id")
    legacy, _ = legacy_app_save(
        fs_id=13_900_001,
        client_id="legacy-browser",
        name="Legacy Sync",
        shop_ids=[],
        client_secret="legacy-browser-secret",
        actor=None,
    )
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("alice@acme.co.id")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Apps", exact=True).click()
    page.get_by_text("No apps yet").wait_for()

    secrets = {}
    for n in range(1, 6):
        _create(page, f"App {n}")
        page.get_by_text(f"App {n} is ready: copy its Client Secret now").wait_for()
        secrets[n] = page.get_by_role("textbox", name="Client Secret").input_value()
    assert App.objects.get(partner=alice, name="App 5").check_secret(secrets[5])

    _create(page, "App 6")
    page.get_by_text("An account may have at most 5 live apps").wait_for()
    assert page.get_by_label("App Name").input_value() == "App 6"

    page.goto("/apps/")
    page.get_by_role("link", name="Delete App App 1").click()
    page.get_by_role("button", name="Delete App").click()
    page.get_by_text("App 1 was deleted").wait_for()
    _create(page, "App 6")
    page.get_by_text("App 6 is ready").wait_for()

    # Regenerate App 2's secret with a one-hour grace window.
    app2 = App.objects.get(partner=alice, name="App 2")
    page.goto(f"/apps/{app2.fs_id}/auth/")
    expect(page.get_by_text(app2.masked_secret)).to_be_visible()
    page.get_by_label("1 hour").check()
    page.get_by_role("button", name="Regenerate Client Secret").click()
    page.get_by_text("New Client Secret: copy it now").wait_for()
    new_secret = page.get_by_role("textbox", name="Client Secret").input_value()
    app2.refresh_from_db()
    assert app2.check_secret(new_secret) and app2.check_secret(secrets[2])
    later = timezone.now() + timedelta(hours=1, minutes=1)
    assert app2.check_secret(new_secret, now=later) and not app2.check_secret(secrets[2], now=later)

    # Import needs a free slot.
    page.goto("/apps/")
    page.get_by_role("link", name="Delete App App 3").click()
    page.get_by_role("button", name="Delete App").click()
    page.goto("/apps/import/")
    page.get_by_label("App ID").fill(str(legacy.fs_id))
    page.get_by_label("Client ID").fill("legacy-browser")
    page.get_by_role("textbox", name="Client Secret").fill("wrong-secret")
    page.get_by_role("button", name="Import App").click()
    page.get_by_text("We couldn't import an app with those details").wait_for()
    page.get_by_role("textbox", name="Client Secret").fill("legacy-browser-secret")
    page.get_by_role("button", name="Import App").click()
    page.get_by_text("Imported Legacy Sync with 0 shops").wait_for()
    assert App.objects.get(fs_id=legacy.fs_id).partner == alice
    page.goto("/apps/")
    assert page.locator(".app-card").count() == 5
    # A refused form is answered 400 on purpose, which Chromium logs; anything else is a real error.
    assert [error for error in page.console_errors if "status of 400" not in error] == []
