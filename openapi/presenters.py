"""Rows as the Open API's JSON, field for field and type for type as
Tokopedia's documentation shows them (see schemas.py and docs/openapi.md's
compatibility table). Orders read fields older rows may lack with .get()."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings

from sandbox.data import shop_place, shop_warehouse
from sandbox.models import SandboxOrder, SandboxProduct
from sandbox.selectors import product_url
from shops.models import Shop

_SHOP_STATUS: dict[str, int] = {
    Shop.Status.OPEN: 1,
    Shop.Status.CLOSED: 2,
    Shop.Status.MODERATED: 3,
    Shop.Status.INACTIVE: 0,
}
_CLOSED_REASON: dict[str, str] = {
    Shop.Status.CLOSED: "Shop closed by the seller",
    Shop.Status.MODERATED: "Shop under moderation",
}


def _unix(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment else 0


def rfc3339(moment: datetime | None) -> str:
    return moment.isoformat().replace("+00:00", "Z") if moment else ""


# --- Shop --------------------------------------------------------------------


def shop_info(shop: Shop) -> dict[str, Any]:
    warehouse = shop_warehouse(shop)
    return {
        "shop_id": shop.shop_id,
        "user_id": shop.owner_id,
        "shop_name": shop.name,
        "logo": f"{settings.OPENAPI_MARKETPLACE_URL}/img/shop/{shop.shop_id}/logo.png",
        "shop_url": f"{settings.OPENAPI_MARKETPLACE_URL}/{shop.domain}",
        "is_open": 1 if shop.status == Shop.Status.OPEN else 0,
        "status": _SHOP_STATUS.get(shop.status, 0),
        "date_shop_created": shop.created_at.date().isoformat(),
        "domain": shop.domain,
        "admin_id": [shop.owner_id],
        "reason": _CLOSED_REASON.get(shop.status, ""),
        "district_id": warehouse["district_id"],
        "province_name": warehouse["province_name"],
        "warehouses": [
            {
                "warehouse_id": warehouse["warehouse_id"],
                "partner_id": {"Int64": 0, "Valid": False},
                "shop_id": {"Int64": shop.shop_id, "Valid": True},
                **{key: warehouse[key] for key in WAREHOUSE_KEYS},
                "phone": warehouse["phone"],
            }
        ],
        "subscribe_tokocabang": False,
        "is_mitra": False,
    }


# The warehouse fields shop-info and a single order's meta_data share (schema_fields.warehouse_fields).
WAREHOUSE_KEYS = (
    "warehouse_name",
    "district_id",
    "district_name",
    "city_id",
    "city_name",
    "province_id",
    "province_name",
    "status",
    "postal_code",
    "is_default",
    "latlon",
    "latitude",
    "longitude",
    "email",
    "address_detail",
)


# --- Product -----------------------------------------------------------------


def _price(value: int, updated: datetime | None = None) -> dict[str, Any]:
    return {"value": value, "currency": 1, "LastUpdateUnix": _unix(updated), "idr": value}


def product(row: SandboxProduct) -> dict[str, Any]:
    children = [child.product_id for child in row.variants.all()]
    total = row.stock + row.reserve_stock
    warehouse_id = row.shop.shop_id * 10 + 1
    return {
        "basic": {
            "productID": row.product_id,
            "shopID": row.shop.shop_id,
            "status": row.status,
            "Name": row.name,
            "condition": row.condition,
            "childCategoryID": row.category_id,
            "shortDesc": row.short_desc,
        },
        "price": _price(row.price, row.price_updated_at),
        "weight": {"value": row.weight, "unit": 1},
        "stock": {"value": total, "stockWording": _stock_wording(total)},
        "main_stock": row.stock,
        "reserve_stock": row.reserve_stock,
        "variant": {
            "isParent": bool(children),
            "isVariant": bool(children) or row.parent_id is not None,
            "childrenID": children,
        },
        "menu": {"id": row.menu_id, "Name": row.menu_name},
        "preorder": {},
        "extraAttribute": {
            "minOrder": row.min_order,
            "lastUpdateCategory": _unix(row.created_at),
            "isEligibleCOD": row.price <= 5_000_000,
        },
        "wholesale": [
            {"minQuantity": tier["minQuantity"], "maxQuantity": tier["maxQuantity"], "price": _price(tier["price"])}
            for tier in row.wholesale
        ],
        "categoryTree": row.category_tree,
        "pictures": row.pictures,
        "GMStats": {"transactionSuccess": row.sold_count, "transactionReject": 0, "countSold": row.sold_count},
        "stats": {"countView": row.view_count},
        "other": {
            "sku": row.sku,
            "url": product_url(row),
            "mobileURL": product_url(row).replace("://", "://m.", 1),
        },
        "campaign": {"StartDate": "", "EndDate": ""},
        "volume": {"length": row.length, "width": row.width, "height": row.height},
        "warehouses": [
            {
                "productID": row.product_id,
                "warehouseID": warehouse_id,
                "price": _price(row.price, row.price_updated_at),
                "stock": {"useStock": True, "value": row.stock},
            }
        ],
    }


def _stock_wording(total: int) -> str:
    if total == 0:
        return "<b>Stok habis</b>"
    return "<b>Stok hampir habis!</b> Tersisa &lt;20" if total < 20 else ""


# --- Orders: the list --------------------------------------------------------


def _recipient_address(row: SandboxOrder) -> dict[str, Any]:
    place = shop_place(row.shop)
    dest = row.destination
    return {
        "address_full": ", ".join(
            part
            for part in (dest.get("address_street", ""), dest.get("address_district", ""), dest.get("address_city", ""))
            if part
        ),
        "district": dest.get("address_district", ""),
        "city": dest.get("address_city", ""),
        "province": dest.get("address_province", ""),
        "country": "Indonesia",
        "postal_code": str(dest.get("address_postal", "")),
        "district_id": int(dest.get("district_id", place[0])),
        "city_id": int(dest.get("city_id", place[2])),
        "province_id": int(dest.get("province_id", place[4])),
        "geo": dest.get("geo", place[7]),
    }


def logistics_of(row: SandboxOrder) -> dict[str, Any]:
    agency, _, service = row.courier.partition(" ")
    return {
        "shipping_id": int(row.logistics.get("shipping_id", 0)),
        "sp_id": int(row.logistics.get("sp_id", 0)),
        "shipping_agency": row.logistics.get("shipping_agency", agency),
        "service_type": row.logistics.get("service_type", service),
    }


def order_list_item(row: SandboxOrder) -> dict[str, Any]:
    shop_district, _, shop_city, _, shop_province, _, _, shop_geo = shop_place(row.shop)
    logistics = logistics_of(row)
    rejected = row.status in (SandboxOrder.Status.REJECTED_BY_SELLER, SandboxOrder.Status.SELLER_CANCELLED)
    return {
        "fs_id": str(_fs_id(row)),
        "order_id": row.order_id,
        "is_cod_mitra": False,
        "accept_partial": False,
        "invoice_ref_num": row.invoice_number,
        "have_product_bundle": False,
        "products": [
            {
                "id": line["product_id"],
                "name": line["name"],
                "quantity": line["quantity"],
                "notes": line.get("notes", ""),
                "weight": line["weight"] / 1000,
                "total_weight": line["weight"] * line["quantity"] / 1000,
                "price": line["price"],
                "total_price": line["price"] * line["quantity"],
                "currency": "Rp",
                "sku": line["sku"],
                "is_wholesale": False,
            }
            for line in row.items
        ],
        "products_fulfilled": [
            {
                "product_id": line["product_id"],
                "quantity_deliver": 0 if rejected else line["quantity"],
                "quantity_reject": line["quantity"] if rejected else 0,
            }
            for line in row.items
        ],
        "bundle_detail": {"bundle": [], "non_bundle": [], "total_product": len(row.items)},
        "device_type": "",
        "buyer": {
            "id": row.buyer.get("id", 0),
            "name": row.buyer.get("name", ""),
            "phone": row.buyer.get("phone", ""),
            "email": row.buyer.get("email", ""),
        },
        "shop_id": row.shop.shop_id,
        "payment_id": row.payment_id,
        "recipient": {
            "name": row.destination.get("receiver_name", ""),
            "phone": row.destination.get("receiver_phone", ""),
            "address": _recipient_address(row),
        },
        "logistics": {
            "shipping_id": logistics["shipping_id"],
            "district_id": shop_district,
            "city_id": shop_city,
            "province_id": shop_province,
            "geo": shop_geo,
            "shipping_agency": logistics["shipping_agency"],
            "service_type": logistics["service_type"],
        },
        "amt": {
            "ttl_product_price": row.item_price,
            "shipping_cost": row.shipping_price,
            "insurance_cost": row.insurance_cost,
            "ttl_amount": row.total_price,
            "voucher_amount": 0,
            "toppoints_amount": 0,
        },
        "dropshipper_info": {},
        "voucher_info": {"voucher_code": "", "voucher_type": 0},
        "order_status": row.status,
        "warehouse_id": row.warehouse_id,
        "fulfill_by": row.fulfill_by,
        "create_time": _unix(row.created_at),
        "custom_fields": {"awb": row.shipping_ref_num},
        "promo_order_detail": {
            "order_id": row.order_id,
            "total_cashback": 0,
            "total_discount": 0,
            "total_discount_product": 0,
            "total_discount_shipping": 0,
            "total_discount_details": [],
            "summary_promo": [],
        },
    }


def _fs_id(row: SandboxOrder) -> int:
    # Set by the view: the app asking (an order is seen through one app at a time).
    return int(getattr(row, "seen_by_fs_id", 0))
