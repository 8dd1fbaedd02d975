"""Alice sets a URL at a local receiver in Chromium, sends a test event and reads it in the delivery log.

The receiver verifies every delivery as a partner's would: the hex
Authorization-Hmac, and the standardwebhooks library, unmodified.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest
from standardwebhooks import Webhook

from accounts.tests.factories import PASSWORD
from console.tests.screenshots import shoot
from openapi.tests.helpers import partner_with_app

from .receiver import receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_sends_a_test_event_to_her_receiver_and_sees_it_delivered(page: Any, settings: Any) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    setup = partner_with_app("Alice's app")
    fs_id = setup.app.fs_id
    with receiver() as hook:
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(setup.app.partner.super_admin.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.goto(f"/apps/{fs_id}/auth/")
        page.get_by_role("link", name="Webhook Settings").click()
        page.get_by_label("Order status URL").fill(hook.url)
        page.get_by_label("Order notification URL").fill(hook.url + "/orders")
        page.get_by_role("button", name="Save URLs").click()
        page.get_by_text("Webhook URLs saved").wait_for()

        page.get_by_role("button", name="Show secret").click()
        secret = page.get_by_role("textbox", name="Webhook secret").input_value()
        whsec = page.get_by_role("textbox", name="Standard Webhooks key").input_value()
        shoot(page, "webhook-settings")

        page.get_by_label("Event", exact=True).select_option("order_status")
        page.get_by_role("button", name="Send test event").click()
        page.get_by_role("heading", name="Attempts").wait_for()
        page.get_by_text("Delivered").first.wait_for()
        assert page.get_by_role("cell", name="200").count() == 1
        shoot(page, "webhook-delivery")

        page.get_by_role("link", name="Delivery log").click()
        page.get_by_role("cell", name="Order status").wait_for()
        shoot(page, "webhook-log")

        [got] = hook.wait_for(1)
        assert got.headers["authorization-hmac"] == hmac.new(secret.encode(), got.body, hashlib.sha256).hexdigest()
        Webhook(whsec).verify(got.body, got.headers)
        assert page.console_errors == []
