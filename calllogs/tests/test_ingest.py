"""POST /gateway/logs: the gateway's batches, Kong's http-log as it sends them, bad input."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from calllogs.models import CallLog, CallRollup
from openapi.tests.helpers import Setup

pytestmark = pytest.mark.django_db

GATEWAY = "gateway-credential-0123456789"
URL = "/gateway/logs"


@pytest.fixture(autouse=True)
def _gateway(settings: Any) -> None:
    settings.LOG_INGEST_TOKEN = GATEWAY


def _post(client: Client, body: Any, *, credential: str = GATEWAY, **extra: Any) -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.generic(
        "POST", URL, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {credential}", **extra
    )


def _native(setup: Setup, n: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "request_id": f"gw-{n}",
        "time": (timezone.now() - timedelta(seconds=n)).isoformat(),
        "fs_id": setup.app.fs_id,
        "method": "GET",
        "path": "/v2/order/list",
        "query": f"fs_id={setup.app.fs_id}&from_date=1&to_date=2&page=1&per_page=10&shop_id={setup.shop.shop_id}",
        "status": 200,
        "latency_ms": 12.5,
        "client_ip": "203.0.113.9",
        **fields,
    }


def _kong(setup: Setup, request_id: str = "2f6946328ffc4946b8c9120704a4a155") -> dict[str, Any]:
    """A record as Kong's http-log plugin sends it (Kong 3.x), the consumer's custom_id set to the Client ID."""
    return {
        "response": {
            "size": 982,
            "headers": {
                "content-type": "application/json",
                "x-kong-request-id": request_id,
                "x-kong-proxy-latency": "1",
            },
            "status": 403,
        },
        "route": {"id": "0f1a4101-3327-4274-b1e4-484a4ab0c030", "name": "open-api", "paths": ["/"]},
        "workspace": "f381e34e-5c25-4e65-b91b-3c0a86cfc393",
        "tries": [{"balancer_start": 1726783839539, "ip": "10.0.0.5", "balancer_latency": 0, "port": 8000}],
        "client_ip": "192.168.65.1",
        "request": {
            "id": request_id,
            "headers": {
                "accept": "*/*",
                "user-agent": "partner-erp/2.1",
                "host": "api.marketplace.example",
                "authorization": "Bearer partner-token-never-stored",
            },
            "uri": f"/v1/shop/fs/{setup.app.fs_id}/shop-info?shop_id=1001",
            "size": 139,
            "method": "GET",
            "querystring": {"shop_id": "1001"},
            "url": f"https://api.marketplace.example/v1/shop/fs/{setup.app.fs_id}/shop-info?shop_id=1001",
        },
        "started_at": int(timezone.now().timestamp() * 1000),
        "upstream_uri": f"/v1/shop/fs/{setup.app.fs_id}/shop-info?shop_id=1001",
        "latencies": {"kong": 1, "proxy": 171, "request": 173},
        "consumer": {"custom_id": setup.app.client_id, "id": "8c7a1c5e-0000-4000-8000-000000000001"},
        "service": {"host": "console", "name": "open-api", "port": 8000, "protocol": "http"},
    }


def test_a_batch_is_stored_and_shows_in_the_apps_log(client: Client, alice: Setup) -> None:
    response = _post(client, [_native(alice, n) for n in range(3)])
    assert response.status_code == 200
    assert response.json() == {"received": 3, "stored": 3, "duplicates": 0, "rejected": []}
    call = CallLog.objects.get(request_id="gw-0")
    assert (call.app_id, call.source, call.path_template, call.status, call.shop_id) == (
        alice.app.pk,
        "gateway",
        "/v2/order/list",
        200,
        alice.shop.shop_id,
    )
    assert CallRollup.objects.filter(app_id=alice.app.pk, span=3600).get().calls == 3
    client.force_login(alice.app.partner.super_admin)
    html = client.get(f"/apps/{alice.app.fs_id}/logs/").content.decode()
    assert "gw-2" in html and "Gateway" in html


def test_kongs_http_log_records_are_taken_as_they_are(client: Client, alice: Setup) -> None:
    one = _post(client, _kong(alice))  # max_batch_size 1: a single object
    many = _post(client, [_kong(alice, "kong-b"), _kong(alice, "kong-c")])
    assert one.json()["stored"] == 1 and many.json()["stored"] == 2
    call = CallLog.objects.get(request_id="2f6946328ffc4946b8c9120704a4a155")
    assert call.app_id == alice.app.pk
    assert call.path_template == "/v1/shop/fs/{fs_id}/shop-info"
    assert call.path == f"/v1/shop/fs/{alice.app.fs_id}/shop-info"
    assert (call.status, call.latency_ms, call.shop_id, call.client_ip) == (403, 173.0, 1001, "192.168.65.1")
    assert call.user_agent == "partner-erp/2.1"
    assert "partner-token-never-stored" not in call.request_headers
    assert "x-kong-request-id" in call.response_headers


def test_a_replayed_batch_stores_nothing_twice(client: Client, alice: Setup) -> None:
    batch = [_native(alice, n) for n in range(4)] + [_kong(alice)]
    assert _post(client, batch).json()["stored"] == 5
    again = _post(client, batch).json()
    assert (again["stored"], again["duplicates"]) == (0, 5)
    assert CallLog.objects.count() == 5
    assert CallRollup.objects.get(app_id=alice.app.pk, span=3600).calls == 5


def test_bad_records_are_named_by_index_and_the_good_ones_stored(client: Client, alice: Setup, charlie: Setup) -> None:
    old = (timezone.now() - timedelta(days=40)).isoformat()
    batch = [
        _native(alice, 0),
        "not an object",
        _native(alice, 2, fs_id=999_999_999),
        _native(alice, 3, status=42),
        _native(alice, 4, time=old),
        _native(alice, 5, request_id=""),
        _native(alice, 6, fs_id=None),
        _native(charlie, 7, fs_id=None, client_id=charlie.app.client_id),
        _native(alice, 8, client_ip="not-an-ip"),
        _native(alice, 9, path="no-slash"),
    ]
    result = _post(client, batch).json()
    assert result["stored"] == 2
    reasons = {reject["index"]: reject["reason"] for reject in result["rejected"]}
    assert sorted(reasons) == [1, 2, 3, 4, 5, 6, 8, 9]
    assert "object" in reasons[1]
    assert "unknown app" in reasons[2]
    assert "status" in reasons[3]
    assert "older than the 30 days" in reasons[4]
    assert "request_id" in reasons[5]
    assert "no app" in reasons[6]
    assert "client_ip" in reasons[8]
    assert "path" in reasons[9]
    assert set(CallLog.objects.values_list("app_id", flat=True)) == {alice.app.pk, charlie.app.pk}


def test_gzip_batches_are_inflated(client: Client, alice: Setup) -> None:
    body = gzip.compress(json.dumps([_native(alice, n) for n in range(50)]).encode())
    response = _post(client, body, HTTP_CONTENT_ENCODING="gzip")
    assert response.json()["stored"] == 50


def test_an_oversized_batch_is_refused_before_it_is_read(client: Client, alice: Setup, settings: Any) -> None:
    settings.LOG_INGEST_MAX_BYTES = 1000
    # The declared length alone decides: the body here is small, and never read.
    response = _post(client, b"[]", CONTENT_LENGTH="5000000")
    assert response.status_code == 413
    assert _post(client, [_native(alice, n) for n in range(20)]).status_code == 413
    settings.LOG_INGEST_MAX_INFLATED = 10_000
    settings.LOG_INGEST_MAX_BYTES = 100_000
    bomb = gzip.compress(b"[" + b" " * 1_000_000 + b"]")
    assert len(bomb) < 100_000
    assert _post(client, bomb, HTTP_CONTENT_ENCODING="gzip").status_code == 413
    assert CallLog.objects.count() == 0


def test_the_gateway_credential_opens_ingestion_and_nothing_else(client: Client, alice: Setup, settings: Any) -> None:
    assert _post(client, [_native(alice)], credential="wrong").status_code == 401
    assert client.post(URL, "[]", content_type="application/json").status_code == 401
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {GATEWAY}").status_code == 405
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {GATEWAY}"}
    logs = client.get(f"/apps/{alice.app.fs_id}/logs/", **bearer)
    assert logs.status_code == 302 and "/accounts/login/" in logs["Location"]
    assert client.get(f"/apps/{alice.app.fs_id}/logs/export.csv", **bearer).status_code == 302
    assert client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", **bearer).status_code == 401
    settings.LOG_INGEST_TOKEN = ""
    assert _post(client, [_native(alice)], credential="").status_code == 401
    assert CallLog.objects.count() == 0


def test_a_body_that_is_not_json_is_a_400(client: Client, alice: Setup) -> None:
    assert _post(client, b"{not json").status_code == 400
    assert _post(client, b"\x1f\x8b broken", HTTP_CONTENT_ENCODING="gzip").status_code == 400
