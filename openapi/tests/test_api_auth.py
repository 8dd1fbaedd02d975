from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from apps_mgmt.models import App
from openapi.models import AccessToken
from openapi.services import access_token_issue, access_tokens_revoke

from .helpers import Setup


def _shop_info(client: Client, fs_id: object, **headers: Any) -> Any:
    return client.get(f"/v1/shop/fs/{fs_id}/shop-info", **headers)


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["header"]["error_code"] == code
    assert body["header"]["reason"]
    assert body["data"] is None
    assert response["X-Request-Id"]
    return body


def test_a_valid_token_reads_its_apps_shops(client: Client, alice: Setup) -> None:
    response = _shop_info(client, alice.app.fs_id, **alice.bearer())
    assert response.status_code == 200
    body = response.json()
    assert body["header"]["error_code"] == ""
    assert body["header"]["process_time"] >= 0
    assert [shop["shop_id"] for shop in body["data"]] == [alice.shop.shop_id]


def test_a_missing_token_is_401(client: Client, alice: Setup) -> None:
    response = _shop_info(client, alice.app.fs_id)
    _error(response, 401, "AUTH_TOKEN_MISSING")
    assert response["WWW-Authenticate"].startswith("Bearer ")


def test_a_malformed_authorization_header_is_401(client: Client, alice: Setup) -> None:
    for header in ["Bearer", "Bearer ", "Basic abc", "token", "Bearer " + "x" * 5000]:
        response = _shop_info(client, alice.app.fs_id, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401


def test_an_unknown_token_is_401(client: Client, alice: Setup) -> None:
    _error(_shop_info(client, alice.app.fs_id, HTTP_AUTHORIZATION="Bearer nope"), 401, "AUTH_TOKEN_INVALID")


def test_an_expired_token_is_401(client: Client, alice: Setup) -> None:
    headers = alice.bearer()
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _error(_shop_info(client, alice.app.fs_id, **headers), 401, "AUTH_TOKEN_EXPIRED")


def test_a_revoked_token_is_401(client: Client, alice: Setup) -> None:
    headers = alice.bearer()
    assert access_tokens_revoke(app=alice.app, actor=alice.app.partner.super_admin) == 1
    _error(_shop_info(client, alice.app.fs_id, **headers), 401, "AUTH_TOKEN_INVALID")


def test_a_suspended_apps_tokens_stop_working_at_once(client: Client, alice: Setup) -> None:
    headers = alice.bearer()
    App.objects.filter(pk=alice.app.pk).update(status=App.Status.SUSPENDED)
    _error(_shop_info(client, alice.app.fs_id, **headers), 401, "AUTH_APP_SUSPENDED")


def test_one_partners_token_cant_read_another_partners_fs_id(client: Client, alice: Setup, charlie: Setup) -> None:
    body = _error(_shop_info(client, alice.app.fs_id, **charlie.bearer()), 401, "AUTH_FS_ID_MISMATCH")
    assert alice.shop.name not in str(body)
    response = client.get(f"/v2/order/list?fs_id={alice.app.fs_id}&from_date=0&to_date=3600", **charlie.bearer())
    _error(response, 401, "AUTH_FS_ID_MISMATCH")


def test_a_non_numeric_fs_id_is_a_bad_parameter(client: Client, alice: Setup) -> None:
    body = _error(_shop_info(client, "abc", **alice.bearer()), 400, "INVALID_PARAMETER")
    assert body["header"]["reason"].startswith("fs_id:")


def test_a_caller_outside_the_whitelist_is_403(client: Client, alice: Setup) -> None:
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["198.51.100.0/24"])
    _error(_shop_info(client, alice.app.fs_id, REMOTE_ADDR="192.0.2.1", **alice.bearer()), 403, "AUTH_IP_NOT_ALLOWED")
    assert _shop_info(client, alice.app.fs_id, REMOTE_ADDR="198.51.100.20", **alice.bearer()).status_code == 200


def test_it_echoes_a_safe_request_id_and_replaces_an_unsafe_one(client: Client, alice: Setup) -> None:
    response = _shop_info(client, alice.app.fs_id, HTTP_X_REQUEST_ID="abc-123.x", **alice.bearer())
    assert response["X-Request-Id"] == "abc-123.x"
    response = _shop_info(client, alice.app.fs_id, HTTP_X_REQUEST_ID="<script>\n", **alice.bearer())
    assert len(response["X-Request-Id"]) == 32
    assert "<" not in response["X-Request-Id"]


def test_a_wrong_method_is_405_in_the_envelope(client: Client, alice: Setup) -> None:
    response = client.post(f"/v1/shop/fs/{alice.app.fs_id}/shop-info", **alice.bearer())
    _error(response, 405, "METHOD_NOT_ALLOWED")


def test_tokens_issued_by_the_service_are_accepted(client: Client, alice: Setup) -> None:
    token = access_token_issue(app=alice.app).token
    assert _shop_info(client, alice.app.fs_id, HTTP_AUTHORIZATION=f"bearer {token}").status_code == 200


def test_an_unknown_api_path_is_404_in_the_envelope(client: Client, alice: Setup) -> None:
    for path in ["/v1/nothing/here", "/inventory/v9/fs/1/unknown", "/token/other"]:
        response = client.get(path, **alice.bearer())
        _error(response, 404, "NOT_FOUND")
