"""Rate limits as Tokopedia's: per app and endpoint, per second with a burst,
with its four X-Ratelimit-* headers; counted in Redis, in the process when
Redis is away, and the API keeps answering in its envelope."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from openapi import ratelimit

from .helpers import Setup

_LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    ratelimit.reset_local()
    yield
    ratelimit.reset_local()


def _shop_info(client: Client, setup: Setup, token: str) -> Any:
    return client.get(f"/v1/shop/fs/{setup.app.fs_id}/shop-info", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_quiet_app_may_burst_then_gets_429_with_tokopedias_headers(
    client: Client, alice: Setup, settings: Any
) -> None:
    settings.CACHES = _LOCAL
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 3
    token = alice.token()
    answers = [_shop_info(client, alice, token) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    first, last = answers[0], answers[-1]
    assert first["X-Ratelimit-Limit"] == "1 req/s (burst 3)"
    assert first["X-Ratelimit-Remaining"] == "2"
    assert first["X-Ratelimit-Reset-After"] == "-0.000000"
    assert 0.9 < float(first["X-Ratelimit-Full-Reset-After"]) <= 1.0
    assert last["X-Ratelimit-Remaining"] == "0"
    assert 0 < float(last["X-Ratelimit-Reset-After"]) <= 1.0
    assert 2.5 < float(last["X-Ratelimit-Full-Reset-After"]) <= 3.0
    assert last["Retry-After"] == "1"
    assert last.json()["header"]["error_code"] == "RATE_LIMIT_EXCEEDED"


def test_the_limit_is_per_app_and_per_endpoint(client: Client, alice: Setup, charlie: Setup, settings: Any) -> None:
    settings.CACHES = _LOCAL
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 1
    token = alice.token()
    assert _shop_info(client, alice, token).status_code == 200
    assert _shop_info(client, alice, token).status_code == 429
    assert client.get(f"/v1/fs/{alice.app.fs_id}/whitelist", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert _shop_info(client, charlie, charlie.token()).status_code == 200


def test_one_endpoint_can_have_its_own_numbers(client: Client, alice: Setup, settings: Any) -> None:
    settings.CACHES = _LOCAL
    settings.OPENAPI_RATE_LIMITS = {"shop_info": (2, 5)}
    assert _shop_info(client, alice, alice.token())["X-Ratelimit-Limit"] == "2 req/s (burst 5)"


def test_the_bucket_refills_at_the_rate() -> None:
    policy = ratelimit.Policy(rate=10, burst=2)
    now = 1_000_000_000
    first, tat = ratelimit._decide(policy, 0, now)
    second, tat = ratelimit._decide(policy, tat, now)
    third, _ = ratelimit._decide(policy, tat, now)
    assert (first.allowed, second.allowed, third.allowed) == (True, True, False)
    assert third.reset_after == pytest.approx(0.1)
    later, _ = ratelimit._decide(policy, tat, now + 100_000)
    assert later.allowed and later.remaining == 0


def test_redis_counts_for_every_process(
    client: Client, alice: Setup, charlie: Setup, redis_url: str, settings: Any
) -> None:
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 2
    token = alice.token()
    assert [_shop_info(client, alice, token).status_code for _ in range(3)] == [200, 200, 429]
    # Another process starts with empty local buckets: Redis still says no.
    ratelimit.reset_local()
    assert _shop_info(client, alice, token).status_code == 429


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def private_redis() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Redis server of this test's own, to stop (never the shared one)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0", server
    server.kill()
    server.wait()


def test_with_redis_stopped_the_api_answers_in_its_envelope(
    client: Client, alice: Setup, settings: Any, private_redis: tuple[str, subprocess.Popen[bytes]]
) -> None:
    url, server = private_redis
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST = 1, 2
    token = alice.token()
    assert _shop_info(client, alice, token).status_code == 200
    server.kill()
    server.wait()
    answers = [_shop_info(client, alice, token) for _ in range(3)]
    # Counted in this process now: the limit still holds, and every answer is the API's JSON.
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert all(answer["Content-Type"] == "application/json" for answer in answers)
    assert answers[0].json()["header"]["error_code"] == ""
    assert answers[-1]["X-Ratelimit-Limit"] == "1 req/s (burst 2)"
