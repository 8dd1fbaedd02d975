"""Other events from the test shop, each in Tokopedia's payload: a chat message
from the test buyer, a product created or changed, a campaign started."""

from __future__ import annotations

import json

import pytest

from sandbox.models import SandboxProduct
from webhooks.models import Delivery

from .conftest import Alice, register_every_event

pytestmark = pytest.mark.django_db


def _body(alice: Alice, event: str) -> dict:
    delivery = Delivery.objects.filter(app=alice.app, event=event).latest("created_at")
    return json.loads(delivery.message.payload["body"])


@pytest.fixture
def wired(alice: Alice, settings) -> Alice:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    return alice


def _fire(alice: Alice, event: str, **fields: object) -> str:
    response = alice.client.post(alice.url("events/"), {"event": event, **fields}, follow=True)
    return response.content.decode()


def test_a_chat_message_from_the_test_buyer(wired: Alice) -> None:
    page = _fire(wired, "chat_notification", **{"chat-shop": wired.seller.number, "chat-message": "Masih ada?"})
    assert "chat notification is on its way" in page
    body = _body(wired, "chat_notification")
    assert set(body) == {"msg_id", "buyer_id", "message", "thumbnail", "full_name", "shop_id"}
    assert (body["message"], body["buyer_id"], body["shop_id"]) == (
        "Masih ada?",
        wired.buyer.buyer_id,
        wired.seller.shop.shop_id,
    )


def test_a_product_created(wired: Alice) -> None:
    before = SandboxProduct.objects.filter(shop=wired.seller.shop).count()
    assert "product creation notification" in _fire(wired, "product_creation", **{"create-shop": wired.seller.number})
    body = _body(wired, "product_creation")
    assert (
        body["status"] == "DONE" and body["fs_id"] == wired.app.fs_id and body["shop_id"] == wired.seller.shop.shop_id
    )
    [row] = body["success_rows_data"]
    assert SandboxProduct.objects.filter(shop=wired.seller.shop, product_id=row["product_id"]).exists()
    assert SandboxProduct.objects.filter(shop=wired.seller.shop).count() == before + 1


def test_a_product_changed(wired: Alice) -> None:
    product = wired.product()
    page = _fire(wired, "product_changes", **{"change-product": product.product_id, "change-price": 123400})
    assert "product changes notification" in page
    body = _body(wired, "product_changes")
    assert body["products"] == [
        {"product_id": product.product_id, "sku": product.sku, "price": 123400, "stock": product.stock}
    ]


def test_a_campaign_started(wired: Alice) -> None:
    product = wired.product()
    _fire(wired, "campaign_notification", **{"campaign-product": product.product_id, "campaign-discount": 20})
    body = _body(wired, "campaign_notification")
    assert body["action"] == "slash_price_active" and body["product_id"] == product.product_id
    assert body["discounted_price"] == product.price * 80 // 100 and body["discount_percentage"] == 20
    assert {"start_date", "end_date", "original_price", "fs_id", "shop_id"} <= set(body)


def test_a_refused_event_form_says_what_to_fix(wired: Alice) -> None:
    response = wired.client.post(
        wired.url("events/"), {"event": "product_changes", "change-product": wired.product().product_id}
    )
    assert (
        response.status_code == 400
        and "Give the product a new price, a new stock, or both." in response.content.decode()
    )
