from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sandbox.data import ORDERS_PER_SHOP, PRODUCTS_PER_SHOP, VARIANT_PARENTS, sandbox_shops_generate
from sandbox.models import SandboxOrder, SandboxProduct
from shops.models import Shop
from shops.tests.factories import ShopFactory


def _snapshot(shop: Shop) -> list[tuple[object, ...]]:
    products = list(SandboxProduct.objects.filter(shop=shop).values_list("product_id", "name", "price", "stock"))
    orders = list(SandboxOrder.objects.filter(shop=shop).values_list("order_id", "status", "total_price", "created_at"))
    return products + orders


@pytest.mark.django_db
def test_a_shop_always_gets_the_same_data_from_its_shop_id() -> None:
    now = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)
    shop = ShopFactory(shop_id=4242)
    assert sandbox_shops_generate(shops=[shop], now=now) == 1
    first = _snapshot(shop)
    SandboxProduct.objects.all().delete()
    SandboxOrder.objects.all().delete()
    sandbox_shops_generate(shops=[shop], now=now)
    assert _snapshot(shop) == first
    assert len(first) == PRODUCTS_PER_SHOP + 10 + ORDERS_PER_SHOP  # 10 variants of the first parents
    assert SandboxProduct.objects.filter(shop=shop, variants__isnull=False).distinct().count() == VARIANT_PARENTS


@pytest.mark.django_db
def test_generating_again_changes_nothing_and_shops_differ() -> None:
    alpha, beta = ShopFactory(), ShopFactory()
    assert sandbox_shops_generate(shops=[alpha, beta]) == 2
    assert sandbox_shops_generate(shops=[alpha, beta]) == 0
    names = lambda shop: list(SandboxProduct.objects.filter(shop=shop).values_list("name", "price"))  # noqa: E731
    assert names(alpha) != names(beta)
    # Some of each shop's newest orders wait for the seller to ack or nack.
    assert SandboxOrder.objects.filter(shop=alpha, status=220).exists()


@pytest.mark.django_db
def test_the_demo_seed_generates_every_shop() -> None:
    from django.core.management import call_command

    ShopFactory.create_batch(2)
    call_command("seed_demo", force=True)
    assert SandboxProduct.objects.values("shop").distinct().count() == Shop.objects.count()


@pytest.mark.django_db
def test_orders_cover_the_lifecycle_and_their_amounts_add_up() -> None:
    shop = ShopFactory()
    sandbox_shops_generate(shops=[shop])
    orders = list(SandboxOrder.objects.filter(shop=shop))
    assert {0, 10, 15, 220, 400, 450, 500, 600, 700} <= {order.status for order in orders}
    for order in orders:
        assert order.total_price == order.item_price + order.shipping_price + order.insurance_cost
        assert order.destination["receiver_name"] and order.logistics["shipping_agency"] and order.payment_id
        assert bool(order.shipping_ref_num) == (order.status in (500, 600, 700))
        assert order.history[-1]["status"] == order.status or order.status == 220


@pytest.mark.django_db
def test_products_have_pictures_categories_and_some_wholesale_prices() -> None:
    shop = ShopFactory()
    sandbox_shops_generate(shops=[shop])
    products = list(SandboxProduct.objects.filter(shop=shop))
    assert all(product.pictures and len(product.category_tree) == 3 for product in products)
    assert any(product.wholesale for product in products)
    variant = next(product for product in products if product.parent_id)
    assert variant.parent.shop == shop and variant.sku.startswith(variant.parent.sku)
