"""Reads of Testing Account: the app's test shops, buyer and orders, and an
order's timeline. A fixed number of queries, however many rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps_mgmt.models import App
from sandbox.models import SandboxOrder, SandboxProduct
from webhooks.models import Attempt, Delivery

from .models import Buyer, DailyOrders, Scenario, SellerShop

PAGE_SIZE = 50


def sellers_of(app: App) -> list[SellerShop]:
    """The app's test sellers with their shops, each with `product_count` and `order_count`."""
    return list(
        SellerShop.objects.filter(app=app)
        .select_related("shop")
        .annotate(
            product_count=Count("shop__sandbox_products", distinct=True),
            order_count=Count("shop__sandbox_orders", distinct=True),
        )
        .order_by("number")
    )


def seller_of(app: App, number: int) -> SellerShop:
    seller = SellerShop.objects.select_related("app__partner", "shop").filter(app=app, number=number).first()
    if seller is None:
        raise Http404("No such test shop")
    return seller


def buyer_of(app: App) -> Buyer | None:
    return Buyer.objects.filter(app=app).first()


def orderable_products(app: App) -> list[SandboxProduct]:
    """What a test order may contain, in every test shop of the app: active
    products without variants, and variants."""
    return list(
        SandboxProduct.objects.filter(shop__test_seller__app=app, status=1)
        .annotate(variant_count=Count("variants"))
        .filter(variant_count=0)
        .select_related("shop")
        .order_by("shop__shop_id", "product_id")
    )


def orders_page(app: App, *, status: str = "", page: int | str = 1) -> Page[SandboxOrder]:
    """The app's test orders, newest first, each with its running scenario (`running`, a list)."""
    orders = (
        SandboxOrder.objects.filter(shop__test_seller__app=app)
        .select_related("shop")
        .prefetch_related(
            Prefetch("scenarios", Scenario.objects.filter(status=Scenario.Status.RUNNING), to_attr="running")
        )
        .order_by("-created_at", "-order_id")
    )
    if status.isdigit():
        orders = orders.filter(status=int(status))
    return Paginator(orders, PAGE_SIZE).get_page(page)  # type: ignore[return-value]


def order_of(app: App, order_id: int) -> SandboxOrder:
    """One of the app's test orders, or a 404 (another app's, a catalogue shop's)."""
    order = SandboxOrder.objects.select_related("shop").filter(order_id=order_id, shop__test_seller__app=app).first()
    if order is None:
        raise Http404("No such test order")
    return order


def scenarios_of(order: SandboxOrder) -> list[Scenario]:
    return list(Scenario.objects.filter(order=order).order_by("-created_at", "-id")[:5])


def daily_orders(app: App) -> tuple[int, int]:
    """(test orders placed today, the daily limit)."""
    row = DailyOrders.objects.filter(app=app, day=timezone.localdate()).first()
    return (row.count if row else 0, settings.TESTING_ORDERS_PER_DAY)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "status", "event" (a request, its answer) or "webhook"
    title: str | Promise
    by: str = ""
    via: str | Promise = ""
    request_id: str = ""
    log_url: str = ""
    delivery: Delivery | None = None
    last_attempt: Attempt | None = None


HISTORY_TITLES = {
    "cancel_request": _("The buyer requested cancellation"),
    "cancel_request_reject": _("The seller refused the cancellation"),
}
VIA_LABELS = {"api": _("Open API"), "console": _("Button"), "scenario": _("Scenario")}


def _log_url(app: App, request_id: str) -> str:
    """Log History's page for one call, when Log History is installed."""
    if not request_id:
        return ""
    try:
        return reverse("calllogs:list", kwargs={"fs_id": app.fs_id}) + f"?request_id={request_id}"
    except NoReverseMatch:
        return ""


def order_timeline(app: App, order: SandboxOrder) -> list[TimelineEntry]:
    """Each status of the order (when, by whom, how) and each webhook it fired
    (with its latest attempt), oldest first. Two queries."""
    entries = []
    for item in order.history:
        at = parse_datetime(item.get("timestamp", "")) or order.created_at
        message = item.get("message", "")
        status = int(item.get("status", 0))
        title: str | Promise
        if message in HISTORY_TITLES:
            title, kind = HISTORY_TITLES[message], "event"
        else:
            label = SandboxOrder.Status(status).label if status in SandboxOrder.Status.values else ""
            title, kind = f"{status} {label}", "status"
        via = item.get("via", "")
        request_id = item.get("request_id", "")
        entries.append(
            TimelineEntry(
                at=at,
                kind=kind,
                title=title,
                by=item.get("action_by", ""),
                via=VIA_LABELS.get(via, ""),
                request_id=request_id,
                log_url=_log_url(app, request_id),
            )
        )
    deliveries = (
        Delivery.objects.filter(app=app, subject=f"order:{order.order_id}")
        .select_related("message")
        .prefetch_related(Prefetch("attempts", Attempt.objects.order_by("-at", "-id")))
    )
    for delivery in deliveries:
        attempts = list(delivery.attempts.all())
        entries.append(
            TimelineEntry(
                at=delivery.created_at,
                kind="webhook",
                title=delivery.get_event_display(),
                delivery=delivery,
                last_attempt=attempts[0] if attempts else None,
            )
        )
    # A status comes before the webhooks it fired (same transaction, a moment earlier).
    return sorted(entries, key=lambda entry: (entry.at, entry.kind == "webhook"))


def orders_by_status(app: App) -> dict[int, int]:
    rows = (
        SandboxOrder.objects.filter(shop__test_seller__app=app).order_by().values_list("status").annotate(n=Count("id"))
    )
    return dict(rows)


def running_scenarios(app: App) -> QuerySet[Scenario]:
    return Scenario.objects.filter(app=app, status=Scenario.Status.RUNNING)
