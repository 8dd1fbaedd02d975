"""POST /token gives a guesser nothing: an unknown client and a known one
with a wrong secret look the same from outside the whitelist, and failed
authentication is rate-limited per client id and per IP."""

from __future__ import annotations

import base64
from typing import Any

from django.test import Client

from apps_mgmt.models import App
from openapi.models import TokenFailure

from .helpers import Setup


def _post(client: Client, client_id: str, secret: str, ip: str = "192.0.2.7") -> Any:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=f"Basic {basic}", REMOTE_ADDR=ip)


def test_outside_the_whitelist_a_known_client_looks_like_an_unknown_one(client: Client, alice: Setup) -> None:
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["10.1.0.0/16"])
    known = _post(client, alice.app.client_id, "a-guess")
    unknown = _post(client, "no-such-client", "a-guess")
    assert (known.status_code, known.json()["error"]) == (401, "invalid_client")
    assert (unknown.status_code, unknown.json()["error"]) == (401, "invalid_client")
    assert "192.0.2.7" not in known.content.decode()


def test_the_right_secret_from_outside_the_whitelist_is_told_its_ip(client: Client, alice: Setup) -> None:
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["10.1.0.0/16"])
    response = _post(client, alice.app.client_id, alice.secret)
    assert response.status_code == 400
    assert response.json()["error"] == "unauthorized_client"
    assert "192.0.2.7" in response.json()["error_description"]


def test_failed_authentication_is_limited_per_client_id(client: Client, alice: Setup, settings: Any) -> None:
    settings.OPENAPI_TOKEN_FAILURES = 3
    for number in range(3):
        assert _post(client, alice.app.client_id, "a-guess", ip=f"192.0.2.{number + 1}").status_code == 401
    # From a fourth address, even the right secret waits: guesses can't be confirmed.
    refused = _post(client, alice.app.client_id, alice.secret, ip="192.0.2.99")
    assert refused.status_code == 429
    assert refused.json()["error"] == "temporarily_unavailable"
    assert int(refused["Retry-After"]) >= 1


def test_failed_authentication_is_limited_per_ip(client: Client, alice: Setup, charlie: Setup, settings: Any) -> None:
    settings.OPENAPI_TOKEN_FAILURES = 3
    for number in range(3):
        assert _post(client, f"guessed-client-{number}", "a-guess").status_code == 401
    assert _post(client, charlie.app.client_id, charlie.secret).status_code == 429
    assert _post(client, charlie.app.client_id, charlie.secret, ip="198.51.100.1").status_code == 200
    assert TokenFailure.objects.get(subject="ip:192.0.2.7").failures == 3


def test_successful_requests_are_not_counted(client: Client, alice: Setup, settings: Any) -> None:
    settings.OPENAPI_TOKEN_FAILURES = 2
    for _ in range(5):
        assert _post(client, alice.app.client_id, alice.secret).status_code == 200


def test_past_the_limit_a_right_secret_from_outside_the_whitelist_learns_nothing(
    client: Client, alice: Setup, settings: Any
) -> None:
    settings.OPENAPI_TOKEN_FAILURES = 2
    App.objects.filter(pk=alice.app.pk).update(ip_whitelist=["10.1.0.0/16"])
    for _ in range(2):
        assert _post(client, alice.app.client_id, "a-guess").status_code == 401
    assert _post(client, alice.app.client_id, alice.secret).status_code == 429
