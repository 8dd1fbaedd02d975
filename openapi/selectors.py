"""Reads of the Open API: what an app may see, and pages of sandbox data."""

from __future__ import annotations

from django.db.models import QuerySet

from apps_mgmt.models import App
from shops.models import Shop, ShopLink

from . import fastpath
from .models import AccessToken, SandboxOrder, SandboxProduct
from .tokens import token_digest


def access_token_find(token: str) -> AccessToken | None:
    """The token row (with its app) for a bearer token in clear, whatever its state."""
    return fastpath.token_with_app(token_digest(token))


def access_token_find_with_shop(token: str, shop_id: int) -> tuple[AccessToken | None, Shop | None]:
    """access_token_find, and app_shop(token's app, shop_id), in one query."""
    return fastpath.token_with_shop(token_digest(token), shop_id)


def app_shops(app: App) -> QuerySet[Shop]:
    """Catalogue shops actively linked to the app: the only ones it may see."""
    return Shop.objects.filter(links__app=app, links__status=ShopLink.Status.ACTIVE).order_by("shop_id")


def app_shop(app: App, shop_id: int) -> Shop | None:
    """The catalogue shop `shop_id` if it is actively linked to the app."""
    return fastpath.linked_shop(app.pk, shop_id)


def products_page(shop: Shop, *, page: int, per_page: int) -> list[SandboxProduct]:
    start = (page - 1) * per_page
    return list(SandboxProduct.objects.filter(shop=shop).select_related("shop")[start : start + per_page])


def orders_page(shops: list[Shop], *, from_ts: int, to_ts: int, page: int, per_page: int) -> list[SandboxOrder]:
    from datetime import UTC, datetime

    start = (page - 1) * per_page
    return list(
        SandboxOrder.objects.filter(
            shop__in=shops,
            created_at__gte=datetime.fromtimestamp(from_ts, tz=UTC),
            created_at__lte=datetime.fromtimestamp(to_ts, tz=UTC),
        )
        .select_related("shop")
        .order_by("created_at", "order_id")[start : start + per_page]
    )


def product_find(product_id: int) -> SandboxProduct | None:
    return SandboxProduct.objects.select_related("shop").filter(product_id=product_id).first()


def order_find(order_id: int) -> SandboxOrder | None:
    return SandboxOrder.objects.select_related("shop").filter(order_id=order_id).first()
