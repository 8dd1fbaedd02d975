"""Rows as the Open API's JSON, in Tokopedia's field names (see serializers.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from shops.models import Shop

from .models import SandboxOrder, SandboxProduct

_SHOP_STATUS: dict[str, int] = {
    Shop.Status.OPEN: 1,
    Shop.Status.CLOSED: 2,
    Shop.Status.MODERATED: 3,
    Shop.Status.INACTIVE: 0,
}


def shop_info(shop: Shop) -> dict[str, Any]:
    return {
        "shop_id": shop.shop_id,
        "user_id": shop.owner_id,
        "shop_name": shop.name,
        "logo": "",
        "shop_url": f"{settings.OPENAPI_MARKETPLACE_URL}/{shop.domain}",
        "is_open": 1 if shop.status == Shop.Status.OPEN else 0,
        "status": _SHOP_STATUS.get(shop.status, 0),
        "date_shop_created": shop.created_at.date().isoformat(),
        "domain": shop.domain,
    }


def product(row: SandboxProduct) -> dict[str, Any]:
    return {
        "basic": {
            "productID": row.product_id,
            "shopID": row.shop.shop_id,
            "status": row.status,
            "name": row.name,
            "condition": row.condition,
            "childCategoryID": row.category_id,
            "createTimeUnix": int(row.created_at.timestamp()),
        },
        "price": {"value": row.price, "currency": 1, "idr": row.price},
        "weight": {"value": row.weight, "unit": 1},
        "stock": {"useStock": True, "value": row.stock},
        "other": {"sku": row.sku, "url": f"{settings.OPENAPI_MARKETPLACE_URL}/{row.shop.domain}/p/{row.product_id}"},
    }


def order(row: SandboxOrder) -> dict[str, Any]:
    shop = row.shop
    items = [
        {
            "product_id": line["product_id"],
            "product_name": line["name"],
            "sku": line["sku"],
            "quantity": line["quantity"],
            "product_price": line["price"],
            "weight": line["weight"],
        }
        for line in row.items
    ]
    return {
        "order_id": row.order_id,
        "invoice_number": row.invoice_number,
        "order_status": row.status,
        "buyer_id": row.buyer.get("id", 0),
        "seller_id": shop.owner_id,
        "shop_id": shop.shop_id,
        "item_price": sum(item["product_price"] * item["quantity"] for item in items),
        "shipping_price": row.shipping_price,
        "open_amt": row.total_price,
        "logistic_service": row.courier,
        "create_time": int(row.created_at.timestamp()),
        "update_time": int(row.updated_at.timestamp()),
        "buyer_info": {
            "buyer_id": row.buyer.get("id", 0),
            "buyer_fullname": row.buyer.get("name", ""),
            "buyer_email": row.buyer.get("email", ""),
            "buyer_phone": row.buyer.get("phone", ""),
        },
        "shop_info": {
            "shop_id": shop.shop_id,
            "shop_name": shop.name,
            "shop_domain": shop.domain,
            "shop_owner_id": shop.owner_id,
        },
        "products": items,
        "destination": {key: str(value) for key, value in row.destination.items()},
    }
