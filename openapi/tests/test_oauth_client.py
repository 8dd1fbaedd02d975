"""A standard OAuth2 client library against the running server."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session

from .helpers import partner_with_app

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _plain_http(monkeypatch: pytest.MonkeyPatch) -> None:
    # The live server speaks plain HTTP; oauthlib clients insist on HTTPS otherwise.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")


def _session(live_server: Any, client_id: str, secret: str) -> OAuth2Session:
    session = OAuth2Session(client=BackendApplicationClient(client_id=client_id))
    token = session.fetch_token(token_url=f"{live_server.url}/token", client_id=client_id, client_secret=secret)
    assert token["token_type"] == "Bearer" and token["expires_in"] == 2_592_000
    return session


def test_a_standard_client_gets_a_token_and_reads_its_shop(live_server: Any, settings: Any) -> None:
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 3
    alice, charlie = partner_with_app(), partner_with_app("Charlie's app")
    session = _session(live_server, alice.app.client_id, alice.secret)
    base = f"{live_server.url}/v1/shop/fs/{alice.app.fs_id}/shop-info"

    mine = session.get(f"{base}?shop_id={alice.shop.shop_id}")
    assert mine.status_code == 200
    assert mine.json()["data"][0]["domain"] == alice.shop.domain
    assert mine.headers["X-Request-Id"]

    theirs = session.get(f"{base}?shop_id={charlie.shop.shop_id}")
    assert theirs.status_code == 403
    assert theirs.json()["header"]["error_code"] == "RBAC_MDLW_001"

    assert session.get(base).status_code == 200
    limited = session.get(base)
    assert limited.status_code == 429
    assert limited.json()["header"]["error_code"] == "RATE_LIMIT_EXCEEDED"
    assert limited.headers["X-Ratelimit-Limit"] == "1 req/s (burst 3)"
    assert limited.headers["X-Ratelimit-Remaining"] == "0"
    assert float(limited.headers["X-Ratelimit-Reset-After"]) > 0


def test_a_tokopedia_style_client_works_too(live_server: Any) -> None:
    alice = partner_with_app()
    response = requests.post(
        f"{live_server.url}/token?grant_type=client_credentials",
        auth=(alice.app.client_id, alice.secret),
        timeout=10,
    )
    assert response.status_code == 200
    token = response.json()["access_token"]
    shops = requests.get(
        f"{live_server.url}/v1/shop/fs/{alice.app.fs_id}/shop-info",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert shops.status_code == 200


def test_the_rate_limit_is_counted_in_redis(live_server: Any, redis_url: str, settings: Any) -> None:
    assert isinstance(caches["default"], RedisCache)
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 2
    alice = partner_with_app()
    session = _session(live_server, alice.app.client_id, alice.secret)
    base = f"{live_server.url}/v1/shop/fs/{alice.app.fs_id}/shop-info"
    statuses = [session.get(base).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    keys = [key for key in caches["default"]._cache.get_client().scan_iter(f"*openapi-rate:{alice.app.pk}:*")]
    assert keys, "the counter lives in Redis"
