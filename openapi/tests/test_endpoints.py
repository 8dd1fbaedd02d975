from __future__ import annotations

import json
from typing import Any

from django.test import Client

from audit.models import AuditEvent
from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder
from shops.models import Shop
from shops.tests.factories import ShopFactory

from .helpers import Setup, link_shop


def _ok(response: Any) -> Any:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["header"]["error_code"] == ""
    return body["data"]


def _bad(response: Any, status: int, code: str, reason_starts: str = "") -> str:
    assert response.status_code == status, response.content
    header = response.json()["header"]
    assert header["error_code"] == code
    assert header["reason"].startswith(reason_starts), header["reason"]
    return str(header["reason"])


def test_shop_info_lists_every_linked_shop_or_one(client: Client, alice: Setup) -> None:
    second = link_shop(alice.app, ShopFactory(status=Shop.Status.CLOSED))
    ShopFactory()  # in the catalogue, not linked
    headers = alice.bearer()
    shops = _ok(client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", **headers))
    assert [shop["shop_id"] for shop in shops] == [alice.shop.shop_id, second.shop_id]
    one = _ok(client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info?shop_id={second.shop_id}", **headers))[0]
    assert (one["shop_id"], one["user_id"], one["shop_name"], one["domain"]) == (
        second.shop_id,
        second.owner_id,
        second.name,
        second.domain,
    )
    assert (one["shop_url"], one["is_open"], one["status"]) == (
        f"https://marketplace.example.com/{second.domain}",
        0,
        2,
    )
    assert one["admin_id"] == [second.owner_id] and one["reason"]
    assert one["warehouses"][0]["shop_id"] == {"Int64": second.shop_id, "Valid": True}
    paged = _ok(client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info?page=2&per_page=1", **headers))
    assert [shop["shop_id"] for shop in paged] == [second.shop_id]


def test_someone_elses_shop_is_rbac_403(client: Client, alice: Setup, charlie: Setup) -> None:
    url = f"/v1/shop/fs/{alice.app.fs_id}/shop-info?shop_id={charlie.shop.shop_id}"
    _bad(client.get(url, **alice.bearer()), 403, "RBAC_MDLW_001")


def test_bad_parameters_say_which_field(client: Client, alice: Setup) -> None:
    headers = alice.bearer()
    base = f"/v1/shop/fs/{alice.app.fs_id}/shop-info"
    _bad(client.get(f"{base}?shop_id=abc", **headers), 400, "INVALID_PARAMETER", "shop_id:")
    _bad(client.get(f"{base}?shop_id=99999999999999999999999", **headers), 400, "INVALID_PARAMETER", "shop_id:")
    _bad(client.get(f"{base}?shop_id=-1", **headers), 400, "INVALID_PARAMETER", "shop_id:")


def test_products_page_through_a_linked_shop(client: Client, alice: Setup) -> None:
    headers = alice.bearer()
    url = f"/inventory/v1/fs/{alice.app.fs_id}/product/info?shop_id={alice.shop.shop_id}"
    first = _ok(client.get(f"{url}&page=1&per_page=10", **headers))
    third = _ok(client.get(f"{url}&page=3&per_page=10", **headers))
    assert len(first) == 10 and len(third) == 10  # 20 products and 10 variants
    assert first[0]["basic"]["shopID"] == alice.shop.shop_id
    product_id = first[0]["basic"]["productID"]
    one = _ok(client.get(f"/inventory/v1/fs/{alice.app.fs_id}/product/info?product_id={product_id}", **headers))
    assert one == [first[0]]


def test_product_info_refuses_unlinked_shops_and_bad_parameters(client: Client, alice: Setup, charlie: Setup) -> None:
    headers = alice.bearer()
    base = f"/inventory/v1/fs/{alice.app.fs_id}/product/info"
    _bad(client.get(f"{base}?shop_id={charlie.shop.shop_id}", **headers), 403, "RBAC_MDLW_001")
    sandbox_shops_generate(shops=[charlie.shop])
    charlies_product = charlie.shop.sandbox_products.first()
    _bad(client.get(f"{base}?product_id={charlies_product.product_id}", **headers), 403, "RBAC_MDLW_001")
    _bad(client.get(f"{base}?product_id=1", **headers), 404, "PRODUCT_NOT_FOUND")
    _bad(client.get(f"{base}?product_id=1,x", **headers), 400, "INVALID_PARAMETER", "product_id:")
    _bad(
        client.get(f"{base}?shop_id={alice.shop.shop_id}&per_page=51", **headers), 400, "INVALID_PARAMETER", "per_page:"
    )
    _bad(client.get(f"{base}?shop_id={alice.shop.shop_id}&page=0", **headers), 400, "INVALID_PARAMETER", "page:")


def _window(alice: Setup) -> tuple[int, int]:
    sandbox_shops_generate(shops=[alice.shop])
    newest = SandboxOrder.objects.filter(shop=alice.shop).order_by("-created_at").first()
    to_date = int(newest.created_at.timestamp()) + 1
    return to_date - 3 * 24 * 3600, to_date


def test_order_list_returns_orders_in_the_range(client: Client, alice: Setup) -> None:
    from_date, to_date = _window(alice)
    url = f"/v2/order/list?fs_id={alice.app.fs_id}&from_date={from_date}&to_date={to_date}&page=1&per_page=100"
    orders = _ok(client.get(url, **alice.bearer()))
    assert orders
    assert all(from_date <= order["create_time"] <= to_date for order in orders)
    assert {order["shop_id"] for order in orders} == {alice.shop.shop_id}
    assert orders[0]["products"][0]["quantity"] >= 1


def test_order_list_refuses_more_than_three_days(client: Client, alice: Setup) -> None:
    url = f"/v2/order/list?fs_id={alice.app.fs_id}&from_date=0&to_date={3 * 24 * 3600 + 1}"
    _bad(client.get(url, **alice.bearer()), 400, "ORD_DLV_013")


def test_order_list_checks_its_parameters(client: Client, alice: Setup, charlie: Setup) -> None:
    headers = alice.bearer()
    base = f"/v2/order/list?fs_id={alice.app.fs_id}"
    _bad(client.get(base, **headers), 400, "INVALID_PARAMETER", "from_date:")
    _bad(client.get(f"{base}&from_date=x&to_date=1", **headers), 400, "INVALID_PARAMETER", "from_date:")
    _bad(client.get(f"{base}&from_date=10&to_date=5", **headers), 400, "ORD_DLV_013", "to_date:")
    _bad(client.get(f"{base}&from_date=0&to_date=5&shop_id={charlie.shop.shop_id}", **headers), 403, "RBAC_MDLW_001")
    _bad(client.get("/v2/order/list?from_date=0&to_date=5", **headers), 400, "INVALID_PARAMETER", "fs_id:")


def _waiting_order(alice: Setup) -> SandboxOrder:
    sandbox_shops_generate(shops=[alice.shop])
    return SandboxOrder.objects.filter(shop=alice.shop, status=220).first()


def test_an_order_reads_by_id(client: Client, alice: Setup, charlie: Setup) -> None:
    order = _waiting_order(alice)
    data = _ok(client.get(f"/v2/fs/{alice.app.fs_id}/order?order_id={order.order_id}", **alice.bearer()))
    assert data["order_id"] == order.order_id and data["order_status"] == 220
    _bad(
        client.get(f"/v2/fs/{charlie.app.fs_id}/order?order_id={order.order_id}", **charlie.bearer()),
        403,
        "RBAC_MDLW_001",
    )
    _bad(client.get(f"/v2/fs/{alice.app.fs_id}/order?order_id=5", **alice.bearer()), 404, "ORD_API_008")
    _bad(client.get(f"/v2/fs/{alice.app.fs_id}/order", **alice.bearer()), 404, "ORD_API_008")
    by_invoice = _ok(
        client.get(f"/v2/fs/{alice.app.fs_id}/order", {"invoice_num": order.invoice_number}, **alice.bearer())
    )
    assert by_invoice["order_id"] == order.order_id


def test_ack_accepts_a_waiting_order_once(client: Client, alice: Setup) -> None:
    order = _waiting_order(alice)
    url = f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/ack"
    headers = alice.bearer()
    assert _ok(client.post(url, **headers)) == "success"
    order.refresh_from_db()
    assert order.status == SandboxOrder.Status.SELLER_ACCEPTED
    assert AuditEvent.objects.filter(action="sandbox.order.ack", target_id=str(order.pk)).exists()
    _bad(client.post(url, **headers), 400, "ORD_USC_001", f"Order {order.order_id} has status 400")


def test_nack_refuses_a_waiting_order_with_a_reason(client: Client, alice: Setup) -> None:
    order = _waiting_order(alice)
    url = f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/nack"
    headers = alice.bearer()
    _bad(client.post(url, "{", content_type="application/json", **headers), 400, "INVALID_PARAMETER", "body:")
    _bad(
        client.post(url, {"reason_code": 9}, content_type="application/json", **headers),
        400,
        "INVALID_PARAMETER",
        "reason_code:",
    )
    _bad(
        client.post(url, {"reason_code": 5, "reason": ""}, content_type="application/json", **headers),
        400,
        "INVALID_PARAMETER",
        "reason:",
    )
    # Some clients send the JSON without a JSON Content-Type.
    body = json.dumps({"reason_code": 1, "reason": "Out of stock"})
    assert _ok(client.post(url, body, content_type="text/plain", **headers)) == "success"
    order.refresh_from_db()
    assert (order.status, order.reject_reason_code, order.reject_reason) == (10, 1, "Out of stock")


def test_ack_of_someone_elses_order_is_refused(client: Client, alice: Setup, charlie: Setup) -> None:
    order = _waiting_order(alice)
    url = f"/v1/order/{order.order_id}/fs/{charlie.app.fs_id}/ack"
    _bad(client.post(url, **charlie.bearer()), 403, "RBAC_MDLW_001")
    order.refresh_from_db()
    assert order.status == 220
    _bad(client.post(f"/v1/order/x/fs/{alice.app.fs_id}/ack", **alice.bearer()), 400, "INVALID_PARAMETER", "order_id:")


def test_whitelist_lists_the_apps_addresses(client: Client, alice: Setup) -> None:
    alice.app.ip_whitelist = ["127.0.0.1", "10.0.0.0/8"]
    alice.app.save()
    data = _ok(client.get(f"/v1/fs/{alice.app.fs_id}/whitelist", **alice.bearer()))
    assert data == {"fs_id": alice.app.fs_id, "ip_whitelisted": ["127.0.0.1", "10.0.0.0/8"]}


def test_queries_stay_flat_as_shops_grow(client: Client, alice: Setup, django_assert_max_num_queries: Any) -> None:
    headers = alice.bearer()
    from_date, to_date = _window(alice)
    urls = [
        f"/v1/shop/fs/{alice.app.fs_id}/shop-info",
        f"/v2/order/list?fs_id={alice.app.fs_id}&from_date={from_date}&to_date={to_date}&per_page=100",
    ]
    for _ in range(5):
        shop = link_shop(alice.app)
        sandbox_shops_generate(shops=[shop])
    for url in urls:
        with django_assert_max_num_queries(4):
            _ok(client.get(url, **headers))
