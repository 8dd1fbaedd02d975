"""Send: the console calls its own Open API as the app, and the member reads what it answered."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from audit.models import AuditEvent
from calllogs.models import CallLog
from calllogs.recorder import recorder
from openapi import ratelimit
from openapi.models import AccessToken
from playground.models import PlaygroundCall
from shops.tests.factories import ShopFactory

from .conftest import Alice
from .factories import past_calls

pytestmark = pytest.mark.django_db


def _send(client: Client, alice: Alice, operation: str = "shop_info", **fields: str) -> Any:
    return client.post(f"{alice.page}send/", {"operation": operation, **fields})


def _result(client: Client, response: Any) -> Any:
    assert response.status_code == 302, response.content[:500]
    return client.get(response["Location"])


def test_it_sends_shop_info_as_the_app_and_shows_the_whole_exchange(alice: Alice) -> None:
    client = alice.client()
    page = _result(client, _send(client, alice))
    html = page.content.decode()
    call = PlaygroundCall.objects.get()
    assert (call.user, call.app, call.status, call.method) == (alice.user, alice.app, 200, "GET")
    assert call.url == f"/v1/shop/fs/{alice.app.fs_id}/shop-info"
    # Request (token masked), status, headers, pretty JSON, latency and request id.
    assert f"GET http://testserver/v1/shop/fs/{alice.app.fs_id}/shop-info" in html
    assert "Authorization: Bearer ••••••••" in html
    assert "X-Ratelimit-Limit: 10 req/s (burst 30)" in html
    assert "&quot;shop_name&quot;: &quot;Toko Alice&quot;" in html  # indented: pretty-printed
    assert call.request_id and f"X-Request-Id: {call.request_id}" in html
    assert re.search(r"<dt>Latency</dt><dd>[0-9.]+ ms</dd>", html)
    # The token the console issued itself stays on the server.
    token = cache.get(f"playground:token:{alice.app.pk}")
    assert token and token not in html and alice.secret not in html
    assert AccessToken.objects.filter(app=alice.app, scope="playground").count() == 1
    event = AuditEvent.objects.get(action="playground.send")
    assert (event.actor, event.fs_id, event.data["status"]) == (alice.user, alice.app.fs_id, 200)


def test_the_call_is_recorded_in_log_history_as_the_playgrounds_and_the_result_links_to_it(alice: Alice) -> None:
    client = alice.client()
    page = _result(client, _send(client, alice, param_per_page="7"))
    recorder.flush()  # as the recorder's thread does, within a second
    call = PlaygroundCall.objects.get()
    link = f"/apps/{alice.app.fs_id}/logs/?request_id={call.request_id}"
    assert f'<a href="{link}">See it in Log History</a>' in page.content.decode()
    logged = client.get(link).content.decode()
    assert call.request_id in logged and "Playground" in logged
    [record] = CallLog.objects.filter(app_id=alice.app.pk)
    assert (record.source, record.status, record.request_id) == ("playground", 200, call.request_id)
    assert record.request_query == "per_page=7"


def test_the_kept_token_serves_the_next_calls_and_a_revoked_one_is_replaced(alice: Alice) -> None:
    client = alice.client()
    _send(client, alice)
    _send(client, alice)
    assert AccessToken.objects.filter(app=alice.app).count() == 1
    AccessToken.objects.filter(app=alice.app).update(revoked_at="2026-01-01T00:00:00Z")
    _send(client, alice)
    assert [call.status for call in PlaygroundCall.objects.all()] == [200, 200, 200]
    assert AccessToken.objects.filter(app=alice.app, revoked_at__isnull=True).count() == 1


def test_an_invalid_value_is_refused_with_the_schemas_reason_and_nothing_is_sent(alice: Alice) -> None:
    client = alice.client()
    page = _send(client, alice, param_page="0", param_per_page="lots")
    html = page.content.decode()
    assert page.status_code == 400
    assert "There is a problem: nothing was sent" in html and "<title>Error: API Playground" in html
    assert '<a href="#id_param_page">page: 0 is less than the minimum of 1</a>' in html
    assert "per_page: A valid integer is required." in html
    assert re.search(r'id="id_param_per_page"[^>]*value="lots"', html)
    assert not PlaygroundCall.objects.exists() and not AccessToken.objects.exists()


def test_a_body_is_checked_against_its_schema(alice: Alice) -> None:
    client = alice.client()
    shop = str(alice.shop.shop_id)
    page = _send(client, alice, "stock_update", param_shop_id=shop, body='[{"product_id": 1, "new_stock": -5}]')
    assert page.status_code == 400
    assert "body[0].new_stock: -5 is less than the minimum of 0" in page.content.decode()
    page = _send(client, alice, "stock_update", param_shop_id=shop, body="[{")
    assert "body: Not valid JSON" in page.content.decode()
    assert not PlaygroundCall.objects.exists()


def test_a_post_with_a_body_changes_the_sandbox(alice: Alice) -> None:
    product = alice.shop.sandbox_products.order_by("product_id").first()
    body = f'[{{"product_id": {product.product_id}, "new_stock": 7}}]'
    page = _result(
        alice.client(), _send(alice.client(), alice, "stock_update", param_shop_id=str(alice.shop.shop_id), body=body)
    )
    assert page.status_code == 200
    product.refresh_from_db()
    assert product.stock == 7
    call = PlaygroundCall.objects.get()
    assert call.body == f'[{{"product_id":{product.product_id},"new_stock":7}}]'
    assert ["Content-Type", "application/json"] in call.request_headers


def test_an_api_error_is_shown_as_the_api_returned_it(alice: Alice) -> None:
    stranger = ShopFactory()
    client = alice.client()
    html = _result(client, _send(client, alice, param_shop_id=str(stranger.shop_id))).content.decode()
    assert PlaygroundCall.objects.get().status == 403
    assert "&quot;error_code&quot;: &quot;RBAC_MDLW_001&quot;" in html
    assert f"Shop {stranger.shop_id} is not linked to this app." in html


def test_calls_count_against_the_apps_rate_limit_like_any_other(alice: Alice, settings: Any) -> None:
    settings.OPENAPI_RATE_LIMITS = {"shop_info": (1, 2)}
    ratelimit.reset_local()
    client = alice.client()
    _send(client, alice)
    token = AccessToken.objects.get(app=alice.app)
    assert token  # the API's own client, with a token of its own, shares the bucket
    from openapi.services import access_token_issue

    direct = access_token_issue(app=alice.app).token
    own = Client().get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", HTTP_AUTHORIZATION=f"Bearer {direct}")
    assert own.status_code == 200
    html = _result(client, _send(client, alice)).content.decode()
    assert PlaygroundCall.objects.first().status == 429
    assert "RATE_LIMIT_EXCEEDED" in html


def test_the_server_calls_only_its_own_open_api_whatever_the_form_says(alice: Alice) -> None:
    client = alice.client()
    page = _send(client, alice, "no_such_operation", url="http://169.254.169.254/latest/meta-data/")
    assert page.status_code == 400
    _send(client, alice, url="http://169.254.169.254/", param_fs_id="1", path="/staff/admin/")
    call = PlaygroundCall.objects.get()
    assert call.url == f"/v1/shop/fs/{alice.app.fs_id}/shop-info"  # fs_id is always the app's own


def test_history_keeps_the_last_50_per_member_and_app_and_re_runs_in_one_click(alice: Alice) -> None:
    client = alice.client()
    past_calls(alice.app, alice.user, 50)
    [bobs] = past_calls(alice.app, alice.bob, 1)
    _send(client, alice, param_per_page="5")
    assert PlaygroundCall.objects.filter(user=alice.user).count() == 50
    newest = PlaygroundCall.objects.filter(user=alice.user).first()
    assert newest.url.endswith("?per_page=5")
    page = _result(client, client.post(f"{alice.page}send/", {"rerun": newest.pk}))
    rerun = PlaygroundCall.objects.filter(user=alice.user).first()
    assert rerun.pk != newest.pk and rerun.url == newest.url and rerun.values == {"per_page": "5"}
    assert page.status_code == 200
    # A history is one's own: Bob's entries can't be opened or re-run by Alice.
    assert client.get(f"{alice.page}?call={bobs.pk}").status_code == 404
    assert client.post(f"{alice.page}send/", {"rerun": bobs.pk}).status_code == 404
    assert PlaygroundCall.objects.filter(user=alice.bob).count() == 1


def test_a_viewer_reads_the_playground_but_cannot_send(alice: Alice) -> None:
    client = alice.client(alice.viewer)
    html = client.get(alice.page).content.decode()
    assert "Only an Owner, Admin or Developer can do this" in html
    assert 'action="/apps/' not in html.split("request-heading")[1].split("code-heading")[0]
    assert "curl" in html
    assert _send(client, alice).status_code == 403
    assert not PlaygroundCall.objects.exists()
