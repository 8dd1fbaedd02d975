from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from apps_mgmt import credentials
from apps_mgmt.models import App
from openapi.models import AccessToken

from .helpers import Setup


def _basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def test_it_issues_a_token_the_tokopedia_way(client: Client, alice: Setup) -> None:
    response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 2_592_000  # 30 days, as Tokopedia's authentication guide
    assert response["Cache-Control"] == "no-store"
    assert response["X-Request-Id"]


def test_it_stores_only_a_digest_of_the_token(client: Client, alice: Setup) -> None:
    token = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic).json()["access_token"]
    row = AccessToken.objects.get(app=alice.app)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in AccessToken.objects.values_list(flat=False).get()}


def test_it_accepts_grant_type_in_the_form_body(client: Client, alice: Setup) -> None:
    response = client.post("/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=alice.basic)
    assert response.status_code == 200


def test_it_accepts_client_credentials_in_the_form_body(client: Client, alice: Setup) -> None:
    form = {"grant_type": "client_credentials", "client_id": alice.app.client_id, "client_secret": alice.secret}
    assert client.post("/token", form).status_code == 200


def test_the_lifetime_is_a_setting(client: Client, alice: Setup, settings: Any) -> None:
    settings.OPENAPI_TOKEN_TTL = 2_592_000
    response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
    assert response.json()["expires_in"] == 2_592_000
    row = AccessToken.objects.get()
    assert abs((row.expires_at - row.created_at).total_seconds() - 2_592_000) < 1


def _refused(response: Any, status: int, error: str) -> None:
    assert response.status_code == status, response.content
    assert response.json()["error"] == error
    assert not AccessToken.objects.exists()


def test_a_wrong_secret_is_invalid_client_with_a_basic_challenge(client: Client, alice: Setup) -> None:
    response = client.post(
        "/token?grant_type=client_credentials", HTTP_AUTHORIZATION=_basic(alice.app.client_id, "wrong")
    )
    _refused(response, 401, "invalid_client")
    assert response["WWW-Authenticate"].startswith("Basic ")


def test_an_unknown_client_is_invalid_client(client: Client, alice: Setup) -> None:
    response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=_basic("nobody", alice.secret))
    _refused(response, 401, "invalid_client")


def test_missing_credentials_are_invalid_client(client: Client, alice: Setup) -> None:
    _refused(client.post("/token?grant_type=client_credentials"), 401, "invalid_client")


def test_malformed_basic_auth_is_invalid_client(client: Client, alice: Setup) -> None:
    for header in ["Basic", "Basic !!!not-base64!!!", "Basic " + base64.b64encode(b"no-colon").decode(), "Digest x"]:
        _refused(client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=header), 401, "invalid_client")


def test_an_unknown_grant_type_is_unsupported(client: Client, alice: Setup) -> None:
    response = client.post("/token?grant_type=password", HTTP_AUTHORIZATION=alice.basic)
    _refused(response, 400, "unsupported_grant_type")


def test_a_missing_grant_type_is_an_invalid_request(client: Client, alice: Setup) -> None:
    _refused(client.post("/token", HTTP_AUTHORIZATION=alice.basic), 400, "invalid_request")


def test_a_get_is_refused_with_an_oauth_error(client: Client, alice: Setup) -> None:
    response = client.get("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
    assert response.status_code == 405
    assert response.json()["error"] == "invalid_request"
    assert "POST" in response["Allow"]


def test_a_trailing_slash_is_the_same_endpoint(client: Client, alice: Setup) -> None:
    assert client.post("/token/?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic).status_code == 200


def test_a_suspended_or_deleted_app_gets_no_token(client: Client, alice: Setup) -> None:
    for status in [App.Status.SUSPENDED, App.Status.DELETED]:
        App.objects.filter(pk=alice.app.pk).update(status=status)
        response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
        _refused(response, 401, "invalid_client")
        assert "suspended" in response.json()["error_description"]


def test_a_caller_outside_the_ip_whitelist_gets_no_token(client: Client, alice: Setup) -> None:
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["10.1.0.0/16"])
    response = client.post(
        "/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic, REMOTE_ADDR="192.0.2.7"
    )
    _refused(response, 400, "unauthorized_client")
    assert "192.0.2.7" in response.json()["error_description"]
    response = client.post(
        "/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200


def test_the_whitelist_reads_the_client_ip_behind_proxies(client: Client, alice: Setup, settings: Any) -> None:
    settings.NUM_PROXIES = 1
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["203.0.113.9"])
    ok = client.post(
        "/token?grant_type=client_credentials",
        HTTP_AUTHORIZATION=alice.basic,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
    )
    assert ok.status_code == 200
    spoofed = client.post(
        "/token?grant_type=client_credentials",
        HTTP_AUTHORIZATION=alice.basic,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 1.2.3.4",
    )
    assert spoofed.status_code == 400


def test_the_previous_secret_works_during_its_grace_window_only(client: Client, alice: Setup) -> None:
    old = alice.secret
    app = App.objects.get(pk=alice.app.pk)
    app.previous_secret_digest = credentials.secret_digest(old)
    app.previous_secret_expires_at = timezone.now() + timedelta(hours=1)
    app.set_secret("a-brand-new-secret")
    app.save()
    assert client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic).status_code == 200
    new = _basic(app.client_id, "a-brand-new-secret")
    assert client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=new).status_code == 200

    App.objects.filter(pk=app.pk).update(previous_secret_expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=alice.basic)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
