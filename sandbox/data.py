"""Sandbox products and orders for catalogue shops, generated deterministically.

Each shop's data comes from a random generator seeded with its shop_id, so
the same shop always gets the same products and orders (ids, names, prices,
buyers); only the order times are anchored to the day the data was generated.
What a generated shop holds, so that every endpoint has something to show:

- products with pictures, a category tree, a showcase (etalase), wholesale
  prices on some, reserved stock on some, and variants (children whose
  `parent` is the product) on others;
- orders in every status of the lifecycle (220 to ack at the newest, then
  400, 450, 500, 600, 700 and the cancelled 0, 10, 15), with buyers,
  recipients, logistics, AWBs and amounts that add up
  (items + shipping + insurance = what the buyer paid).

The demo seed generates every shop; API calls generate a shop lazily the
first time it is needed, so tests need no seeding.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from sandbox.models import SandboxOrder, SandboxProduct
from shops.models import Shop

PRODUCTS_PER_SHOP = 20
VARIANT_PARENTS = 4  # of which the first ones have 2 or 3 variants each
ORDERS_PER_SHOP = 40
WAITING_ORDERS = 8  # the newest orders wait for the seller (220)
ORDER_DAYS = 14
# Ids are the shop_id times this plus an index: unique, stable, readable.
ID_STRIDE = 1000
VARIANT_OFFSET = 500

_ADJECTIVES = ["Classic", "Premium", "Eco", "Mini", "Deluxe", "Smart", "Travel", "Organic"]
# (name, category path): the leaf is the product's childCategoryID.
_NOUNS: list[tuple[str, list[tuple[int, str]]]] = [
    ("Batik Shirt", [(1759, "Fashion Pria"), (1807, "Atasan Pria"), (1828, "Kemeja Batik")]),
    ("Coffee Beans 250g", [(35, "Makanan & Minuman"), (2890, "Minuman"), (2902, "Kopi")]),
    ("Rice Cooker", [(983, "Rumah Tangga"), (1003, "Dapur"), (1018, "Rice Cooker")]),
    ("Phone Case", [(65, "Handphone & Tablet"), (3053, "Aksesoris"), (3064, "Casing")]),
    ("Sambal Jar", [(35, "Makanan & Minuman"), (2880, "Bumbu"), (2884, "Sambal")]),
    ("Backpack", [(1759, "Fashion Pria"), (1846, "Tas Pria"), (1851, "Ransel")]),
    ("Tea Set", [(983, "Rumah Tangga"), (1003, "Dapur"), (1025, "Peralatan Minum")]),
    ("Sneakers", [(1759, "Fashion Pria"), (1834, "Sepatu Pria"), (1839, "Sneakers")]),
]
_MENUS = [(1405065, "Best Sellers"), (1405066, "New Arrivals"), (1405067, "Promo")]
_VARIANTS = [["Red", "Blue", "Black"], ["S", "M", "L"], ["250g", "500g"], ["Matte", "Glossy"]]
_BUYERS = ["Budi Santoso", "Siti Rahayu", "Andi Wijaya", "Dewi Lestari", "Rizky Pratama", "Putri Ayu"]
# (district id, district, city id, city, province id, province, postal code, geo)
_PLACES = [
    (2270, "Setiabudi", 175, "Jakarta Selatan", 13, "DKI Jakarta", "12910", "-6.2211974,106.8172307"),
    (1723, "Coblong", 23, "Bandung", 12, "Jawa Barat", "40132", "-6.8915,107.6107"),
    (5573, "Tegalsari", 444, "Surabaya", 14, "Jawa Timur", "60262", "-7.2653,112.7384"),
    (551, "Medan Baru", 43, "Medan", 2, "Sumatera Utara", "20153", "3.5748,98.6586"),
]
# (shipping_id, sp_id, agency, service)
_LOGISTICS = [
    (1, 1, "JNE", "Reguler"),
    (11, 18, "SiCepat", "REG"),
    (23, 45, "AnterAja", "Reguler"),
    (10, 28, "GoSend", "Instant"),
]
# The statuses orders older than the waiting ones cycle through, oldest first.
_SETTLED = [700, 700, 600, 500, 450, 400, 10, 0, 15, 700, 600, 500, 400]


def shop_place(shop: Shop) -> tuple[Any, ...]:
    return _PLACES[shop.shop_id % len(_PLACES)]


def shop_warehouse(shop: Shop) -> dict[str, Any]:
    """The shop's one sandbox warehouse, in the shape of Tokopedia's warehouse objects."""
    district_id, district, city_id, city, province_id, province, postal, geo = shop_place(shop)
    latitude, longitude = geo.split(",")
    return {
        "warehouse_id": shop_warehouse_id(shop),
        "shop_id": shop.shop_id,
        "warehouse_name": f"{shop.name} warehouse",
        "district_id": district_id,
        "district_name": district,
        "city_id": city_id,
        "city_name": city,
        "province_id": province_id,
        "province_name": province,
        "status": 1,
        "postal_code": postal,
        "is_default": 1,
        "latlon": geo,
        "latitude": latitude,
        "longitude": longitude,
        "email": shop.owner_email,
        "address_detail": f"Jl. Gudang {shop.name} No. 1",
        "phone": "0215550100",
        "country_name": "Indonesia",
    }


def shop_warehouse_id(shop: Shop) -> int:
    return shop.shop_id * 10 + 1


def sandbox_shops_generate(*, shops: Iterable[Shop], now: datetime | None = None) -> int:
    """Generate sandbox data for the shops that have none; returns how many shops got data.

    Safe to call concurrently and repeatedly: ids are deterministic and
    inserts ignore rows that already exist.
    """
    shops = list(shops)
    have = set(SandboxProduct.objects.filter(shop__in=shops).values_list("shop_id", flat=True).distinct().order_by())
    # A test shop (Testing Account) has its sample products from the start and no generated orders.
    missing = [shop for shop in shops if shop.pk not in have and not shop.is_test]
    anchor = (now or datetime.now(tz=UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    for shop in missing:
        with transaction.atomic():
            products = _products(shop, anchor)
            _orders(shop, anchor, products)
    return len(missing)


def sandbox_shop_products_generate(*, shop: Shop, now: datetime | None = None) -> int:
    """The shop's sample products alone, no orders (a Testing Account's test shop,
    whose orders its test buyer places). Returns how many products it has."""
    anchor = (now or datetime.now(tz=UTC)).replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        _products(shop, anchor)
    return SandboxProduct.objects.filter(shop=shop).count()


def sandbox_catalogue_generate() -> int:
    """Generate sandbox data for every catalogue shop that has none (the demo seed's step)."""
    return sandbox_shops_generate(shops=Shop.objects.filter(is_test=False))


def _pictures(rng: random.Random, product_id: int, count: int) -> list[dict[str, Any]]:
    base = f"{settings.OPENAPI_MARKETPLACE_URL}/img/product/{product_id}"
    return [
        {
            "picID": product_id * 10 + index,
            "fileName": f"{product_id}-{index}.jpg",
            "filePath": f"product/{product_id}",
            "status": 1,
            "OriginalURL": f"{base}/{index}.jpg",
            "ThumbnailURL": f"{base}/{index}-thumb.jpg",
            "width": 700,
            "height": 700,
            "URL300": f"{base}/{index}-300.jpg",
        }
        for index in range(1, count + 1)
    ]


def _category_tree(path: list[tuple[int, str]]) -> list[dict[str, Any]]:
    url = settings.OPENAPI_MARKETPLACE_URL
    return [{"id": cid, "Name": name, "title": name, "breadcrumbURL": f"{url}/p/{cid}"} for cid, name in path]


def _products(shop: Shop, anchor: datetime) -> list[SandboxProduct]:
    """The shop's products, parents first; returns the ones an order may contain (no parent of variants)."""
    rng = random.Random(f"sandbox-shop:{shop.shop_id}")
    base = shop.shop_id * ID_STRIDE
    parents: list[SandboxProduct] = []
    for index in range(1, PRODUCTS_PER_SHOP + 1):
        noun, path = rng.choice(_NOUNS)
        price = rng.randrange(10_000, 2_500_000, 500)
        menu_id, menu_name = rng.choice(_MENUS)
        product_id = base + index
        parents.append(
            SandboxProduct(
                product_id=product_id,
                shop=shop,
                name=f"{rng.choice(_ADJECTIVES)} {noun}",
                short_desc=f"{noun} from {shop.name}, sandbox data.",
                sku=f"SKU-{shop.shop_id}-{index:03d}",
                price=price,
                price_updated_at=anchor - timedelta(days=rng.randrange(1, 30)),
                stock=rng.randrange(0, 500),
                reserve_stock=rng.choice([0, 0, 0, 3, 5]),
                weight=rng.randrange(100, 5000, 50),
                length=rng.randrange(5, 60),
                width=rng.randrange(5, 40),
                height=rng.randrange(1, 30),
                category_id=path[-1][0],
                category_tree=_category_tree(path),
                menu_id=menu_id,
                menu_name=menu_name,
                min_order=1,
                pictures=_pictures(rng, product_id, rng.randint(1, 3)),
                wholesale=(
                    [
                        {"minQuantity": 5, "maxQuantity": 9, "price": price * 95 // 100},
                        {"minQuantity": 10, "maxQuantity": 50, "price": price * 90 // 100},
                    ]
                    if index % 3 == 0
                    else []
                ),
                sold_count=rng.randrange(0, 2000),
                view_count=rng.randrange(0, 20000),
                condition=1 if rng.random() < 0.9 else 2,
                status=1 if index % 10 else 3,
                created_at=anchor - timedelta(days=rng.randrange(30, 720)),
            )
        )
    SandboxProduct.objects.bulk_create(parents, ignore_conflicts=True)
    # ignore_conflicts leaves primary keys unset: read the parents back.
    saved = {row.product_id: row for row in SandboxProduct.objects.filter(shop=shop)}
    variants: list[SandboxProduct] = []
    for number, parent in enumerate(parents[:VARIANT_PARENTS]):
        row = saved[parent.product_id]
        for position, option in enumerate(_VARIANTS[number % len(_VARIANTS)], start=1):
            product_id = base + VARIANT_OFFSET + number * 10 + position
            variants.append(
                SandboxProduct(
                    product_id=product_id,
                    shop=shop,
                    parent=row,
                    name=f"{row.name} - {option}",
                    short_desc=row.short_desc,
                    sku=f"{row.sku}-{option.upper()}",
                    price=row.price + position * 1000,
                    price_updated_at=row.price_updated_at,
                    stock=rng.randrange(0, 200),
                    weight=row.weight,
                    length=row.length,
                    width=row.width,
                    height=row.height,
                    category_id=row.category_id,
                    category_tree=row.category_tree,
                    menu_id=row.menu_id,
                    menu_name=row.menu_name,
                    pictures=_pictures(rng, product_id, 1),
                    sold_count=rng.randrange(0, 500),
                    view_count=rng.randrange(0, 5000),
                    condition=row.condition,
                    status=1,
                    created_at=row.created_at,
                )
            )
    SandboxProduct.objects.bulk_create(variants, ignore_conflicts=True)
    # What an order may contain: variants, and products without variants.
    return variants + [parent for parent in parents[VARIANT_PARENTS:] if parent.status == 1]


def _orders(shop: Shop, anchor: datetime, sellable: list[SandboxProduct]) -> None:
    rng = random.Random(f"sandbox-orders:{shop.shop_id}")
    base = shop.shop_id * ID_STRIDE
    span = ORDER_DAYS * 24 * 3600
    offsets = sorted((rng.randrange(60, span) for _ in range(ORDERS_PER_SHOP)), reverse=True)
    settled = len(offsets) - WAITING_ORDERS
    orders = []
    for index, offset in enumerate(offsets, start=1):
        created = anchor - timedelta(seconds=offset)
        status = _SETTLED[(index - 1) % len(_SETTLED)] if index <= settled else 220
        if status == 220 and offset > 2 * 24 * 3600:
            created = anchor - timedelta(seconds=offset % (2 * 24 * 3600) + 60)
        orders.append(_order(rng, shop, base + index, index, created, status, sellable))
    SandboxOrder.objects.bulk_create(orders, ignore_conflicts=True)


def _order(
    rng: random.Random,
    shop: Shop,
    order_id: int,
    index: int,
    created: datetime,
    status: int,
    sellable: list[SandboxProduct],
) -> SandboxOrder:
    lines: list[dict[str, Any]] = [
        {
            "product_id": product.product_id,
            "name": product.name,
            "sku": product.sku,
            "quantity": rng.randint(1, 4),
            "price": product.price,
            "weight": product.weight,
            "notes": rng.choice(["", "", "Please wrap it as a gift"]),
            "category_id": product.category_id,
            "picture": product.pictures[0]["URL300"] if product.pictures else "",
        }
        for product in rng.sample(sellable, k=min(len(sellable), rng.randint(1, 3)))
    ]
    buyer_index = rng.randrange(len(_BUYERS))
    receiver = _BUYERS[buyer_index] if rng.random() < 0.7 else rng.choice(_BUYERS)
    district_id, district, city_id, city, province_id, province, postal, geo = rng.choice(_PLACES)
    shipping_id, sp_id, agency, service = rng.choice(_LOGISTICS)
    shipping = rng.randrange(9_000, 60_000, 1000)
    insurance = rng.choice([0, 0, 1_500, 2_500])
    item_price = sum(line["price"] * line["quantity"] for line in lines)
    paid = created + timedelta(minutes=rng.randint(1, 30))
    history: list[dict[str, Any]] = [
        {"status": 100, "timestamp": created.isoformat(), "action_by": "buyer", "message": "Order created"},
        {"status": 220, "timestamp": paid.isoformat(), "action_by": "system", "message": "Payment verified"},
    ]
    reached = [220, 400, 450, 500, 600, 700]
    if status in reached:
        moment = paid
        for step in reached[1 : reached.index(status) + 1]:
            moment += timedelta(hours=rng.randint(1, 12))
            history.append({"status": step, "timestamp": moment.isoformat(), "action_by": "seller", "message": ""})
    elif status in (0, 10, 15):
        by = {0: "seller", 10: "seller", 15: "buyer"}[status]
        history.append({"status": status, "timestamp": (paid + timedelta(hours=2)).isoformat(), "action_by": by})
    when = {entry["status"]: datetime.fromisoformat(entry["timestamp"]) for entry in history}
    return SandboxOrder(
        order_id=order_id,
        shop=shop,
        invoice_number=f"INV/{created:%Y%m%d}/MPL/{shop.shop_id}{index:04d}",
        status=status,
        payment_id=order_id + 7_000_000_000,
        warehouse_id=shop_warehouse_id(shop),
        fulfill_by=0,
        buyer={
            "id": 5_000_000 + buyer_index,
            "name": _BUYERS[buyer_index],
            "email": f"buyer{buyer_index}@sandbox.example.com",
            "phone": f"0812000000{buyer_index:02d}",
        },
        items=lines,
        destination={
            "receiver_name": receiver,
            "receiver_phone": f"0813{rng.randint(10_000_000, 99_999_999)}",
            "address_street": f"Jl. Sandbox No. {rng.randint(1, 200)}",
            "address_district": district,
            "address_city": city,
            "address_province": province,
            "address_postal": postal,
            "customer_address_id": 9_000_000 + order_id % 1_000_000,
            "district_id": district_id,
            "city_id": city_id,
            "province_id": province_id,
            "geo": geo,
        },
        logistics={"shipping_id": shipping_id, "sp_id": sp_id, "shipping_agency": agency, "service_type": service},
        courier=f"{agency} {service}",
        shipping_price=shipping,
        insurance_cost=insurance,
        total_price=item_price + shipping + insurance,
        shipping_ref_num=f"RESI{order_id}" if status in (500, 600, 700) else "",
        booking_code=f"TKP{order_id % 10**9:09d}" if status in (450, 500, 600, 700) else "",
        reject_reason_code={10: 1, 0: 7}.get(status),
        reject_reason={10: "Product(s) out of stock", 0: "Courier problem"}.get(status, ""),
        history=history,
        created_at=created,
        payment_at=paid,
        shipped_at=when.get(500),
        delivered_at=when.get(600),
        updated_at=datetime.fromisoformat(history[-1]["timestamp"]),
    )
