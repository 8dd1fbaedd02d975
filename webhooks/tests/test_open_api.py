"""Tokopedia's webhook endpoints: register, list, trigger, payload; and ack firing order_status."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from django.test import Client
from standardwebhooks import Webhook

from openapi.tests.helpers import Setup
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder
from webhooks import signing
from webhooks.events import URL_FIELDS
from webhooks.models import Delivery, Endpoint

from .receiver import Receiver

SECRET = "alice-webhook-secret-0123456789"
pytestmark = pytest.mark.django_db


def register(client: Client, app: Setup, body: dict[str, Any]) -> Any:
    return client.post(f"/v1/fs/{app.app.fs_id}/register", body, content_type="application/json", **app.bearer())


def an_order(app: Setup, status: int = SandboxOrder.Status.PAYMENT_VERIFIED) -> SandboxOrder:
    sandbox_shops_generate(shops=[app.shop])
    return SandboxOrder.objects.filter(shop=app.shop, status=status).first()


def test_register_sets_every_url_and_an_omitted_one_becomes_empty(client: Client, alice: Setup, hook: Receiver) -> None:
    register(client, alice, {field: hook.url for field in URL_FIELDS.values()} | {"webhook_secret": SECRET})
    response = register(client, alice, {"order_status_url": hook.url, "webhook_secret": SECRET})
    assert response.status_code == 200
    assert response.json()["data"] == "success"
    listed = client.get(f"/v1/fs/{alice.app.fs_id}", **alice.bearer()).json()["data"]
    assert listed["fs_id"] == alice.app.fs_id
    assert listed["order_status_url"] == hook.url
    assert listed["order_notification_url"] == ""
    assert listed["order_partial_fulfillment_url"] == ""
    assert listed["webhook_secret"] == SECRET


def test_the_secret_is_never_stored_in_clear(client: Client, alice: Setup, hook: Receiver) -> None:
    register(client, alice, {"order_status_url": hook.url, "webhook_secret": SECRET})
    stored = alice.app.webhook_secret
    assert SECRET not in stored.encrypted
    assert stored.hint == SECRET[-4:]


def test_register_refuses_a_private_url_naming_the_field_and_saves_nothing(
    client: Client, alice: Setup, settings: Any
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    response = register(client, alice, {"order_status_url": "http://169.254.169.254/", "webhook_secret": SECRET})
    assert response.status_code == 400
    reason = response.json()["header"]["reason"]
    assert "order_status_url" in reason and "link-local" in reason
    assert not Endpoint.objects.filter(app=alice.app).exists()


def test_trigger_sends_the_orders_webhook_signed_both_ways(
    client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    register(client, alice, {"order_status_url": hook.url, "webhook_secret": SECRET})
    order = an_order(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/v1/fs/{alice.app.fs_id}/trigger",
            {"order_id": order.order_id, "Type": "order_status"},
            content_type="application/json",
            **alice.bearer(),
        )
    assert response.status_code == 200, response.content
    [got] = hook.wait_for(1)
    assert got.headers["authorization-hmac"] == hmac.new(SECRET.encode(), got.body, hashlib.sha256).hexdigest()
    Webhook(signing.whsec(SECRET)).verify(got.body, got.headers)
    body = json.loads(got.body)
    assert (body["fs_id"], body["order_id"], body["order_status"]) == (alice.app.fs_id, order.order_id, 220)


def test_trigger_to_a_custom_url_goes_there(
    client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    register(client, alice, {"webhook_secret": SECRET})
    order = an_order(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/v1/fs/{alice.app.fs_id}/trigger",
            {"order_id": order.order_id, "type": "order_notification", "url": hook.url + "/custom"},
            content_type="application/json",
            **alice.bearer(),
        )
    assert response.status_code == 200
    [got] = hook.wait_for(1)
    assert got.path == "/hook/custom"
    assert json.loads(got.body)["invoice_ref_num"] == order.invoice_number


def test_trigger_without_a_registered_url_says_what_to_do(client: Client, alice: Setup, hook: Receiver) -> None:
    register(client, alice, {"webhook_secret": SECRET})
    order = an_order(alice)
    response = client.post(
        f"/v1/fs/{alice.app.fs_id}/trigger",
        {"order_id": order.order_id, "type": "order_status"},
        content_type="application/json",
        **alice.bearer(),
    )
    assert response.status_code == 400
    assert "order_status_url" in response.json()["header"]["reason"]


def test_another_partners_order_is_forbidden_for_trigger_and_payload(
    client: Client, alice: Setup, charlie: Setup, hook: Receiver
) -> None:
    register(client, alice, {"order_status_url": hook.url, "webhook_secret": SECRET})
    charlies_order = an_order(charlie)
    trigger = client.post(
        f"/v1/fs/{alice.app.fs_id}/trigger",
        {"order_id": charlies_order.order_id, "type": "order_status"},
        content_type="application/json",
        **alice.bearer(),
    )
    payload = client.get(
        f"/v1/order/{charlies_order.order_id}/fs/{alice.app.fs_id}/webhook?type=order_status", **alice.bearer()
    )
    assert [trigger.status_code, payload.status_code] == [403, 403]
    assert payload.json()["header"]["error_code"] == "RBAC_MDLW_001"
    assert hook.received == []


def test_the_payload_endpoint_returns_the_webhooks_body(client: Client, alice: Setup) -> None:
    order = an_order(alice)
    response = client.get(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/webhook?type=order_status", **alice.bearer()
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert set(data) == {"fs_id", "order_status", "order_id", "shop_id", "warehouse_id", "product_details"}
    assert data["product_details"][0]["currency"] == "Rp."
    bad = client.get(f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/webhook?type=chat", **alice.bearer())
    assert bad.status_code == 400
    assert "type" in bad.json()["header"]["reason"]


def test_an_ack_fires_the_order_status_webhook(
    client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    register(client, alice, {"order_status_url": hook.url, "webhook_secret": SECRET})
    order = an_order(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/ack", **alice.bearer())
    assert response.status_code == 200
    [got] = hook.wait_for(1)
    assert json.loads(got.body)["order_status"] == SandboxOrder.Status.SELLER_ACCEPTED
    delivery = Delivery.objects.get(app=alice.app)
    assert delivery.webhook_id == got.headers["webhook-id"]
    assert delivery.message.status == "sent"
