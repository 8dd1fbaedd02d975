"""Reads of the Open API: tokens, and what an app may see (the sandbox's data: sandbox/selectors.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from apps_mgmt.models import App
from shops.models import Shop, ShopLink

from . import fastpath
from .models import AccessToken
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
