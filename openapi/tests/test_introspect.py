from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from apps_mgmt.models import App
from openapi.models import AccessToken

from .helpers import Setup

GATEWAY = "gateway-credential-for-tests"


@pytest.fixture(autouse=True)
def _gateway(settings: Any) -> None:
    settings.OPENAPI_INTROSPECTION_TOKEN = GATEWAY


def _introspect(client: Client, token: str, credential: str = GATEWAY) -> Any:
    return client.post("/token/introspect", {"token": token}, HTTP_AUTHORIZATION=f"Bearer {credential}")


def test_an_active_token_is_described(client: Client, alice: Setup) -> None:
    token = alice.token()
    response = _introspect(client, token)
    assert response.status_code == 200
    body = response.json()
    row = AccessToken.objects.get()
    assert body == {
        "active": True,
        "client_id": alice.app.client_id,
        "exp": int(row.expires_at.timestamp()),
        "iat": int(row.created_at.timestamp()),
        "token_type": "Bearer",
        "fs_id": alice.app.fs_id,
        "scope": "",
    }


def test_unknown_expired_revoked_and_suspended_tokens_are_inactive(client: Client, alice: Setup) -> None:
    assert _introspect(client, "nope").json() == {"active": False}
    token = alice.token()
    AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _introspect(client, token).json() == {"active": False}
    token = alice.token()
    AccessToken.objects.update(revoked_at=timezone.now())
    assert _introspect(client, token).json() == {"active": False}
    token = alice.token()
    App.objects.update(status=App.Status.SUSPENDED)
    assert _introspect(client, token).json() == {"active": False}


def test_only_the_gateway_may_introspect(client: Client, alice: Setup, settings: Any) -> None:
    token = alice.token()
    response = _introspect(client, token, credential="wrong")
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"
    assert client.post("/token/introspect", {"token": token}).status_code == 401
    # A token of an app is not a gateway credential.
    assert _introspect(client, token, credential=token).status_code == 401
    settings.OPENAPI_INTROSPECTION_TOKEN = ""
    assert _introspect(client, token, credential="").status_code == 401


def test_a_missing_token_parameter_is_an_invalid_request(client: Client, alice: Setup) -> None:
    response = client.post("/token/introspect", HTTP_AUTHORIZATION=f"Bearer {GATEWAY}")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
