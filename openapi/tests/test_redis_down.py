"""Redis unreachable: each feature degrades in its own way, none answers 500.

Sign-in and Import App count their limits in the process, Regenerate works
(the outbox keeps its email), POST /token counts failed authentications in
the process, and the Open API keeps answering in its envelope.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PASSWORD
from apps_mgmt.models import App
from console.lib import ratelimit as console_ratelimit
from openapi import ratelimit

from .helpers import Setup, token_status

DEAD = "redis://127.0.0.1:1/0"  # nobody listens there


@pytest.fixture
def redis_away(settings: Any, redis_url: str) -> None:
    """The cache production configures, pointed at a Redis that doesn't answer."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD}}
    ratelimit.reset_local()
    console_ratelimit.reset_local()
    yield
    ratelimit.reset_local()
    console_ratelimit.reset_local()


def _signed_in(setup: Setup) -> Client:
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("account_login"), {"login": setup.app.partner.super_admin.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.status_code
    return client


def test_sign_in_works_and_its_limit_still_holds(alice: Setup, redis_away: None) -> None:
    _signed_in(alice)
    client = Client(raise_request_exception=False)
    email = alice.app.partner.super_admin.email
    for _ in range(5):
        client.post(reverse("account_login"), {"login": email, "password": "wrong-password"})
    refused = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert refused.status_code == 200 and b"Too many failed login attempts" in refused.content


def test_regenerate_works(alice: Setup, redis_away: None) -> None:
    client = _signed_in(alice)
    response = client.post(f"/apps/{alice.app.fs_id}/auth/regenerate/", {"grace": "none"})
    assert response.status_code in (200, 302)
    assert not App.objects.get(pk=alice.app.pk).check_secret(alice.secret)


def test_import_app_refuses_wrong_credentials_and_still_limits_them(
    alice: Setup, redis_away: None, settings: Any
) -> None:
    settings.APP_IMPORT_MAX_FAILURES = 2
    client = _signed_in(alice)
    answers = [
        client.post("/apps/import/", {"app_id": "13001001", "client_id": "nope", "client_secret": "nope"})
        for _ in range(3)
    ]
    assert [answer.status_code for answer in answers] == [400, 400, 400]
    assert b"couldn&#x27;t import an app" in answers[0].content
    assert b"Too many failed import attempts" in answers[2].content


def test_token_refuses_unknown_clients_in_its_json_and_still_limits_them(
    client: Client, alice: Setup, redis_away: None, settings: Any
) -> None:
    settings.OPENAPI_TOKEN_FAILURES = 2
    client.raise_request_exception = False
    statuses = [token_status(client, alice.app.client_id, "wrong") for _ in range(3)]
    assert statuses[:2] == [401, 401] and statuses[2] == 429
