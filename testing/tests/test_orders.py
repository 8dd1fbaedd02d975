"""Test orders: placed from the test buyer, one or a batch, within the daily
limit; driven by buttons showing only the allowed next steps, through the
sandbox services the Open API uses, each step's webhook in the outbox; and a
timeline per order."""

from __future__ import annotations

import json

import pytest

from audit.models import AuditEvent
from openapi.services import access_token_issue
from sandbox.models import SandboxOrder
from testing import services
from testing.services import TestAccountError
from webhooks.models import Delivery

from .conftest import Alice, register_every_event

pytestmark = pytest.mark.django_db


def _events(alice: Alice, order: SandboxOrder) -> list[str]:
    return list(
        Delivery.objects.filter(app=alice.app, subject=f"order:{order.order_id}")
        .order_by("created_at", "message_id")
        .values_list("event", flat=True)
    )


def _place(alice: Alice, count: int = 1, **form: object) -> object:
    product = alice.product()
    data = {"product_1": product.product_id, "quantity_1": 2, "count": count, **form}
    return alice.client.post(alice.url("orders/"), data)


def test_one_order_from_the_form_is_paid_and_fires_the_order_notification(alice: Alice, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    response = _place(alice)
    order = SandboxOrder.objects.get(shop=alice.seller.shop)
    assert response.status_code == 302 and response["Location"].endswith(f"/testing/orders/{order.order_id}/")
    assert order.status == 220 and order.buyer["id"] == alice.buyer.buyer_id
    assert order.items[0]["quantity"] == 2 and order.total_price == order.item_price + order.shipping_price
    assert _events(alice, order) == ["order_notification"]
    body = json.loads(Delivery.objects.get(subject=f"order:{order.order_id}").message.payload["body"])
    assert body["order_id"] == order.order_id and body["order_status"] == 220 and body["fs_id"] == alice.app.fs_id


def test_a_batch_of_a_hundred_is_a_hundred_orders_and_no_more(alice: Alice) -> None:
    assert _place(alice, count=100).status_code == 302
    assert SandboxOrder.objects.filter(shop=alice.seller.shop).count() == 100
    refused = _place(alice, count=101)
    assert refused.status_code == 400 and "Ensure this value is less than or equal to 100" in refused.content.decode()


def test_the_daily_limit_is_per_app_with_a_clear_message(alice: Alice, settings) -> None:
    settings.TESTING_ORDERS_PER_DAY = 5
    assert _place(alice, count=4).status_code == 302
    refused = _place(alice, count=2)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "may place 5 test orders a day and has placed 4 today: 1 more until midnight" in page
    assert SandboxOrder.objects.filter(shop=alice.seller.shop).count() == 4
    # Reset doesn't give the day's orders back.
    alice.client.post(alice.url(f"sellers/{alice.seller.number}/reset/"))
    assert _place(alice, count=2).status_code == 400


def test_products_of_two_shops_make_no_order(alice: Alice) -> None:
    second = services.testing_seller_create(app=alice.app, actor=alice.user)
    other = second.shop.sandbox_products.filter(parent__isnull=False).first()
    refused = _place(alice, product_2=other.product_id, quantity_2=1)
    assert refused.status_code == 400 and "An order comes from one shop" in refused.content.decode()


def test_there_is_no_order_without_the_test_buyer(alice: Alice) -> None:
    alice.buyer.delete()
    with pytest.raises(TestAccountError, match="Create the test buyer first"):
        services.testing_orders_place(
            seller=alice.seller, lines=[(alice.product().product_id, 1)], count=1, actor=alice.user
        )


def _order(alice: Alice) -> SandboxOrder:
    [order] = services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=1, actor=alice.user
    )
    return order


def _buttons(alice: Alice, order: SandboxOrder) -> list[str]:
    page = alice.client.get(alice.url(f"orders/{order.order_id}/")).content.decode()
    return [name for name in services.STEPS if f'name="step" value="{name}"' in page]


def _step(alice: Alice, order: SandboxOrder, step: str, **data: object) -> str:
    response = alice.client.post(alice.url(f"orders/{order.order_id}/step/"), {"step": step, **data}, follow=True)
    return response.content.decode()


def test_an_order_goes_to_finished_by_buttons_that_show_only_the_next_steps(alice: Alice, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    order = _order(alice)
    assert _buttons(alice, order) == ["ack", "nack", "buyer_cancel", "cancel_request"]
    _step(alice, order, "ack")
    assert _buttons(alice, order) == ["nack", "pickup", "ship", "cancel_request"] or set(_buttons(alice, order)) == {
        "pickup",
        "ship",
        "nack",
        "cancel_request",
    }
    page = _step(alice, order, "ship", shipping_ref_num="RESI-ALICE-1")
    assert "the order is 500" in page
    assert _buttons(alice, order) == ["deliver"]
    _step(alice, order, "deliver")
    _step(alice, order, "finish")
    order.refresh_from_db()
    assert order.status == 700 and order.shipping_ref_num == "RESI-ALICE-1"
    assert _buttons(alice, order) == []
    assert _events(alice, order) == ["order_notification", *["order_status"] * 4]
    actions = AuditEvent.objects.filter(action__startswith="sandbox.order.", actor=alice.user).values_list(
        "action", flat=True
    )
    assert set(actions) >= {"sandbox.order.ack", "sandbox.order.ship", "sandbox.order.finish"}


def test_a_step_the_status_doesnt_allow_is_refused_with_tokopedias_code_by_button_and_api_alike(
    alice: Alice, client
) -> None:
    order = _order(alice)
    _step(alice, order, "ack")
    page = _step(alice, order, "ack")
    assert "(ORD_USC_001)" in page
    api = client.post(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/ack",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
    )
    assert api.status_code == 400 and api.json()["header"]["error_code"] == "ORD_USC_001"
    order.refresh_from_db()
    assert [entry["status"] for entry in order.history].count(400) == 1


def test_the_buyer_requests_cancellation_and_the_seller_grants_it(alice: Alice, settings) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    order = _order(alice)
    _step(alice, order, "ack")
    _step(alice, order, "cancel_request", buyer_reason_code=2)
    assert _buttons(alice, order) == ["nack", "cancel_accept", "cancel_reject"] or set(_buttons(alice, order)) == {
        "cancel_accept",
        "cancel_reject",
        "nack",
    }
    _step(alice, order, "cancel_accept")
    order.refresh_from_db()
    assert order.status == 15 and order.cancel_request == {} and order.reject_reason_code == 2
    events = _events(alice, order)
    assert events == [
        "order_notification",
        "order_status",
        "order_request_cancellation",
        "order_status",
        "order_cancellation",
    ]
    request = Delivery.objects.get(subject=f"order:{order.order_id}", event="order_request_cancellation")
    body = json.loads(request.message.payload["body"])
    assert body["reason_code"] == 2 and body["order_id"] == order.order_id


def test_a_refused_cancellation_request_leaves_the_order_as_it_was(alice: Alice, client) -> None:
    order = _order(alice)
    _step(alice, order, "cancel_request")
    api = client.post(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/reject-cancel?shop_id={alice.seller.shop.shop_id}",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
    )
    assert api.status_code == 200, api.content
    order.refresh_from_db()
    assert order.status == 220 and order.cancel_request == {}
    again = client.post(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/reject-cancel?shop_id={alice.seller.shop.shop_id}",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
    )
    assert again.status_code == 400 and again.json()["header"]["error_code"] == "ORD_API_016"


def test_the_seller_rejects_an_order(alice: Alice) -> None:
    order = _order(alice)
    _step(alice, order, "nack", reason_code=7)
    order.refresh_from_db()
    assert (order.status, order.reject_reason_code, order.reject_reason) == (10, 7, "Courier problem")
    assert _buttons(alice, order) == []


def test_the_buyer_cancels_at_once_only_before_the_seller_accepts(alice: Alice) -> None:
    order = _order(alice)
    _step(alice, order, "ack")
    assert "(ORD_USC_008)" in _step(alice, order, "buyer_cancel")
    fresh = _order(alice)
    _step(alice, fresh, "buyer_cancel")
    fresh.refresh_from_db()
    assert fresh.status == 15


def test_the_timeline_says_each_status_when_by_whom_and_each_webhook_with_its_result(
    alice: Alice, client, settings
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    register_every_event(alice.app, "http://127.0.0.1:9/hook")
    order = _order(alice)
    _step(alice, order, "ack")
    client.post(
        f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/status",
        json.dumps({"order_status": 500, "shipping_ref_num": "API-RESI"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
        HTTP_X_REQUEST_ID="req-alice-ship-1",
    )
    page = alice.client.get(alice.url(f"orders/{order.order_id}/")).content.decode()
    assert "400 Seller accepted the order" in page and "500 Order shipped" in page
    assert ">Button</span> " + alice.user.email in page
    assert f">Open API</span> app {alice.app.fs_id}" in page and "req-alice-ship-1" in page
    for delivery in Delivery.objects.filter(subject=f"order:{order.order_id}"):
        assert f"/apps/{alice.app.fs_id}/webhooks/deliveries/{delivery.webhook_id}/" in page
    assert page.count("Webhook: Order status") == 2 and "Webhook: Order notification" in page


def test_another_apps_order_is_a_404(alice: Alice) -> None:
    from .conftest import make_alice

    other = make_alice("Another app")
    [theirs] = services.testing_orders_place(
        seller=other.seller, lines=[(other.product().product_id, 1)], count=1, actor=other.user
    )
    assert alice.client.get(alice.url(f"orders/{theirs.order_id}/")).status_code == 404
    assert alice.client.post(alice.url(f"orders/{theirs.order_id}/step/"), {"step": "ack"}).status_code == 404


def test_the_open_api_lists_test_orders_filtered_by_status(alice: Alice, client) -> None:
    orders = services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=3, actor=alice.user
    )
    _step(alice, orders[0], "ack")
    now = int(orders[0].created_at.timestamp())
    listed = client.get(
        f"/v2/order/list?fs_id={alice.app.fs_id}&from_date={now - 60}&to_date={now + 60}&page=1&per_page=10&status=220",
        HTTP_AUTHORIZATION=f"Bearer {access_token_issue(app=alice.app).token}",
    ).json()["data"]
    assert sorted(row["order_id"] for row in listed) == sorted(order.order_id for order in orders[1:])
    assert {"order_id", "invoice_ref_num", "order_status", "shop_id", "products"} <= set(listed[0])


def test_the_pages_keep_their_queries_flat_as_orders_grow(alice: Alice, django_assert_max_num_queries) -> None:
    order = _order(alice)
    _step(alice, order, "ack")
    with django_assert_max_num_queries(25) as few:
        alice.client.get(alice.url())
        home = len(few)
    with django_assert_max_num_queries(16) as one:
        alice.client.get(alice.url(f"orders/{order.order_id}/"))
        detail = len(one)
    services.testing_orders_place(
        seller=alice.seller, lines=[(alice.product().product_id, 1)], count=60, actor=alice.user
    )
    for _ in range(5):
        _step(alice, order, "cancel_request")
        _step(alice, order, "cancel_reject")
    with django_assert_max_num_queries(home):
        alice.client.get(alice.url())
    with django_assert_max_num_queries(detail):
        alice.client.get(alice.url(f"orders/{order.order_id}/"))
