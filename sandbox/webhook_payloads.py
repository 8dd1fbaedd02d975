"""Sandbox orders and products as the bodies of Tokopedia's webhooks.

`order_status` and `order_notification` are the two types Tokopedia lets a
partner trigger and fetch per order (POST /v1/fs/{fs_id}/trigger, GET
/v1/order/{order_id}/fs/{fs_id}/webhook); their fields follow Tokopedia's
documented examples. Weights are in kilograms there, grams in the sandbox.
"""

from __future__ import annotations

from typing import Any

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


BUILDERS = {"order_status": order_status, "order_notification": order_notification}
