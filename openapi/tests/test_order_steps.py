"""The order lifecycle and the batch updates through the Open API: bodies with
or without a JSON Content-Type, Tokopedia's rules between fields, and its
error codes."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from sandbox.data import sandbox_shops_generate
from sandbox.models import SandboxOrder, SandboxProduct

from .helpers import Setup


def _order(alice: Setup, status: int) -> SandboxOrder:
    sandbox_shops_generate(shops=[alice.shop])
    return SandboxOrder.objects.filter(shop=alice.shop, status=status).first()


def _post(client: Client, alice: Setup, path: str, body: Any, content_type: str = "application/json") -> Any:
    return client.post(path, json.dumps(body), content_type=content_type, **alice.bearer())


def _code(response: Any) -> tuple[int, str]:
    return response.status_code, response.json()["header"]["error_code"]


def test_nack_with_shop_closed_needs_the_closing_date_and_note(client: Client, alice: Setup) -> None:
    order = _order(alice, 220)
    url = f"/v1/order/{order.order_id}/fs/{alice.app.fs_id}/nack"
    missing = _post(client, alice, url, {"reason_code": 4, "reason": "Holiday"})
    assert _code(missing) == (400, "INVALID_PARAMETER")
    assert "shop_close_end_date" in missing.json()["header"]["reason"]
    wrong = {"reason_code": 4, "reason": "Holiday", "shop_close_end_date": "2026-12-31", "shop_close_note": "Tutup"}
    assert _code(_post(client, alice, url, wrong)) == (400, "INVALID_PARAMETER")
    right = {**wrong, "shop_close_end_date": "31/12/2026"}
    assert _post(client, alice, url, right, content_type="").status_code == 200


def test_confirm_shipping_needs_an_accepted_order_and_an_awb(client: Client, alice: Setup) -> None:
    waiting, accepted = _order(alice, 220), _order(alice, 400)
    body = {"order_status": 500, "shipping_ref_num": "RESI1"}
    early = _post(client, alice, f"/v1/order/{waiting.order_id}/fs/{alice.app.fs_id}/status", body)
    assert _code(early) == (400, "LGS_USC_006")
    url = f"/v1/order/{accepted.order_id}/fs/{alice.app.fs_id}/status"
    assert _code(_post(client, alice, url, {"order_status": 500})) == (400, "INVALID_PARAMETER")
    assert _post(client, alice, url, body).json()["data"] == "Success"


def test_request_pickup_answers_tokopedias_object_and_checks_the_shop(client: Client, alice: Setup) -> None:
    order = _order(alice, 400)
    url = f"/inventory/v1/fs/{alice.app.fs_id}/pick-up"
    assert _code(_post(client, alice, url, {"order_id": order.order_id, "shop_id": 1})) == (404, "ORD_API_008")
    data = _post(client, alice, url, {"order_id": order.order_id, "shop_id": alice.shop.shop_id}).json()["data"]
    assert (data["order_id"], data["shop_id"]) == (order.order_id, alice.shop.shop_id)
    again = _post(client, alice, url, {"order_id": order.order_id, "shop_id": alice.shop.shop_id})
    assert _code(again) == (400, "SHP_GRPC_003")


def test_the_shipping_label_is_an_html_page_from_status_400(client: Client, alice: Setup) -> None:
    waiting, accepted = _order(alice, 220), _order(alice, 400)
    early = client.get(f"/v1/order/{waiting.order_id}/fs/{alice.app.fs_id}/shipping-label", **alice.bearer())
    assert _code(early) == (400, "ORD_API_008")
    label = client.get(f"/v1/order/{accepted.order_id}/fs/{alice.app.fs_id}/shipping-label?printed=1", **alice.bearer())
    assert label["Content-Type"].startswith("text/html")
    assert accepted.invoice_number in label.content.decode()
    accepted.refresh_from_db()
    assert accepted.label_printed


def test_batch_updates_refuse_unlinked_shops_and_oversized_batches(
    client: Client, alice: Setup, charlie: Setup
) -> None:
    url = f"/inventory/v1/fs/{alice.app.fs_id}/stock/update?shop_id={charlie.shop.shop_id}"
    assert _code(_post(client, alice, url, [{"product_id": 1, "new_stock": 1}])) == (403, "RBAC_MDLW_001")
    url = f"/inventory/v1/fs/{alice.app.fs_id}/stock/update?shop_id={alice.shop.shop_id}"
    assert _code(_post(client, alice, url, [{"product_id": 1, "new_stock": 1}] * 101)) == (400, "INVALID_PARAMETER")
    assert _code(_post(client, alice, url, {"product_id": 1})) == (400, "INVALID_PARAMETER")
    negative = _post(client, alice, url, [{"product_id": 1, "new_stock": -1}])
    assert negative.json()["header"]["reason"].startswith("0.new_stock:")
    sandbox_shops_generate(shops=[alice.shop])
    product = SandboxProduct.objects.filter(shop=alice.shop).first()
    price_url = f"/inventory/v1/fs/{alice.app.fs_id}/price/update?shop_id={alice.shop.shop_id}"
    done = _post(client, alice, price_url, [{"product_id": product.product_id, "new_price": 99}])
    assert _code(done) == (400, "INVALID_PARAMETER")
    done = _post(
        client, alice, price_url, [{"product_id": product.product_id, "new_price": 100}], content_type="text/plain"
    )
    assert done.json()["data"] == {"failed_rows": 0, "failed_rows_data": [], "succeed_rows": 1}
