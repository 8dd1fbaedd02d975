"""Testing Account: the app's test sellers and shops, its test buyer, test
orders with their steps and scenarios, other events, each order's timeline."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from apps_mgmt.menu import app_menu
from apps_mgmt.models import App
from apps_mgmt.permissions import get_app_for_member
from console.lib.errors import DomainError
from partners.permissions import actor_of, get_membership
from partners.roles import Permission
from sandbox.services import OrderStateError

from . import selectors, services
from .forms import (
    EVENT_FORMS,
    CampaignForm,
    ChatForm,
    OrdersForm,
    ProductChangeForm,
    ProductCreateForm,
    ScenarioForm,
    StepForm,
)
from .models import Scenario
from .steps import REJECT_REASONS, allowed_steps

MENU = "testing:home"
NEED = Permission.MANAGE_TESTING_ACCOUNTS
EVENT_PREFIXES = {
    "chat_notification": "chat",
    "product_creation": "create",
    "product_changes": "change",
    "campaign_notification": "campaign",
}


def _can_write(request: HttpRequest) -> bool:
    membership = get_membership(request)
    return bool(membership and membership.allows(NEED))


def _home(request: HttpRequest, app: App, *, status: int = 200, **forms: Any) -> HttpResponse:
    sellers = selectors.sellers_of(app)
    products = selectors.orderable_products(app)
    placed, limit = selectors.daily_orders(app)
    event_forms = {
        "chat_notification": forms.get("chat_notification") or ChatForm(prefix="chat", sellers=sellers),
        "product_creation": forms.get("product_creation") or ProductCreateForm(prefix="create", sellers=sellers),
        "product_changes": forms.get("product_changes") or ProductChangeForm(prefix="change", products=products),
        "campaign_notification": forms.get("campaign_notification")
        or CampaignForm(prefix="campaign", products=products),
    }
    context = {
        "app": app,
        "menu": app_menu(app, current=MENU),
        "can_write": _can_write(request),
        "sellers": sellers,
        "shops_limit": services.shops_limit(),
        "buyer": selectors.buyer_of(app),
        "orders_form": forms.get("orders_form") or OrdersForm(products=products),
        "event_forms": event_forms,
        "placed_today": placed,
        "daily_limit": limit,
        "orders": selectors.orders_page(app, page=request.GET.get("page", 1)),
    }
    response = render(request, "testing/home.html", context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def home(request: HttpRequest, fs_id: int) -> HttpResponse:
    return _home(request, get_app_for_member(request, fs_id))


def _done(request: HttpRequest, app: App, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    return redirect(reverse("testing:home", kwargs={"fs_id": app.fs_id}) + anchor)


def _refused(request: HttpRequest, app: App, error: DomainError, anchor: str = "") -> HttpResponse:
    messages.error(request, str(error))
    return redirect(reverse("testing:home", kwargs={"fs_id": app.fs_id}) + anchor)


@login_required
@require_POST
def seller_create(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    try:
        seller = services.testing_seller_create(app=app, actor=actor_of(request))
    except DomainError as error:
        return _refused(request, app, error, "#sellers-heading")
    shop = seller.shop
    return _done(
        request,
        app,
        f"{seller.seller_name} and {shop.name} (shop_id {shop.shop_id}) are ready, linked to {app.name}.",
        "#sellers-heading",
    )


@login_required
@require_POST
def seller_reset(request: HttpRequest, fs_id: int, number: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    seller = selectors.seller_of(app, number)
    try:
        services.testing_seller_reset(seller=seller, actor=actor_of(request))
    except DomainError as error:
        return _refused(request, app, error, "#sellers-heading")
    return _done(
        request,
        app,
        gettext("{shop} is reset: no orders, its sample products back.").format(shop=seller.shop.name),
        "#sellers-heading",
    )


@login_required
@require_POST
def buyer_create(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    try:
        buyer = services.testing_buyer_create(app=app, actor=actor_of(request))
    except DomainError as error:
        return _refused(request, app, error, "#buyer-heading")
    return _done(
        request,
        app,
        gettext("{name} ({email}) is ready to place orders.").format(name=buyer.name, email=buyer.email),
        "#buyer-heading",
    )


@login_required
@require_POST
def orders_place(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    form = OrdersForm(request.POST, products=selectors.orderable_products(app))
    if not form.is_valid():
        return _home(request, app, orders_form=form, status=400)
    seller = next((seller for seller in selectors.sellers_of(app) if seller.shop_id == form.shop_id()), None)
    if seller is None:  # pragma: no cover - the form offers only the app's test shops' products
        return _home(request, app, orders_form=form, status=400)
    try:
        orders = services.testing_orders_place(
            seller=seller, lines=form.cleaned_data["lines"], count=form.cleaned_data["count"], actor=actor_of(request)
        )
    except DomainError as error:
        form.add_error(None, str(error))
        return _home(request, app, orders_form=form, status=400)
    if len(orders) == 1:
        messages.success(
            request,
            gettext("Order {invoice_number} is placed and paid (220).").format(invoice_number=orders[0].invoice_number),
        )
        return redirect("testing:order", fs_id=app.fs_id, order_id=orders[0].order_id)
    return _done(
        request, app, gettext("{count} orders are placed and paid (220).").format(count=len(orders)), "#orders-heading"
    )


@login_required
@require_POST
def event_fire(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    event = request.POST.get("event", "")
    if event not in EVENT_FORMS:
        messages.error(request, gettext("Choose an event to fire."))
        return redirect("testing:home", fs_id=app.fs_id)
    sellers = selectors.sellers_of(app)
    products = selectors.orderable_products(app)
    by_number = {seller.number: seller for seller in sellers}
    by_shop = {seller.shop_id: seller for seller in sellers}
    prefix = EVENT_PREFIXES[event]
    form: Any
    if event in ("chat_notification", "product_creation"):
        form = (ChatForm if event == "chat_notification" else ProductCreateForm)(
            request.POST, prefix=prefix, sellers=sellers
        )
    else:
        form = (ProductChangeForm if event == "product_changes" else CampaignForm)(
            request.POST, prefix=prefix, products=products
        )
    if not form.is_valid():
        return _home(request, app, status=400, **{event: form})
    actor = actor_of(request)
    data = form.cleaned_data
    try:
        if event == "chat_notification":
            services.testing_event_chat(seller=by_number[data["shop"]], message=data["message"], actor=actor)
            done = gettext("The buyer's chat message is sent: a chat notification is on its way.")
        elif event == "product_creation":
            product = services.testing_event_product_create(seller=by_number[data["shop"]], actor=actor)
            done = gettext("{name} ({id}) is created: a product creation notification is on its way.").format(
                name=product.name, id=product.product_id
            )
        else:
            seller = by_shop[next(p.shop_id for p in products if p.product_id == data["product"])]
            if event == "product_changes":
                services.testing_event_product_change(
                    seller=seller, product_id=data["product"], price=data["price"], stock=data["stock"], actor=actor
                )
                done = gettext("The product is changed: a product changes notification is on its way.")
            else:
                services.testing_event_campaign(
                    seller=seller, product_id=data["product"], discount_percentage=data["discount"], actor=actor
                )
                done = gettext("A slash price campaign started: a campaign notification is on its way.")
    except DomainError as error:
        form.add_error(None, str(error))
        return _home(request, app, status=400, **{event: form})
    return _done(request, app, done, "#events-heading")


# --- One order ----------------------------------------------------------------------


def _order_page(request: HttpRequest, app: App, order_id: int, *, status: int = 200) -> HttpResponse:
    order = selectors.order_of(app, order_id)
    scenarios = selectors.scenarios_of(order)
    running = next((scenario for scenario in scenarios if scenario.status == Scenario.Status.RUNNING), None)
    timeline = selectors.order_timeline(app, order)
    # A webhook not tried yet is seconds away; one retrying may wait hours, so it doesn't keep the page polling.
    pending = any(
        entry.delivery is not None
        and entry.delivery.message.status == "pending"
        and not entry.delivery.message.attempts
        for entry in timeline
    )
    context = {
        "app": app,
        "menu": app_menu(app, current=MENU),
        "can_write": _can_write(request),
        "order": order,
        "steps": [] if running else allowed_steps(order),
        "reject_reasons": REJECT_REASONS,
        "buyer_reasons": StepForm.base_fields["buyer_reason_code"].choices,  # type: ignore[attr-defined]
        "running": running,
        "scenarios": scenarios,
        "scenario_kinds": Scenario.Kind.choices,
        "timeline": timeline,
        # Keep the page current while something is still moving.
        "poll": bool(running or pending),
    }
    response = render(request, "testing/order.html", context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
@require_GET
def order(request: HttpRequest, fs_id: int, order_id: int) -> HttpResponse:
    return _order_page(request, get_app_for_member(request, fs_id), order_id)


@login_required
@require_POST
def order_step(request: HttpRequest, fs_id: int, order_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    order = selectors.order_of(app, order_id)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the order's next steps."))
        return redirect("testing:order", fs_id=app.fs_id, order_id=order.order_id)
    step = form.cleaned_data["step"]
    try:
        moved = services.testing_order_step(app=app, order=order, step=step, actor=actor_of(request), **form.params())
    except OrderStateError as error:
        messages.error(request, gettext("{error} ({code})").format(error=error, code=error.code))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Done: the order is {status} ({moved}).").format(
                status=moved.status, moved=moved.get_status_display()
            ),
        )
    return redirect("testing:order", fs_id=app.fs_id, order_id=order.order_id)


@login_required
@require_POST
def scenario_start(request: HttpRequest, fs_id: int, order_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, need=NEED)
    order = selectors.order_of(app, order_id)
    form = ScenarioForm(request.POST)
    try:
        if not form.is_valid():
            raise services.TestAccountError(gettext("Choose a scenario: the happy path or a cancellation."))
        scenario = services.scenario_start(
            app=app, order=order, kind=form.cleaned_data["kind"], actor=actor_of(request)
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("The {kind} is playing: a step every {seconds} s. This page follows it.").format(
                kind=scenario.get_kind_display().lower(), seconds=f"{scenario.step_seconds:g}"
            ),
        )
    return redirect("testing:order", fs_id=app.fs_id, order_id=order.order_id)
