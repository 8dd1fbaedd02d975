from __future__ import annotations

from datetime import UTC, datetime

import pytest

from openapi.models import SandboxOrder, SandboxProduct
from openapi.sandbox import ORDERS_PER_SHOP, PRODUCTS_PER_SHOP, sandbox_shops_generate
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
    assert len(first) == PRODUCTS_PER_SHOP + ORDERS_PER_SHOP


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
