"""Sandbox products and orders for catalogue shops, generated deterministically.

Each shop's data comes from a random generator seeded with its shop_id, so
the same shop always gets the same products and orders (ids, names, prices,
buyers); only the order times are anchored to the day the data was generated,
so a freshly generated shop has orders in the last two weeks. The demo seed
generates every shop; API calls generate a shop lazily the first time it is
needed, so tests need no seeding.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction

from shops.models import Shop

from .models import SandboxOrder, SandboxProduct

PRODUCTS_PER_SHOP = 24
ORDERS_PER_SHOP = 40
ORDER_DAYS = 14
# Ids are the shop_id times this plus an index: unique, stable, readable.
ID_STRIDE = 1000

_ADJECTIVES = ["Classic", "Premium", "Eco", "Mini", "Deluxe", "Smart", "Travel", "Organic"]
_NOUNS = [
    "Batik Shirt",
    "Coffee Beans 250g",
    "Rice Cooker",
    "Phone Case",
    "Sambal Jar",
    "Backpack",
    "Tea Set",
    "Sneakers",
]
_BUYERS = ["Budi Santoso", "Siti Rahayu", "Andi Wijaya", "Dewi Lestari", "Rizky Pratama", "Putri Ayu"]
_CITIES = [
    ("Jakarta Selatan", "DKI Jakarta"),
    ("Bandung", "Jawa Barat"),
    ("Surabaya", "Jawa Timur"),
    ("Medan", "Sumatera Utara"),
]
_COURIERS = ["JNE Reguler", "SiCepat REG", "AnterAja Reguler", "GoSend Instant"]
# Oldest orders are finished; the newest wait for the seller (220) to ack or nack.
_STATUS_BY_AGE = [700, 700, 600, 500, 400, 10, 0]


def sandbox_shops_generate(*, shops: Iterable[Shop], now: datetime | None = None) -> int:
    """Generate sandbox data for the shops that have none; returns how many shops got data.

    Safe to call concurrently and repeatedly: ids are deterministic and
    inserts ignore rows that already exist.
    """
    shops = list(shops)
    have = set(SandboxProduct.objects.filter(shop__in=shops).values_list("shop_id", flat=True).distinct().order_by())
    missing = [shop for shop in shops if shop.pk not in have]
    anchor = (now or datetime.now(tz=UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    for shop in missing:
        products, orders = _shop_data(shop, anchor)
        with transaction.atomic():
            SandboxProduct.objects.bulk_create(products, ignore_conflicts=True)
            SandboxOrder.objects.bulk_create(orders, ignore_conflicts=True)
    return len(missing)


def _shop_data(shop: Shop, anchor: datetime) -> tuple[list[SandboxProduct], list[SandboxOrder]]:
    rng = random.Random(f"sandbox-shop:{shop.shop_id}")
    base = shop.shop_id * ID_STRIDE
    products = []
    for index in range(1, PRODUCTS_PER_SHOP + 1):
        name = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
        products.append(
            SandboxProduct(
                product_id=base + index,
                shop=shop,
                name=name,
                sku=f"SKU-{shop.shop_id}-{index:03d}",
                price=rng.randrange(10_000, 2_500_000, 500),
                stock=rng.randrange(0, 500),
                weight=rng.randrange(100, 5000, 50),
                category_id=rng.randrange(1, 4000),
                condition=1 if rng.random() < 0.9 else 2,
                status=1 if rng.random() < 0.9 else 3,
                created_at=anchor - timedelta(days=rng.randrange(30, 720)),
            )
        )
    orders = []
    span = ORDER_DAYS * 24 * 3600
    offsets = sorted((rng.randrange(60, span) for _ in range(ORDERS_PER_SHOP)), reverse=True)
    for index, offset in enumerate(offsets, start=1):
        created = anchor - timedelta(seconds=offset)
        age = offset / span
        status = 220 if offset < 2 * 24 * 3600 else _STATUS_BY_AGE[int(age * len(_STATUS_BY_AGE)) % len(_STATUS_BY_AGE)]
        lines: list[dict[str, Any]] = []
        for product in rng.sample(products, k=rng.randint(1, 3)):
            lines.append(
                {
                    "product_id": product.product_id,
                    "name": product.name,
                    "sku": product.sku,
                    "quantity": rng.randint(1, 4),
                    "price": product.price,
                    "weight": product.weight,
                }
            )
        shipping = rng.randrange(9_000, 60_000, 1000)
        buyer_index = rng.randrange(len(_BUYERS))
        city, province = rng.choice(_CITIES)
        orders.append(
            SandboxOrder(
                order_id=base + index,
                shop=shop,
                invoice_number=f"INV/{created:%Y%m%d}/MPL/{shop.shop_id}{index:04d}",
                status=status,
                buyer={
                    "id": 5_000_000 + buyer_index,
                    "name": _BUYERS[buyer_index],
                    "email": f"buyer{buyer_index}@sandbox.example.com",
                    "phone": f"0812000000{buyer_index:02d}",
                },
                items=lines,
                destination={
                    "receiver_name": _BUYERS[buyer_index],
                    "receiver_phone": f"0812000000{buyer_index:02d}",
                    "address_street": f"Jl. Sandbox No. {rng.randint(1, 200)}",
                    "address_city": city,
                    "address_province": province,
                    "address_postal": f"{rng.randint(10000, 99999)}",
                },
                courier=rng.choice(_COURIERS),
                shipping_price=shipping,
                total_price=sum(line["price"] * line["quantity"] for line in lines) + shipping,
                created_at=created,
                updated_at=created,
            )
        )
    return products, orders


def sandbox_catalogue_generate() -> int:
    """Generate sandbox data for every catalogue shop that has none (the demo seed's step)."""
    return sandbox_shops_generate(shops=Shop.objects.all())
