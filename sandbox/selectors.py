"""Reads of the sandbox marketplace: pages of products and orders, lookups by
Tokopedia's keys (product id, SKU, product URL, order id, invoice number)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet

from shops.models import Shop

from .models import SandboxOrder, SandboxProduct


def product_url(product: SandboxProduct) -> str:
    return f"{settings.OPENAPI_MARKETPLACE_URL}/{product.shop.domain}/p/{product.product_id}"


def _products() -> QuerySet[SandboxProduct]:
    return SandboxProduct.objects.select_related("shop").prefetch_related("variants")


def products_page(shop: Shop, *, page: int, per_page: int) -> list[SandboxProduct]:
    start = (page - 1) * per_page
    return list(_products().filter(shop=shop)[start : start + per_page])


def products_by_id(product_ids: list[int]) -> list[SandboxProduct]:
    return list(_products().filter(product_id__in=product_ids))


def products_by_sku(shops: list[Shop], sku: str) -> list[SandboxProduct]:
    return list(_products().filter(shop__in=shops, sku=sku))


def product_by_url(url: str) -> SandboxProduct | None:
    """The product a marketplace URL (`{OPENAPI_MARKETPLACE_URL}/{shop domain}/p/{product_id}`) names."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    if len(parts) != 3 or parts[1] != "p" or not parts[2].isascii() or not parts[2].isdigit() or len(parts[2]) > 18:
        return None
    return _products().filter(shop__domain=parts[0], product_id=int(parts[2])).first()


def orders_page(
    shops: list[Shop],
    *,
    from_ts: int,
    to_ts: int,
    page: int,
    per_page: int,
    status: int | None = None,
    warehouse_id: int | None = None,
) -> list[SandboxOrder]:
    rows = SandboxOrder.objects.filter(
        shop__in=shops,
        created_at__gte=datetime.fromtimestamp(from_ts, tz=UTC),
        created_at__lte=datetime.fromtimestamp(to_ts, tz=UTC),
    )
    if status is not None:
        rows = rows.filter(status=status)
    if warehouse_id is not None:
        rows = rows.filter(warehouse_id=warehouse_id)
    start = (page - 1) * per_page
    return list(rows.select_related("shop").order_by("created_at", "order_id")[start : start + per_page])


def order_find(*, order_id: int | None = None, invoice_num: str | None = None) -> SandboxOrder | None:
    rows = SandboxOrder.objects.select_related("shop")
    if order_id is not None:
        return rows.filter(order_id=order_id).first()
    return rows.filter(invoice_number=invoice_num).first()
