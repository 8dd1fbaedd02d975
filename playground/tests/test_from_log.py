"""A call in Log History opens in the playground's form as it was made: "Try again in the API Playground"."""

from __future__ import annotations

import json

import pytest

from apps_mgmt.tests.factories import issue_app
from calllogs.models import CallLog
from calllogs.tests.helpers import record, store
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from playground.from_log import path_values

from .conftest import Alice

pytestmark = pytest.mark.django_db


def _logged(alice: Alice, **fields: object) -> CallLog:
    store(record(alice.app.pk, **fields))
    return CallLog.objects.get(app_id=alice.app.pk, request_id=fields.get("request_id", "req-1"))


def _detail(alice: Alice, call: CallLog) -> str:
    response = alice.client().get(f"/apps/{alice.app.fs_id}/logs/{call.key}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_order_list_call_opens_with_its_query_and_no_redacted_value(alice: Alice) -> None:
    fs_id = alice.app.fs_id
    query = f"fs_id={fs_id}&shop_id={alice.shop.shop_id}&from_date=1733000000&to_date=1733100000&page=2&per_page=5"
    call = _logged(
        alice,
        method="GET",
        path_template="/v2/order/list",
        path="/v2/order/list",
        request_query=query + "&access_token=[redacted]",
        request_id="list-1",
    )
    link = f'href="/apps/{fs_id}/playground/?log={call.key}"'
    assert link in _detail(alice, call)
    html = alice.client().get(f"/apps/{fs_id}/playground/", {"log": call.key}).content.decode()
    assert '<input type="hidden" name="operation" value="order_list">' in html
    for name, value in (("from_date", "1733000000"), ("to_date", "1733100000"), ("page", "2"), ("per_page", "5")):
        assert f'name="param_{name}" type="text" value="{value}"' in html, name
    assert "[redacted]" not in html


def test_a_post_call_opens_with_its_path_ids_and_body(alice: Alice) -> None:
    fs_id = alice.app.fs_id
    body = {"products": [{"product_id": 11, "new_stock": 4}]}
    call = _logged(
        alice,
        method="POST",
        path_template="/inventory/v1/fs/{fs_id}/stock/update",
        path=f"/inventory/v1/fs/{fs_id}/stock/update",
        request_query=f"shop_id={alice.shop.shop_id}",
        request_body=json.dumps(body),
        request_id="stock-1",
    )
    html = alice.client().get(f"/apps/{fs_id}/playground/", {"log": call.key}).content.decode()
    assert '<input type="hidden" name="operation" value="stock_update">' in html
    assert f'name="param_shop_id" type="text" value="{alice.shop.shop_id}"' in html
    assert "&quot;new_stock&quot;: 4" in html  # the recorded body, pretty-printed in the textarea


def test_the_token_endpoint_is_not_offered_and_nothing_leaks_across_apps(alice: Alice) -> None:
    token = _logged(alice, method="POST", path_template="/token", path="/token", request_id="token-1")
    assert "Try again in the API Playground" not in _detail(alice, token)
    assert alice.client().get(f"{alice.page}?log={token.key}").status_code == 404

    other = issue_app(PartnerFactory(status=Partner.Status.ACTIVE)).app
    store(record(other.pk, request_id="theirs"))
    theirs = CallLog.objects.get(app_id=other.pk)
    # Another app's call under Alice's app is no call of hers; her call under their app is their 404.
    assert alice.client().get(f"{alice.page}?log={theirs.key}").status_code == 404
    assert alice.client().get(f"/apps/{other.fs_id}/playground/?log={theirs.key}").status_code == 404
    assert alice.client().get(f"{alice.page}?log=not-a-key").status_code == 404


def test_path_ids_are_read_from_the_actual_path() -> None:
    assert path_values("/v1/order/{order_id}/fs/{fs_id}/ack", "/v1/order/7/fs/13/ack") == {
        "order_id": "7",
        "fs_id": "13",
    }
    assert path_values("/v1/order/{order_id}/fs/{fs_id}/ack", "/v1/order/7/fs/13/nack") == {}
