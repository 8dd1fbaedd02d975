"""The issue's journey in Chromium: Alice creates a test seller and buyer,
places three orders, drives one to finished, has one cancelled on the
buyer's request and rejects one. Her receiver on loopback gets every webhook
and verifies each with standardwebhooks (and the hex Authorization-Hmac); the
Open API lists the orders by status with Tokopedia's fields."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from django.test import Client
from standardwebhooks import Webhook

from accounts.tests.factories import PASSWORD
from console.tests.screenshots import shoot
from openapi.tests.helpers import partner_with_app
from sandbox.models import SandboxOrder, SandboxProduct
from webhooks.tests.receiver import receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORDER_EVENTS = ("Order notification", "Order status", "Order cancellation", "Order request cancellation")


def _step(page: Any, button: str, status: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.locator("#order-status").get_by_text(status).wait_for()


def test_alice_drives_three_test_orders_and_her_receiver_verifies_every_webhook(page: Any, settings: Any) -> None:
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
        for label in ORDER_EVENTS:
            page.get_by_label(f"{label} URL", exact=True).fill(f"{hook.url}/{label.lower().replace(' ', '_')}")
        page.get_by_role("button", name="Save URLs").click()
        page.get_by_role("button", name="Show secret").click()
        secret = page.get_by_role("textbox", name="Webhook secret").input_value()
        whsec = page.get_by_role("textbox", name="Standard Webhooks key").input_value()

        page.get_by_role("link", name="Testing Account").click()
        page.get_by_role("button", name="Create test seller").click()
        page.get_by_text("are ready, linked to").wait_for()
        page.get_by_role("button", name="Create test buyer").click()
        page.get_by_text("is ready to place orders").wait_for()

        product = SandboxProduct.objects.filter(shop__is_test=True, parent__isnull=False).order_by("product_id")[0]
        page.get_by_label("Product 1", exact=True).select_option(str(product.product_id))
        page.get_by_label("Quantity 1", exact=True).fill("2")
        page.get_by_label("Number of orders").fill("3")
        shoot(page, "testing-account", widths=(1280, 320))
        page.get_by_role("button", name="Place orders").click()
        page.get_by_text("3 orders are placed and paid (220)").wait_for()
        finished, cancelled, rejected = SandboxOrder.objects.filter(shop__is_test=True).order_by("order_id")

        page.get_by_role("link", name=finished.invoice_number).click()
        _step(page, "Accept order", "400")
        _step(page, "Request pickup", "450")
        page.get_by_label("Shipping reference number (AWB)").fill("RESI-ALICE-001")
        _step(page, "Confirm shipping", "500")
        _step(page, "Deliver", "600")
        _step(page, "Finish (buyer confirms receipt)", "700")
        assert page.get_by_role("button", name="Accept order").count() == 0  # a closed order has no next step
        page.get_by_role("cell", name="700 Order finished").wait_for()
        shoot(page, "testing-order-finished", widths=(1280, 320))

        page.goto(f"/apps/{fs_id}/testing/orders/{cancelled.order_id}/")
        _step(page, "Accept order", "400")
        page.get_by_label("The buyer's reason").select_option(label="Found a better price elsewhere")
        _step(page, "Request cancellation as the buyer", "Cancellation requested")
        page.get_by_text("The buyer asks to cancel").wait_for()
        shoot(page, "testing-order-cancel-request", widths=(1280, 320))
        _step(page, "Grant the cancellation", "15")

        page.goto(f"/apps/{fs_id}/testing/orders/{rejected.order_id}/")
        page.get_by_label("Reason", exact=True).select_option(label="Product(s) out of stock")
        _step(page, "Reject order", "10")
        shoot(page, "testing-order-rejected", widths=(1280, 320))

        # 3 notifications; 5 statuses; 400, the request, 15 and its cancellation; 10 and its cancellation.
        got = hook.wait_for(14)
        assert len(got) == 14
        for delivery in got:
            Webhook(whsec).verify(delivery.body, delivery.headers)
            expected = hmac.new(secret.encode(), delivery.body, hashlib.sha256).hexdigest()
            assert delivery.headers["authorization-hmac"] == expected
        by_path: dict[str, list[dict[str, Any]]] = {}
        for delivery in got:
            by_path.setdefault(delivery.path.rsplit("/", 1)[-1], []).append(json.loads(delivery.body))
        assert sorted(body["order_id"] for body in by_path["order_notification"]) == [
            finished.order_id,
            cancelled.order_id,
            rejected.order_id,
        ]
        assert [body["order_status"] for body in by_path["order_status"] if body["order_id"] == finished.order_id] == [
            400,
            450,
            500,
            600,
            700,
        ]
        assert [body["order_id"] for body in by_path["order_request_cancellation"]] == [cancelled.order_id]
        assert sorted(body["order_id"] for body in by_path["order_cancellation"]) == [
            cancelled.order_id,
            rejected.order_id,
        ]

        # Each step's webhooks are on the order's timeline, delivered.
        page.goto(f"/apps/{fs_id}/testing/orders/{finished.order_id}/")
        assert page.locator(".timeline-webhook").count() == 6
        assert page.locator(".timeline-webhook").get_by_text("Delivered").count() == 6
        assert page.console_errors == []

    token = Client().post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=setup.basic).json()["access_token"]
    created = int(finished.created_at.timestamp())
    for status, order in ((700, finished), (15, cancelled), (10, rejected)):
        listed = Client().get(
            f"/v2/order/list?fs_id={fs_id}&from_date={created - 60}&to_date={created + 60}&page=1&per_page=10"
            f"&status={status}",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        [row] = listed.json()["data"]
        assert row["order_id"] == order.order_id and row["order_status"] == status
        assert {"fs_id", "invoice_ref_num", "products", "recipient", "amt", "shop_id", "create_time"} <= set(row)
