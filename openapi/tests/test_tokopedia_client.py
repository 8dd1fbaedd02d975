"""A client written from Tokopedia's documentation (tests/tokopedia/: one
dataclass per documented object, every field required and typed) runs a
whole flow against the sandbox by changing only its base URL."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder, SandboxProduct

from .helpers import link_shop, partner_with_app
from .tokopedia.client import ApiError, TokopediaClient


@pytest.mark.django_db(transaction=True)
def test_a_documented_client_runs_the_whole_flow(live_server: Any) -> None:
    alice = partner_with_app()
    second = link_shop(alice.app)
    sandbox_shops_generate(shops=[alice.shop, second])
    api = TokopediaClient(live_server.url, alice.app.client_id, alice.secret, alice.app.fs_id)

    assert api.authenticate().expires_in == 2_592_000

    shops = api.shop_info()
    assert {shop.shop_id for shop in shops} == {alice.shop.shop_id, second.shop_id}
    (one,) = api.shop_info(alice.shop.shop_id)
    assert one.warehouses[0].warehouse_id and one.admin_id == [alice.shop.owner_id]

    # Product info three ways (and a shop's page).
    page = api.products(shop_id=alice.shop.shop_id, page=1, per_page=10)
    parent = next(product for product in page if product.variant.isParent)
    child_id = parent.variant.childrenID[0]
    several = api.products(product_id=f"{parent.basic.productID},{child_id}")
    assert [product.basic.productID for product in several] == sorted([parent.basic.productID, child_id])
    (by_sku,) = api.products(sku=parent.other.sku)
    (by_url,) = api.products(product_url=parent.other.url)
    assert by_sku.basic.productID == by_url.basic.productID == parent.basic.productID

    # Stock and price, by SKU and by product id, with per-row results.
    stock = api.update_stock(
        alice.shop.shop_id,
        [
            {"sku": parent.other.sku, "new_stock": 7},
            {"product_id": child_id, "new_stock": 0},
            {"sku": "NOPE", "new_stock": 1},
        ],
    )
    assert (stock.succeed_rows, stock.failed_rows) == (2, 1)
    assert stock.failed_rows_data[0].message == "Invalid SKU."
    price = api.update_price(alice.shop.shop_id, [{"product_id": parent.basic.productID, "new_price": 12_500}])
    assert (price.succeed_rows, price.failed_rows) == (1, 0)
    (updated,) = api.products(product_id=str(parent.basic.productID))
    assert (updated.main_stock, updated.price.value) == (7, 12_500)

    # Orders waiting for the seller, then one through its lifecycle.
    newest = SandboxOrder.objects.filter(shop=alice.shop, status=220).order_by("-created_at").first()
    to_date = int(newest.created_at.timestamp()) + 1
    waiting = api.orders(from_date=to_date - 3 * 86400, to_date=to_date, page=1, per_page=100, status=220)
    assert waiting and {order.order_status for order in waiting} == {220}
    assert all(
        order.amt.ttl_amount == order.amt.ttl_product_price + order.amt.shipping_cost + order.amt.insurance_cost
        for order in waiting
    )
    first, second_order = waiting[0], waiting[1]
    by_id = api.order(order_id=first.order_id)
    by_invoice = api.order(invoice_num=first.invoice_ref_num)
    assert by_id == by_invoice and by_id.order_info.destination.receiver_name == first.recipient.name

    assert api.ack(first.order_id) == "success"
    with pytest.raises(ApiError) as twice:
        api.ack(first.order_id)
    assert (twice.value.status, twice.value.header.error_code) == (400, "ORD_USC_001")
    pickup = api.request_pickup(first.order_id, first.shop_id)
    assert pickup.order_id == first.order_id
    assert first.invoice_ref_num in api.shipping_label(first.order_id)
    assert api.confirm_shipping(first.order_id, "RESI-SANDBOX-1") == "Success"
    shipped = api.order(order_id=first.order_id)
    assert (shipped.order_status, shipped.order_info.shipping_info.awb) == (500, "RESI-SANDBOX-1")
    assert [entry.hist_status_code for entry in shipped.order_info.order_history][:3] == [500, 450, 400]

    assert (
        api.nack(second_order.order_id, {"reason_code": 1, "reason": "out of stock", "empty_products": []}) == "success"
    )
    assert api.order(order_id=second_order.order_id).order_status == 10
    assert api.whitelist().fs_id == alice.app.fs_id
    assert SandboxProduct.objects.get(product_id=child_id).stock == 0
