"""Reads of the API Playground: a member's history, the team's saved requests, and what the forms offer."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from apps_mgmt.models import App
from calllogs.selectors import app_has_calls
from openapi.selectors import app_shops
from sandbox.models import SandboxOrder, SandboxProduct
from shops.models import ShopLink

from .models import PlaygroundCall, SavedRequest

HISTORY_SIZE = 50
RECENT_ORDERS = 20
_LIST_FIELDS = ("id", "app_id", "user_id", "operation", "method", "url", "status", "latency_ms", "created_at")


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


def history(*, app: App, user: User) -> list[PlaygroundCall]:
    """The member's last HISTORY_SIZE calls of the app, newest first (without their bodies)."""
    return list(PlaygroundCall.objects.filter(app=app, user=user).only(*_LIST_FIELDS)[:HISTORY_SIZE])


def call_of(*, app: App, user: User, pk: int) -> PlaygroundCall | None:
    """One of the member's own calls: a history is personal."""
    return PlaygroundCall.objects.filter(app=app, user=user, pk=pk).first()


def saved_requests(*, app: App) -> list[SavedRequest]:
    return list(SavedRequest.objects.filter(app=app).select_related("created_by"))


def saved_request_of(*, app: App, pk: int) -> SavedRequest | None:
    return SavedRequest.objects.filter(app=app, pk=pk).first()


def shop_choices(app: App) -> list[Choice]:
    """The app's active shops, for shop_id fields."""
    return [Choice(shop_id, f"{shop_id} · {name}") for shop_id, name in app_shops(app).values_list("shop_id", "name")]


def order_choices(app: App) -> list[Choice]:
    """The most recent sandbox orders of the app's active shops, for order_id fields."""
    rows = (
        SandboxOrder.objects.filter(shop__links__app=app, shop__links__status=ShopLink.Status.ACTIVE)
        .order_by("-created_at", "-order_id")
        .values_list("order_id", "invoice_number", "status", "shop__name")[:RECENT_ORDERS]
    )
    return [
        Choice(order_id, f"{order_id} · {invoice} · {SandboxOrder.Status(status).label} · {shop}")
        for order_id, invoice, status, shop in rows
    ]


def first_product_id(app: App) -> int | None:
    """A product of the app's first shop, for a body's example."""
    shop = app_shops(app).values_list("pk", flat=True).first()
    if shop is None:
        return None
    product_id: int | None = (
        SandboxProduct.objects.filter(shop_id=shop).order_by("product_id").values_list("product_id", flat=True).first()
    )
    return product_id


def app_has_called(app: App) -> bool:
    """Whether the app has made its first call (an Open API call or a token request, from anywhere), as Log History recorded it."""
    return app_has_calls(app)


def member_apps(partner_id: int) -> list[App]:
    """The partner's live apps, oldest first: those whose playground a member may open."""
    return list(App.objects.filter(partner_id=partner_id, status=App.Status.LIVE).order_by("created_at", "pk"))


def getting_started_app(partner_id: int) -> App | None:
    """The partner's first live app: the one Getting started is about."""
    return App.objects.filter(partner_id=partner_id, status=App.Status.LIVE).order_by("created_at", "pk").first()
