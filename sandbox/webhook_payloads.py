"""Sandbox orders and products as the bodies of Tokopedia's webhooks.

`order_status` and `order_notification` are the two types Tokopedia lets a
partner trigger and fetch per order (POST /v1/fs/{fs_id}/trigger, GET
/v1/order/{order_id}/fs/{fs_id}/webhook); their fields follow Tokopedia's
documented examples. Weights are in kilograms there, grams in the sandbox.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from apps_mgmt.models import App

from .models import SandboxOrder, SandboxProduct


def _products(order: SandboxOrder) -> list[dict[str, Any]]:
    return [
        {
            "id": line["product_id"],
            "Name": line["name"],
            "notes": "",
            "currency": "Rp.",
            "weight": line["weight"] / 1000,
            "total_weight": line["weight"] * line["quantity"] / 1000,
            "price": line["price"],
            "total_price": line["price"] * line["quantity"],
            "quantity": line["quantity"],
            "sku": line["sku"],
        }
        for line in order.items
    ]


def order_status(app: App, order: SandboxOrder) -> dict[str, Any]:
    return {
        "fs_id": app.fs_id,
        "order_status": order.status,
        "order_id": order.order_id,
        "shop_id": order.shop.shop_id,
        "warehouse_id": order.warehouse_id,
        "product_details": _products(order),
    }


def order_notification(app: App, order: SandboxOrder) -> dict[str, Any]:
    destination, buyer = order.destination, order.buyer
    products = _products(order)
    product_total = sum(line["total_price"] for line in products)
    return {
        "fs_id": app.fs_id,
        "order_id": order.order_id,
        "invoice_ref_num": order.invoice_number,
        "products": products,
        "customer": {
            "id": buyer.get("id", 0),
            "Name": buyer.get("name", ""),
            "phone": buyer.get("phone", ""),
            "email": buyer.get("email", ""),
        },
        "recipient": {
            "Name": destination.get("receiver_name", ""),
            "phone": destination.get("receiver_phone", ""),
            "address": {
                "address_full": destination.get("address_street", ""),
                "district": "",
                "city": destination.get("address_city", ""),
                "province": destination.get("address_province", ""),
                "country": "Indonesia",
                "postal_code": destination.get("address_postal", ""),
            },
        },
        "shop_id": order.shop.shop_id,
        "shop_name": order.shop.name,
        "warehouse_id": order.warehouse_id,
        "payment_date": order.created_at.strftime("%Y-%m-%d %H:%M:%S"),
        "logistics": {"shipping_agency": order.courier, "service_type": ""},
        "amt": {
            "ttl_product_price": product_total,
            "shipping_cost": order.shipping_price,
            "insurance_cost": 0,
            "ttl_amount": order.total_price,
            "voucher_amount": 0,
            "toppoints_amount": 0,
        },
        "dropshipper_info": {"name": "", "phone": ""},
        "create_time": int(order.created_at.timestamp()),
        "order_status": order.status,
    }


def order_cancellation(app: App, order: SandboxOrder) -> dict[str, Any]:
    """Tokopedia's order cancellation body: the order status webhook's, with the seller's reason."""
    return {
        **order_status(app, order),
        "reason_code": order.reject_reason_code or 0,
        "reason": order.reject_reason,
    }


def order_request_cancellation(app: App, order: SandboxOrder) -> dict[str, Any]:
    """The buyer's request to cancel, which the partner must answer."""
    request = order.cancel_request
    return {
        "fs_id": app.fs_id,
        "order_id": order.order_id,
        "shop_id": order.shop.shop_id,
        "invoice_ref_num": order.invoice_number,
        "order_status": order.status,
        "reason_code": request.get("reason_code", 0),
        "reason": request.get("reason", ""),
    }


def product_changes(app: App, products: list[SandboxProduct]) -> dict[str, Any]:
    """The products whose stock or price changed, as product info reports them."""
    return {
        "fs_id": app.fs_id,
        "shop_id": products[0].shop.shop_id if products else 0,
        "products": [
            {"product_id": product.product_id, "sku": product.sku, "price": product.price, "stock": product.stock}
            for product in products
        ],
    }


def product_creation(app: App, product: SandboxProduct, *, upload_id: int) -> dict[str, Any]:
    """Create Product V2's upload, finished: Tokopedia's product creation notification."""
    return {
        "upload_id": upload_id,
        "shop_id": product.shop.shop_id,
        "user_id": product.shop.owner_id,
        "fs_id": app.fs_id,
        "status": "DONE",
        "total_data": 1,
        "success_rows_data": [{"product_id": product.product_id}],
    }


def chat_notification(*, msg_id: int, shop_id: int, buyer: dict[str, Any], message: str) -> dict[str, Any]:
    """A buyer's chat reply, as Tokopedia's chat notification schema lists it (no fs_id there)."""
    return {
        "msg_id": msg_id,
        "buyer_id": buyer.get("id", 0),
        "message": message,
        "thumbnail": f"{settings.OPENAPI_MARKETPLACE_URL}/img/user/{buyer.get('id', 0)}.jpg",
        "full_name": str(buyer.get("name", "")).split(" ")[0],
        "shop_id": shop_id,
    }


def campaign_notification(
    app: App, product: SandboxProduct, *, discount_percentage: int, start: datetime, end: datetime
) -> dict[str, Any]:
    """A slash price campaign that has started on a product (Tokopedia's `slash_price_active`)."""
    discounted = product.price * (100 - discount_percentage) // 100
    return {
        "action": "slash_price_active",
        "fs_id": app.fs_id,
        "product_id": product.product_id,
        "shop_id": product.shop.shop_id,
        "original_price": product.price,
        "discounted_price": discounted,
        "discount_percentage": discount_percentage,
        "start_date": timezone.localtime(start).strftime("%Y-%m-%d %H:%M:%S"),
        "end_date": timezone.localtime(end).strftime("%Y-%m-%d %H:%M:%S"),
    }


BUILDERS = {"order_status": order_status, "order_notification": order_notification}
