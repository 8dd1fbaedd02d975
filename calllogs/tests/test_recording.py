"""Every Open API call and token request lands in its app's Log History, without credentials."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from calllogs.models import CallLog, CallRollup, EndpointRollup, ErrorRollup
from calllogs.recorder import recorder
from calllogs.recording import BODY_LIMIT, REDACTED, redact_body, redact_query
from calllogs.selectors import app_has_calls, apps_calling
from openapi.models import AccessToken
from openapi.tests.helpers import Setup

from .helpers import shop_info, written

pytestmark = pytest.mark.django_db


def test_a_shop_info_call_is_recorded_with_what_it_answered(client: Client, alice: Setup) -> None:
    response = shop_info(client, alice, HTTP_USER_AGENT="acme-sdk/1.0")
    assert response.status_code == 200
    assert CallLog.objects.count() == 0, "written off the request path, not during the call"

    assert written() == 1
    call = CallLog.objects.get()
    assert call.app_id == alice.app.pk
    assert call.request_id == response["X-Request-Id"]
    assert (call.method, call.path, call.status, call.error_code) == (
        "GET",
        f"/v1/shop/fs/{alice.app.fs_id}/shop-info",
        200,
        "",
    )
    assert call.path_template == "/v1/shop/fs/{fs_id}/shop-info"
    assert call.shop_id == alice.shop.shop_id
    assert call.source == "api"
    assert call.client_ip == "127.0.0.1"
    assert call.user_agent == "acme-sdk/1.0"
    assert call.latency_ms > 0
    assert call.request_query == f"shop_id={alice.shop.shop_id}"
    assert json.loads(call.response_body)["data"][0]["shop_id"] == alice.shop.shop_id
    assert "authorization" not in call.request_headers.lower()
    assert "Bearer" not in call.request_headers


def test_the_callers_request_id_is_the_one_recorded(client: Client, alice: Setup) -> None:
    response = shop_info(client, alice, HTTP_X_REQUEST_ID="trace-abc-123")
    assert response["X-Request-Id"] == "trace-abc-123"
    written()
    assert CallLog.objects.get().request_id == "trace-abc-123"


def test_refused_calls_are_recorded_with_their_error_code(client: Client, alice: Setup) -> None:
    response = shop_info(client, alice, shop_id=999_999)
    assert response.status_code == 403
    expired = alice.token()
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", HTTP_AUTHORIZATION=f"Bearer {expired}")
    written()
    assert sorted(CallLog.objects.values_list("status", "error_code")) == [
        (401, "AUTH_TOKEN_EXPIRED"),
        (403, "RBAC_MDLW_001"),
    ]
    assert ErrorRollup.objects.filter(app_id=alice.app.pk).count() == 2


def test_a_call_with_an_unknown_token_belongs_to_no_app_and_is_not_recorded(client: Client, alice: Setup) -> None:
    client.get(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert written() == 0


def test_a_token_request_is_recorded_without_the_secret_or_the_token(client: Client, alice: Setup) -> None:
    response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
    assert response.status_code == 200
    token = response.json()["access_token"]
    assert set(response.json()) == {"access_token", "expires_in", "token_type"}
    bad = base64.b64encode(f"{alice.app.client_id}:wrong-secret".encode()).decode()
    client.post("/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {bad}")
    written()
    calls = list(CallLog.objects.order_by("at", "id"))
    assert [(call.path_template, call.status, call.error_code) for call in calls] == [
        ("/token", 200, ""),
        ("/token", 401, "invalid_client"),
    ]
    for call in calls:
        stored = " ".join([call.request_headers, call.request_body, call.request_query, call.response_body])
        assert token not in stored
        assert alice.secret not in stored and "wrong-secret" not in stored
        assert "Basic" not in stored
    assert json.loads(calls[0].response_body)["access_token"] == REDACTED


def test_a_playground_call_says_so(client: Client, alice: Setup) -> None:
    # The playground dispatches in-process with this META key; an HTTP header can't set it.
    client.get(
        f"/v1/shop/fs/{alice.app.fs_id}/shop-info",
        {"shop_id": alice.shop.shop_id},
        **alice.bearer(),
        **{"console.call_source": "playground"},
    )
    shop_info(client, alice, HTTP_CONSOLE_CALL_SOURCE="playground")
    written()
    assert sorted(CallLog.objects.values_list("source", flat=True)) == ["api", "playground"]


def test_rollups_count_what_was_stored(client: Client, alice: Setup, charlie: Setup) -> None:
    for _ in range(3):
        shop_info(client, alice)
    shop_info(client, alice, shop_id=999_999)
    shop_info(client, charlie)
    written()
    minute = CallRollup.objects.get(app_id=alice.app.pk, span=60)
    assert (minute.calls, minute.client_errors, minute.server_errors) == (4, 1, 0)
    assert CallRollup.objects.get(app_id=alice.app.pk, span=3600).calls == 4
    assert EndpointRollup.objects.get(app_id=alice.app.pk).calls == 4
    assert app_has_calls(alice.app) and app_has_calls(charlie.app)
    since = timezone.now() - timedelta(hours=1)
    assert apps_calling(
        apps=[alice.app, charlie.app], path_templates=["/v1/shop/fs/{fs_id}/shop-info", "/v2/order/list"], since=since
    ) == {alice.app.pk: {"/v1/shop/fs/{fs_id}/shop-info"}, charlie.app.pk: {"/v1/shop/fs/{fs_id}/shop-info"}}


def test_an_app_without_calls_has_none(alice: Setup) -> None:
    assert not app_has_calls(alice.app)
    assert apps_calling(apps=[alice.app], path_templates=["/v2/order/list"], since=timezone.now()) == {}


def test_a_failed_write_keeps_the_records_for_the_next_try(client: Client, alice: Setup, monkeypatch: Any) -> None:
    shop_info(client, alice)
    shop_info(client, alice)
    original = recorder._write

    def broken(records: Any) -> int:
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(recorder, "_write", broken)
    with pytest.raises(RuntimeError):
        recorder.flush()
    assert recorder.pending() == 2
    monkeypatch.setattr(recorder, "_write", original)
    assert written() == 2


@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("shop_id=1&access_token=abc", f"shop_id=1&access_token={REDACTED}"),
        ("client_secret=s3&grant_type=client_credentials", f"client_secret={REDACTED}&grant_type=client_credentials"),
        ("", ""),
    ],
)
def test_secret_query_parameters_are_redacted(query: str, kept: str) -> None:
    assert redact_query(query) == kept.replace("[", "%5B").replace("]", "%5D")


def test_secret_json_members_are_redacted_and_bodies_cut_at_16_kb() -> None:
    body = json.dumps({"webhook_secret": "abc", "nested": {"Password": "x"}, "name": "keep"})
    assert json.loads(redact_body(body)) == {
        "webhook_secret": REDACTED,
        "nested": {"Password": REDACTED},
        "name": "keep",
    }
    big = redact_body("x" * (BODY_LIMIT * 2))
    assert big.startswith("x" * BODY_LIMIT) and len(big) < BODY_LIMIT + 40
    assert (
        redact_body(b"client_secret=s&x=1", "application/x-www-form-urlencoded") == "client_secret=%5Bredacted%5D&x=1"
    )


def test_an_options_call_is_recorded_too(client: Client, alice: Setup) -> None:
    response = client.options(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", **alice.bearer())
    assert response.status_code == 200
    written()
    assert CallLog.objects.get().method == "OPTIONS"
