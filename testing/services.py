"""Every write of Testing Account: test sellers and shops, the test buyer,
test orders and their steps, scenarios, other events, and the clean-up when
the app is deleted.

Order steps and events go through the sandbox's services (sandbox/services.py),
the same ones the Open API calls, so a test order follows the rules a real
one does and fires the same webhooks through the outbox.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from accounts.models import User
from apps_mgmt.models import App
from audit.services import audit_record
from console.lib.errors import DomainError
from partners.permissions import member_authorize
from partners.roles import Permission
from sandbox import services as sandbox
from sandbox.data import sandbox_shop_products_generate
from sandbox.models import SandboxOrder, SandboxProduct
from sandbox.services import Actor, OrderStateError
from shops.services.testing_shops import testing_shop_open, testing_shops_close

from .models import Buyer, DailyOrders, Scenario, SellerShop
from .steps import SCENARIO_GOALS, STEPS, next_scenario_step

logger = logging.getLogger(__name__)

NEED = Permission.MANAGE_TESTING_ACCOUNTS
# Test ids stay clear of the catalogue's: a test shop is TEST_SHOP_BASE +
# fs_id * 100 + its number; its sellers and buyer likewise under TEST_USER_BASE;
# its orders shop_id * ORDER_STRIDE + their number.
TEST_SHOP_BASE = 900_000_000_000
TEST_USER_BASE = 800_000_000_000
ORDER_STRIDE = 1_000_000
MAX_SHOPS = 99  # a number is two digits of the shop's id
MAX_BATCH = 100
MAX_QUANTITY = 99


class TestAccountError(DomainError):
    """Testing Account refused: the message says what to do instead."""

    __test__ = False  # not a pytest test class, whatever its name


def shops_limit() -> int:
    """How many test shops an app may have (TESTING_SHOPS_PER_APP, at most 99)."""
    return min(settings.TESTING_SHOPS_PER_APP, MAX_SHOPS)


def _actor(user: User | None, app: App) -> Actor:
    return Actor.of_user(user, app=app) if user is not None else Actor(label="console", app=app)


def _locked_app(app: App, actor: User | None) -> App:
    app = App.objects.select_for_update().select_related("partner").get(pk=app.pk)
    member_authorize(actor=actor, partner=app.partner, need=NEED)
    if not app.is_live:
        raise TestAccountError(gettext("Test accounts work with a live app only."))
    return app


# --- Test sellers and shops ----------------------------------------------------


def testing_seller_create(*, app: App, actor: User | None) -> SellerShop:
    """A test seller with a test shop linked to the app at once (no consent
    email), stocked with the sandbox's sample products."""
    limit = shops_limit()
    with transaction.atomic():
        app = _locked_app(app, actor)
        taken = set(SellerShop.objects.filter(app=app).values_list("number", flat=True))
        free = sorted(set(range(1, limit + 1)) - taken)
        if not free:
            raise TestAccountError(
                ngettext(
                    "An app may have {limit} test shop, and {app} has it. Reset it to start it afresh.",
                    "An app may have {limit} test shops, and {app} has them all. Reset one to start it afresh.",
                    limit,
                ).format(limit=limit, app=app.name)
            )
        number = free[0]
        seller_email = f"seller{number}.{app.fs_id}@testing.invalid"
        shop = testing_shop_open(
            app=app,
            shop_id=TEST_SHOP_BASE + app.fs_id * 100 + number,
            name=f"Test Shop {number} of {app.name}"[:200],
            domain=f"test-{app.fs_id}-{number}",
            owner_id=TEST_USER_BASE + app.fs_id * 100 + number,
            owner_email=seller_email,
            actor=actor,
        )
        products = sandbox_shop_products_generate(shop=shop)
        seller = SellerShop.objects.create(
            app=app, shop=shop, number=number, seller_name=f"Test Seller {number}", seller_email=seller_email
        )
        audit_record(
            actor=actor,
            action="testing.seller_create",
            target=app,
            partner=app.partner,
            data={"shop_id": shop.shop_id, "domain": shop.domain, "products": products},
        )
    return seller


def testing_seller_reset(*, seller: SellerShop, actor: User | None) -> SellerShop:
    """Put a test shop back as it was made: its orders (and their scenarios) go,
    its products are the sample ones again. Order numbers carry on."""
    with transaction.atomic():
        _locked_app(seller.app, actor)
        seller = SellerShop.objects.select_for_update().select_related("app__partner", "shop").get(pk=seller.pk)
        orders, _ = SandboxOrder.objects.filter(shop=seller.shop).delete()
        SandboxProduct.objects.filter(shop=seller.shop).delete()
        products = sandbox_shop_products_generate(shop=seller.shop)
        seller.reset_at = timezone.now()
        seller.save(update_fields=["reset_at"])
        audit_record(
            actor=actor,
            action="testing.seller_reset",
            target=seller.app,
            partner=seller.app.partner,
            data={"shop_id": seller.shop.shop_id, "rows_deleted": orders, "products": products},
        )
    return seller


def testing_buyer_create(*, app: App, actor: User | None) -> Buyer:
    """The app's test buyer, who places its test orders."""
    with transaction.atomic():
        app = _locked_app(app, actor)
        if Buyer.objects.filter(app=app).exists():
            raise TestAccountError(gettext("{name} has its test buyer already.").format(name=app.name))
        buyer_id = TEST_USER_BASE + app.fs_id * 100
        buyer = Buyer.objects.create(
            app=app,
            buyer_id=buyer_id,
            name="Test Buyer",
            email=f"buyer.{app.fs_id}@testing.invalid",
            phone="081299990000",
            address={
                "receiver_name": "Test Buyer",
                "receiver_phone": "081299990000",
                "address_street": "Jl. Pengujian No. 1",
                "address_district": "Setiabudi",
                "address_city": "Jakarta Selatan",
                "address_province": "DKI Jakarta",
                "address_postal": "12910",
                "customer_address_id": buyer_id % 10**9,
                "district_id": 2270,
                "city_id": 175,
                "province_id": 13,
                "geo": "-6.2211974,106.8172307",
            },
        )
        audit_record(
            actor=actor, action="testing.buyer_create", target=app, partner=app.partner, data={"buyer_id": buyer_id}
        )
    return buyer


# --- Test orders ---------------------------------------------------------------


def testing_orders_place(
    *, seller: SellerShop, lines: list[tuple[int, int]], count: int, actor: User | None
) -> list[SandboxOrder]:
    """`count` orders (1 to 100) from the test buyer, each of the products and
    quantities in `lines` ([(product_id, quantity)]), paid (220): each fires
    the order notification webhook. Counts toward the app's daily limit."""
    if not 1 <= count <= MAX_BATCH:
        raise TestAccountError(gettext("Place 1 to {MAX_BATCH} orders at a time.").format(MAX_BATCH=MAX_BATCH))
    if not lines:
        raise TestAccountError(gettext("Choose at least one product."))
    if any(not 1 <= quantity <= MAX_QUANTITY for _, quantity in lines):
        raise TestAccountError(gettext("A quantity is 1 to {MAX_QUANTITY}.").format(MAX_QUANTITY=MAX_QUANTITY))
    with transaction.atomic():
        app = _locked_app(seller.app, actor)
        seller = SellerShop.objects.select_for_update().select_related("shop").get(pk=seller.pk)
        buyer = Buyer.objects.filter(app=app).first()
        if buyer is None:
            raise TestAccountError(gettext("Create the test buyer first: the orders are theirs."))
        products = {
            product.product_id: product
            for product in SandboxProduct.objects.filter(
                shop=seller.shop, product_id__in=[product_id for product_id, _ in lines]
            )
            .select_related("shop")
            .annotate(variant_count=Count("variants"))
        }
        chosen: list[tuple[SandboxProduct, int]] = []
        for product_id, quantity in lines:
            product = products.get(product_id)
            if product is None:
                raise TestAccountError(
                    gettext("Product {product_id} isn't one of {shop}'s.").format(
                        product_id=product_id, shop=seller.shop.name
                    )
                )
            if product.status != 1 or product.variant_count:
                raise TestAccountError(
                    gettext("{name} can't be ordered: choose an active product or a variant.").format(name=product.name)
                )
            chosen.append((product, quantity))
        now = timezone.now()
        _daily_orders_take(app, count, now)
        first = seller.orders_placed + 1
        seller.orders_placed += count
        seller.save(update_fields=["orders_placed"])
        shop = seller.shop
        on_behalf = _actor(actor, app)
        orders = [
            sandbox.sandbox_order_place(
                shop=shop,
                order_id=shop.shop_id * ORDER_STRIDE + number,
                invoice_number=f"INV/{timezone.localdate(now):%Y%m%d}/TEST/{shop.shop_id}/{number}",
                buyer=buyer.as_order_buyer(),
                destination=buyer.address,
                lines=chosen,
                actor=on_behalf,
            )
            for number in range(first, first + count)
        ]
        audit_record(
            actor=actor,
            action="testing.orders_place",
            target=app,
            partner=app.partner,
            data={"shop_id": shop.shop_id, "count": count, "first_order_id": orders[0].order_id},
        )
    return orders


def _daily_orders_take(app: App, count: int, now: datetime) -> None:
    limit = settings.TESTING_ORDERS_PER_DAY
    day = timezone.localdate(now)
    DailyOrders.objects.get_or_create(app=app, day=day)
    row = DailyOrders.objects.select_for_update().get(app=app, day=day)
    if row.count + count > limit:
        left = max(0, limit - row.count)
        zone = timezone.get_current_timezone_name()
        raise TestAccountError(
            (
                gettext(
                    "{app} may place {limit} test orders a day and has placed {count} today: no more until midnight "
                    "({zone}). Place fewer, or wait until tomorrow."
                )
                if not left
                else gettext(
                    "{app} may place {limit} test orders a day and has placed {count} today: {left} more until "
                    "midnight ({zone}). Place fewer, or wait until tomorrow."
                )
            ).format(app=app.name, limit=limit, count=row.count, left=left, zone=zone)
        )
    row.count += count
    row.save(update_fields=["count"])


def testing_order_step(*, app: App, order: SandboxOrder, step: str, actor: User | None, **params: Any) -> SandboxOrder:
    """One step of a test order, from its page's buttons: the sandbox service
    the Open API calls too, refusing with Tokopedia's code what the status doesn't allow."""
    if step not in STEPS:
        raise TestAccountError(gettext("Choose one of the order's next steps."))
    member_authorize(actor=actor, partner=app.partner, need=NEED)
    return STEPS[step].run(order, _actor(actor, app), **params)


# --- Scenarios -------------------------------------------------------------------


def scenario_start(*, app: App, order: SandboxOrder, kind: str, actor: User | None) -> Scenario:
    """Play the order through a scenario in the background, one step every
    TESTING_SCENARIO_STEP_SECONDS, the first at once."""
    if kind not in Scenario.Kind.values:
        raise TestAccountError(gettext("Choose a scenario: the happy path or a cancellation."))
    label = Scenario.Kind(kind).label
    with transaction.atomic():
        member_authorize(actor=actor, partner=app.partner, need=NEED)
        order = SandboxOrder.objects.select_for_update().get(pk=order.pk)
        if Scenario.objects.filter(order=order, status=Scenario.Status.RUNNING).exists():
            raise TestAccountError(gettext("A scenario is playing this order already; wait for it to end."))
        if next_scenario_step(kind, order) is None:
            raise TestAccountError(
                gettext("The {label} can't start from status {status} ({label2}): place a new order for it.").format(
                    label=label.lower(), status=order.status, label2=SandboxOrder.Status(order.status).label
                )
            )
        now = timezone.now()
        scenario = Scenario.objects.create(
            app=app,
            order=order,
            kind=kind,
            step_seconds=settings.TESTING_SCENARIO_STEP_SECONDS,
            next_at=now,
            started_by=actor.email if actor is not None else "console",
        )
        audit_record(
            actor=actor,
            action="testing.scenario_start",
            target=app,
            partner=app.partner,
            data={"order_id": order.order_id, "scenario": kind},
        )
        transaction.on_commit(lambda: _nudge(scenario.pk, 0))
    return scenario


def scenario_advance(*, scenario_id: int, now: datetime | None = None) -> Scenario | None:
    """Play the scenario's next step if it is due and nobody else is playing it;
    None when there was nothing to do. Safe to call twice for the same step."""
    now = now or timezone.now()
    with transaction.atomic():
        scenario = (
            Scenario.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("app", "order__shop")
            .filter(pk=scenario_id, status=Scenario.Status.RUNNING, next_at__lte=now)
            .first()
        )
        if scenario is None:
            return None
        # A worker writes the outcome (and a refusal's reason) once: in the language
        # of who started the scenario, who reads it on the order's page.
        # Its name in the order's history is data the Open API answers: as the site writes it.
        actor = Actor.of_scenario(scenario.app, name=scenario.get_kind_display())
        with translation.override(_reader_language(scenario.started_by)):
            order = scenario.order
            step = next_scenario_step(scenario.kind, order)
            if step is not None:
                try:
                    with transaction.atomic():
                        order = STEPS[step].run(order, actor)
                    scenario.steps_done += 1
                except OrderStateError as refused:
                    _scenario_end(
                        scenario,
                        Scenario.Status.STOPPED,
                        gettext("Stopped: {reason} ({code})").format(reason=refused, code=refused.code),
                        now,
                    )
                    return scenario
            if next_scenario_step(scenario.kind, order) is None:
                if order.status == SCENARIO_GOALS[scenario.kind]:
                    outcome = gettext("Played through: the order is {status} ({label}).").format(
                        status=order.status, label=SandboxOrder.Status(order.status).label
                    )
                    _scenario_end(scenario, Scenario.Status.DONE, outcome, now)
                else:
                    outcome = gettext("Stopped: the order became {status} ({label}) by another hand.").format(
                        status=order.status, label=SandboxOrder.Status(order.status).label
                    )
                    _scenario_end(scenario, Scenario.Status.STOPPED, outcome, now)
                return scenario
            scenario.next_at = now + timedelta(seconds=scenario.step_seconds)
            scenario.save(update_fields=["steps_done", "next_at"])
            seconds = scenario.step_seconds
            transaction.on_commit(lambda: _nudge(scenario.pk, seconds))
    return scenario


def _reader_language(email: str) -> str:
    """The saved language of the account with this address, else the site's."""
    language = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE


def _scenario_end(scenario: Scenario, status: str, outcome: str, now: datetime) -> None:
    scenario.status, scenario.outcome, scenario.finished_at = status, outcome[:300], now
    scenario.save(update_fields=["status", "outcome", "finished_at", "steps_done"])


def scenarios_advance_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Play every due step (beat's sweep: nudges lost with a worker or the broker). Returns how many played."""
    now = now or timezone.now()
    due = list(
        Scenario.objects.filter(status=Scenario.Status.RUNNING, next_at__lte=now)
        .order_by("next_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in due if scenario_advance(scenario_id=pk, now=now) is not None)


def _nudge(scenario_id: int, countdown: float) -> None:
    # Looked up by name: tasks.py calls this module, so it can't be imported here.
    task = current_app.tasks["testing.tasks.advance_scenario"]
    try:
        task.apply_async((scenario_id,), countdown=countdown, retry=False)
    except Exception as error:  # noqa: BLE001 - the broker being down must never fail a committed change
        logger.warning("testing: could not nudge scenario %s (%s); beat's sweep will play it", scenario_id, error)


# --- Other events ------------------------------------------------------------------


def _event_audit(seller: SellerShop, actor: User | None, event: str, data: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action="testing.event_fire",
        target=seller.app,
        partner=seller.app.partner,
        data={"event": event, "shop_id": seller.shop.shop_id, **data},
    )


def testing_event_chat(*, seller: SellerShop, message: str, actor: User | None) -> int:
    """The test buyer writes to the test shop: the chat notification webhook."""
    message = message.strip()
    if not message:
        raise TestAccountError(gettext("Write the buyer's message."))
    with transaction.atomic():
        app = _locked_app(seller.app, actor)
        buyer = Buyer.objects.filter(app=app).first()
        if buyer is None:
            raise TestAccountError(gettext("Create the test buyer first: the message is theirs."))
        msg_id = sandbox.sandbox_chat_message_send(
            shop=seller.shop, buyer=buyer.as_order_buyer(), message=message[:1000], actor=_actor(actor, app)
        )
        _event_audit(seller, actor, "chat_notification", {"msg_id": msg_id})
    return msg_id


def testing_event_product_create(*, seller: SellerShop, actor: User | None) -> SandboxProduct:
    """A new product in the test shop: the product creation webhook."""
    with transaction.atomic():
        app = _locked_app(seller.app, actor)
        product = sandbox.sandbox_product_create(shop=seller.shop, actor=_actor(actor, app))
        _event_audit(seller, actor, "product_creation", {"product_id": product.product_id})
    return product


def _product_of(seller: SellerShop, product_id: int) -> SandboxProduct:
    product = SandboxProduct.objects.select_related("shop").filter(shop=seller.shop, product_id=product_id).first()
    if product is None:
        raise TestAccountError(
            gettext("Product {product_id} isn't one of {shop}'s.").format(product_id=product_id, shop=seller.shop.name)
        )
    return product


def testing_event_product_change(
    *, seller: SellerShop, product_id: int, price: int | None, stock: int | None, actor: User | None
) -> SandboxProduct:
    """Change a product's price or stock (the Open API's own services): the product changes webhook."""
    if price is None and stock is None:
        raise TestAccountError(gettext("Give the product a new price, a new stock, or both."))
    with transaction.atomic():
        app = _locked_app(seller.app, actor)
        product = _product_of(seller, product_id)
        on_behalf = _actor(actor, app)
        if price is not None:
            sandbox.sandbox_product_price_update(
                shop=seller.shop, rows=[{"product_id": product_id, "new_price": price}], actor=on_behalf
            )
        if stock is not None:
            sandbox.sandbox_product_stock_update(
                shop=seller.shop, rows=[{"product_id": product_id, "new_stock": stock}], actor=on_behalf
            )
        _event_audit(seller, actor, "product_changes", {"product_id": product_id, "price": price, "stock": stock})
    product.refresh_from_db()
    return product


def testing_event_campaign(
    *, seller: SellerShop, product_id: int, discount_percentage: int, actor: User | None
) -> dict[str, Any]:
    """A slash price campaign starts on a product: the campaign notification webhook."""
    with transaction.atomic():
        app = _locked_app(seller.app, actor)
        product = _product_of(seller, product_id)
        window = sandbox.sandbox_campaign_start(
            product=product, discount_percentage=discount_percentage, hours=24, actor=_actor(actor, app)
        )
        _event_audit(seller, actor, "campaign_notification", {"product_id": product_id})
    return window


# --- The app's deletion ---------------------------------------------------------------


def testing_accounts_remove_for_app(*, app: App, actor: User | None) -> int:
    """Remove everything Testing Account made for a deleted app: its test
    shops (with their products, orders and scenarios), its buyer, its counts.
    Returns how many test shops went."""
    sellers = list(SellerShop.objects.filter(app=app).select_related("shop"))
    had_buyer = Buyer.objects.filter(app=app).exists()
    Scenario.objects.filter(app=app).delete()
    testing_shops_close(shops=[seller.shop for seller in sellers])
    Buyer.objects.filter(app=app).delete()
    DailyOrders.objects.filter(app=app).delete()
    if sellers or had_buyer:
        audit_record(
            actor=actor,
            action="testing.remove_for_app",
            target=app,
            partner=app.partner,
            data={"shop_ids": [seller.shop.shop_id for seller in sellers], "buyer": had_buyer},
        )
    return len(sellers)
