"""The order lifecycle and the stock and price updates: one service per step,
Tokopedia's status and error codes, an audit row, and the same rules whoever
drives it (an app through the Open API, a person in the console)."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from apps_mgmt.tests.factories import issue_app
from audit.models import AuditEvent
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder, SandboxProduct
from sandbox.services import (
    Actor,
    OrderStateError,
    sandbox_order_ack,
    sandbox_order_deliver,
    sandbox_order_finish,
    sandbox_order_label_print,
    sandbox_order_nack,
    sandbox_order_pickup_request,
    sandbox_order_ship,
    sandbox_product_price_update,
    sandbox_product_stock_update,
)
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    shop = ShopFactory()
    sandbox_shops_generate(shops=[shop])
    return shop


@pytest.fixture
def app_actor():
    return Actor.of_app(issue_app(PartnerFactory(status=Partner.Status.ACTIVE), name="Alice's app").app)


def _order(shop, status: int) -> SandboxOrder:
    return SandboxOrder.objects.filter(shop=shop, status=status).first()


def test_an_order_goes_from_paid_to_finished_step_by_step(shop, app_actor) -> None:
    order = _order(shop, 220)
    sandbox_order_ack(order=order, actor=app_actor)
    sandbox_order_pickup_request(order=order, actor=app_actor)
    sandbox_order_ship(order=order, shipping_ref_num="RESI123", actor=app_actor)
    sam = UserFactory()
    sandbox_order_deliver(order=order, actor=Actor.of_user(sam))
    sandbox_order_finish(order=order, actor=Actor.of_user(sam))
    order.refresh_from_db()
    assert order.status == 700
    assert [entry["status"] for entry in order.history[-5:]] == [400, 450, 500, 600, 700]
    assert order.shipping_ref_num == "RESI123" and order.booking_code and order.shipped_at and order.delivered_at
    actions = set(AuditEvent.objects.filter(target_id=str(order.pk)).values_list("action", "actor_label"))
    assert {("sandbox.order.ack", app_actor.label), ("sandbox.order.finish", sam.email)} <= actions


@pytest.mark.parametrize(
    ("status", "step", "code"),
    [
        (400, lambda order, actor: sandbox_order_ack(order=order, actor=actor), "ORD_USC_001"),
        (
            500,
            lambda order, actor: sandbox_order_nack(order=order, reason_code=1, reason="", actor=actor),
            "ORD_USC_008",
        ),
        (220, lambda order, actor: sandbox_order_ship(order=order, shipping_ref_num="X", actor=actor), "LGS_USC_006"),
        (500, lambda order, actor: sandbox_order_pickup_request(order=order, actor=actor), "SHP_GRPC_003"),
        (220, lambda order, actor: sandbox_order_label_print(order=order, printed=True, actor=actor), "ORD_API_008"),
    ],
)
def test_a_step_the_status_does_not_allow_is_refused_with_tokopedias_code(shop, app_actor, status, step, code) -> None:
    order = _order(shop, status)
    with pytest.raises(OrderStateError) as refused:
        step(order, app_actor)
    assert refused.value.code == code
    assert f"has status {status}" in str(refused.value)
    order.refresh_from_db()
    assert order.status == status


def test_reason_code_0_rejects_shipping_after_accepting(shop, app_actor) -> None:
    order = _order(shop, 400)
    sandbox_order_nack(order=order, reason_code=0, reason="Courier never came", actor=app_actor)
    order.refresh_from_db()
    assert (order.status, order.reject_reason_code) == (SandboxOrder.Status.SELLER_CANCELLED, 0)


def test_stock_and_price_update_by_sku_first_then_product_id(shop, app_actor) -> None:
    first, second = SandboxProduct.objects.filter(shop=shop, parent=None)[:2]
    other = ShopFactory()
    sandbox_shops_generate(shops=[other])
    outsider = SandboxProduct.objects.filter(shop=other).first()
    result = sandbox_product_stock_update(
        shop=shop,
        rows=[
            {"sku": first.sku, "product_id": second.product_id, "new_stock": 11},
            {"product_id": second.product_id, "new_stock": 22},
            {"product_id": outsider.product_id, "new_stock": 33},
        ],
        actor=app_actor,
    )
    assert result.succeed_rows == 2
    assert result.failed_rows_data == [
        {
            "product_id": outsider.product_id,
            "sku": "",
            "product_url": "",
            "new_stock": 33,
            "message": "Invalid Product ID.",
        }
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    outsider.refresh_from_db()
    assert (first.stock, second.stock) == (11, 22) and outsider.stock != 33
    price = sandbox_product_price_update(shop=shop, rows=[{"sku": first.sku, "new_price": 15_000}], actor=app_actor)
    first.refresh_from_db()
    assert price.succeed_rows == 1 and first.price == 15_000 and first.price_updated_at
    assert AuditEvent.objects.filter(action="sandbox.product.price_update", target_id=str(first.pk)).exists()


def test_each_change_fires_its_webhooks_to_the_apps_linked_to_the_shop(shop, app_actor, settings) -> None:
    from shops.models import ShopLink
    from webhooks.models import Delivery
    from webhooks.services import webhook_endpoints_register

    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    app = app_actor.app
    ShopLink.objects.create(partner=app.partner, app=app, shop=shop, status=ShopLink.Status.ACTIVE)
    urls = {event: f"http://127.0.0.1:9/{event}" for event in ("order_status", "order_cancellation", "product_changes")}
    webhook_endpoints_register(app=app, urls=urls, actor=None)
    accepted, refused = SandboxOrder.objects.filter(shop=shop, status=220)[:2]
    sandbox_order_ack(order=accepted, actor=Actor.of_user(UserFactory()))
    sandbox_order_nack(order=refused, reason_code=1, reason="Out of stock", actor=app_actor)
    product = SandboxProduct.objects.filter(shop=shop).first()
    sandbox_product_stock_update(shop=shop, rows=[{"product_id": product.product_id, "new_stock": 3}], actor=app_actor)
    events = sorted(Delivery.objects.filter(app=app).values_list("endpoint__event", flat=True))
    assert events == ["order_cancellation", "order_status", "order_status", "product_changes"]
