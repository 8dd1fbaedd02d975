"""The webhook events, with Tokopedia's field names for their URLs.

To add an event: add it to `Event`, give it its URL field in `URL_FIELDS`
(Tokopedia's name) and a sample payload in `SAMPLES` (the shape Tokopedia
documents, used by "Send test event"), then fire it from the service whose
change it reports with `webhooks.services.webhook_event_fire`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    ORDER_NOTIFICATION = "order_notification", _("Order notification")
    ORDER_CANCELLATION = "order_cancellation", _("Order cancellation")
    ORDER_STATUS = "order_status", _("Order status")
    ORDER_REQUEST_CANCELLATION = "order_request_cancellation", _("Order request cancellation")
    CHAT_NOTIFICATION = "chat_notification", _("Chat notification")
    PRODUCT_CREATION = "product_creation", _("Product creation")
    PRODUCT_CHANGES = "product_changes", _("Product changes")
    CAMPAIGN_NOTIFICATION = "campaign_notification", _("Campaign notification")
    ORDER_PARTIAL_FULFILLMENT = "order_partial_fulfillment", _("Order partial fulfillment")


# The body field of POST /v1/fs/{fs_id}/register and GET /v1/fs/{fs_id} for each event.
URL_FIELDS: dict[str, str] = {event.value: f"{event.value}_url" for event in Event}

# The events Tokopedia lets a partner trigger and fetch the payload of, per order.
ORDER_EVENTS = (Event.ORDER_NOTIFICATION.value, Event.ORDER_STATUS.value)


def _product(sku: str) -> dict[str, Any]:
    return {
        "id": 1122747271,
        "Name": "BAJU PALING OKE1A",
        "notes": "",
        "currency": "Rp.",
        "weight": 0.01,
        "total_weight": 0.01,
        "price": 3000,
        "total_price": 3000,
        "quantity": 1,
        "sku": sku,
    }


# Tokopedia's documented examples, with the app's fs_id: what "Send test event" posts.
SAMPLES: dict[str, dict[str, Any]] = {
    Event.ORDER_NOTIFICATION: {
        "order_id": 582220328,
        "invoice_ref_num": "INV/20200908/XX/IX/623780220",
        "products": [_product("BJUOKE")],
        "customer": {"id": 99098231, "Name": "", "phone": "", "email": ""},
        "recipient": {
            "Name": "Budi Santoso",
            "phone": "628119916444",
            "address": {
                "address_full": "Jl. Genteng Kali 1, Surabaya",
                "district": "Genteng",
                "city": "Kota Surabaya",
                "province": "Jawa Timur",
                "country": "Indonesia",
                "postal_code": "60271",
            },
        },
        "shop_id": 8212734,
        "warehouse_id": 8402620,
        "order_status": 220,
    },
    Event.ORDER_STATUS: {
        "order_status": 400,
        "order_id": 582220328,
        "shop_id": 8212734,
        "warehouse_id": 8402620,
        "product_details": [_product("LKS1290C")],
    },
    Event.ORDER_CANCELLATION: {"order_id": 582220328, "shop_id": 8212734, "order_status": 0, "reason": "Out of stock"},
    Event.ORDER_REQUEST_CANCELLATION: {
        "order_id": 582220328,
        "shop_id": 8212734,
        "reason_code": 1,
        "reason": "Buyer changed their mind",
    },
    Event.CHAT_NOTIFICATION: {"msg_id": 3110000001, "shop_id": 8212734, "message": "Is this still available?"},
    Event.PRODUCT_CREATION: {"upload_id": 1001, "shop_id": 8212734, "success_rows": 1, "failed_rows": 0},
    Event.PRODUCT_CHANGES: {"product_id": 1122747271, "shop_id": 8212734, "price": 3000, "stock": 12},
    Event.CAMPAIGN_NOTIFICATION: {"campaign_id": 10, "shop_id": 8212734, "status": "ongoing"},
    Event.ORDER_PARTIAL_FULFILLMENT: {"order_id": 582220328, "shop_id": 8212734, "product_details": [_product("P1")]},
}


def sample_payload(event: str, fs_id: int) -> dict[str, Any]:
    return {"fs_id": fs_id, **SAMPLES[event]}
