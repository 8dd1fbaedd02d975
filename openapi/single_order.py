"""GET /v2/fs/{fs_id}/order's answer: one order as Tokopedia's single-order
object (order_info with order_detail, destination and shipping_info;
payment_info; order_warehouse; invoice_url...)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sandbox.data import shop_place, shop_warehouse
from sandbox.models import SandboxOrder

from .presenters import WAREHOUSE_KEYS, logistics_of, rfc3339

Status = SandboxOrder.Status
_CANCELLED = (Status.SELLER_CANCELLED, Status.REJECTED_BY_SELLER, Status.CANCELLED_BY_BUYER)


def single_order(row: SandboxOrder) -> dict[str, Any]:
    shop = row.shop
    warehouse = shop_warehouse(shop)
    logistics = logistics_of(row)
    now = timezone.now()
    paid = row.payment_at or row.created_at
    return {
        "order_id": row.order_id,
        "buyer_id": row.buyer.get("id", 0),
        "seller_id": shop.owner_id,
        "payment_id": row.payment_id,
        "is_affiliate": False,
        "is_fulfillment": row.fulfill_by == 1,
        "order_warehouse": {
            "warehouse_id": row.warehouse_id,
            "fulfill_by": row.fulfill_by,
            "meta_data": {
                "warehouse_id": warehouse["warehouse_id"],
                "partner_id": 0,
                "shop_id": shop.shop_id,
                **{key: warehouse[key] for key in WAREHOUSE_KEYS},
                "country_name": warehouse["country_name"],
                "is_fulfillment": row.fulfill_by == 1,
            },
        },
        "order_status": row.status,
        "invoice_number": row.invoice_number,
        "invoice_pdf": f"pdf/{row.created_at:%Y/%m/%d}",
        "invoice_url": f"{settings.OPENAPI_MARKETPLACE_URL}/invoice.pl?id={row.order_id}",
        "open_amt": row.total_price,
        "lp_amt": 0,
        "cashback_amt": 0,
        "info": "",
        "comment": row.reject_reason,
        "item_price": row.item_price,
        "buyer_info": {
            "buyer_id": row.buyer.get("id", 0),
            "buyer_fullname": row.buyer.get("name", ""),
            "buyer_email": row.buyer.get("email", ""),
            "buyer_phone": row.buyer.get("phone", ""),
        },
        "shop_info": {
            "shop_owner_id": shop.owner_id,
            "shop_owner_email": shop.owner_email,
            "shop_owner_phone": "",
            "shop_name": shop.name,
            "shop_domain": shop.domain,
            "shop_id": shop.shop_id,
        },
        "shipment_fulfillment": {
            "id": row.order_id,
            "order_id": row.order_id,
            "payment_date_time": rfc3339(paid),
            "is_same_day": logistics["service_type"] == "Instant",
            "accept_deadline": rfc3339(paid + timedelta(days=2)),
            "confirm_shipping_deadline": rfc3339(paid + timedelta(days=4)),
            "item_delivered_deadline": {"Time": rfc3339(paid + timedelta(days=9)), "Valid": True},
            "is_accepted": row.status >= Status.SELLER_ACCEPTED,
            "is_confirm_shipping": row.status >= Status.SHIPPED,
            "is_item_delivered": row.status >= Status.DELIVERED,
            "fulfillment_status": 1,
        },
        "preorder": {
            "order_id": row.order_id,
            "preorder_type": 0,
            "preorder_process_time": 0,
            "preorder_process_start": "",
            "preorder_deadline": "",
            "shop_id": shop.shop_id,
            "customer_id": row.buyer.get("id", 0),
        },
        "order_info": _order_info(row, logistics, now),
        "origin_info": _origin_info(row, warehouse),
        "payment_info": {
            "payment_id": row.payment_id,
            "payment_ref_num": f"PYM/{row.created_at:%Y%m%d}/{row.payment_id}",
            "payment_date": rfc3339(paid),
            "payment_method": 1,
            "payment_status": "Verified",
            "payment_status_id": 2,
            "create_time": rfc3339(row.created_at),
            "pg_id": 1,
            "gateway_name": "Sandbox Pay",
            "discount_amount": 0,
            "voucher_code": "",
            "voucher_id": 0,
        },
        "insurance_info": {"insurance_type": 1 if row.insurance_cost else 0},
        "create_time": rfc3339(row.created_at),
        "shipping_date": rfc3339(row.shipped_at),
        "update_time": rfc3339(row.updated_at),
        "payment_date": rfc3339(paid),
        "delivered_date": rfc3339(row.delivered_at),
        "est_shipping_date": rfc3339(paid + timedelta(days=2)),
        "est_delivery_date": rfc3339(paid + timedelta(days=5)),
    }


def _days(since: datetime | None, now: datetime) -> int:
    return max(0, (now - since).days) if since else 0


def _order_info(row: SandboxOrder, logistics: dict[str, Any], now: datetime) -> dict[str, Any]:
    dest = row.destination
    rejected = row.status in _CANCELLED
    place = shop_place(row.shop)
    return {
        "order_detail": [
            {
                "order_detail_id": row.order_id * 10 + number,
                "product_id": line["product_id"],
                "product_name": line["name"],
                "product_desc_pdp": "",
                "product_desc_atc": "",
                "product_price": line["price"],
                "subtotal_price": line["price"] * line["quantity"],
                "weight": line["weight"] / 1000,
                "total_weight": line["weight"] * line["quantity"] / 1000,
                "quantity": line["quantity"],
                "quantity_deliver": 0 if rejected else line["quantity"],
                "quantity_reject": line["quantity"] if rejected else 0,
                "is_free_returns": False,
                "insurance_price": 0,
                "normal_price": line["price"],
                "currency_id": 1,
                "currency_rate": 1,
                "min_order": 1,
                "child_cat_id": line.get("category_id", 0),
                "campaign_id": 0,
                "product_picture": line.get("picture", ""),
                "snapshot_url": f"{settings.OPENAPI_MARKETPLACE_URL}/snapshot/{row.order_id}/{line['product_id']}",
                "sku": line["sku"],
            }
            for number, line in enumerate(row.items, start=1)
        ],
        "order_history": [
            {
                "action_by": entry.get("action_by", ""),
                "hist_status_code": entry["status"],
                "message": entry.get("message", ""),
                "timestamp": entry["timestamp"].replace("+00:00", "Z"),
                "comment": entry.get("comment", ""),
                "create_by": 0,
                "update_by": "",
            }
            for entry in reversed(row.history)
        ],
        "order_age_day": _days(row.created_at, now),
        "shipping_age_day": _days(row.shipped_at, now),
        "delivered_age_day": _days(row.delivered_at, now),
        "partial_process": False,
        "shipping_info": {
            "sp_id": logistics["sp_id"],
            "shipping_id": logistics["shipping_id"],
            "logistic_name": logistics["shipping_agency"],
            "logistic_service": logistics["service_type"],
            "shipping_price": row.shipping_price,
            "shipping_price_rate": row.shipping_price,
            "shipping_fee": 0,
            "insurance_price": row.insurance_cost,
            "fee": 0,
            "is_change_courier": False,
            "second_sp_id": 0,
            "second_shipping_id": 0,
            "second_logistic_name": "",
            "second_logistic_service": "",
            "second_agency_fee": 0,
            "second_insurance": 0,
            "second_rate": 0,
            "awb": row.shipping_ref_num,
            "autoresi_cashless_status": 0,
            "autoresi_awb": "",
            "autoresi_shipping_price": 0,
            "count_awb": 1 if row.shipping_ref_num else 0,
            "isCashless": False,
            "is_fake_delivery": False,
            "recommended_courier_info": [],
        },
        "destination": {
            "receiver_name": dest.get("receiver_name", ""),
            "receiver_phone": dest.get("receiver_phone", ""),
            "address_street": dest.get("address_street", ""),
            "address_district": dest.get("address_district", ""),
            "address_city": dest.get("address_city", ""),
            "address_province": dest.get("address_province", ""),
            "address_postal": str(dest.get("address_postal", "")),
            "customer_address_id": int(dest.get("customer_address_id", 0)),
            "district_id": int(dest.get("district_id", place[0])),
            "city_id": int(dest.get("city_id", place[2])),
            "province_id": int(dest.get("province_id", place[4])),
        },
        "is_replacement": False,
        "replacement_multiplier": 0,
    }


def _origin_info(row: SandboxOrder, warehouse: dict[str, Any]) -> dict[str, Any]:
    dest = row.destination
    place = shop_place(row.shop)
    lat, _, lon = str(dest.get("geo", place[7])).partition(",")
    return {
        "sender_name": row.shop.name,
        "origin_province": warehouse["province_id"],
        "origin_province_name": warehouse["province_name"],
        "origin_city": warehouse["city_id"],
        "origin_city_name": warehouse["city_name"],
        "origin_address": warehouse["address_detail"],
        "origin_district": warehouse["district_id"],
        "origin_district_name": warehouse["district_name"],
        "origin_postal_code": warehouse["postal_code"],
        "origin_geo": warehouse["latlon"],
        "receiver_name": dest.get("receiver_name", ""),
        "destination_address": dest.get("address_street", ""),
        "destination_province": int(dest.get("province_id", place[4])),
        "destination_city": int(dest.get("city_id", place[2])),
        "destination_district": int(dest.get("district_id", place[0])),
        "destination_postal_code": str(dest.get("address_postal", "")),
        "destination_geo": dest.get("geo", place[7]),
        "destination_loc": {"lat": float(lat), "lon": float(lon or 0)},
    }
