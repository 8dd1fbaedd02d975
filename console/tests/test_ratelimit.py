from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache

from console.lib import ratelimit
from console.lib.ratelimit import rate_limit_hit, rate_limit_peek


def test_it_counts_down_and_then_refuses() -> None:
    results = [rate_limit_hit("import:alice", limit=3, window=60) for _ in range(4)]
    assert [r.remaining for r in results] == [2, 1, 0, -1]
    assert [r.exceeded for r in results] == [False, False, False, True]
    assert 0 < results[-1].reset_after <= 60
    assert rate_limit_peek("import:alice", limit=3, window=60).exceeded


def test_keys_are_counted_apart() -> None:
    rate_limit_hit("import:alice", limit=1, window=60)
    assert not rate_limit_hit("import:bob", limit=1, window=60).exceeded


def test_it_counts_in_redis_when_configured(redis_url: str, settings: Any) -> None:
    cache: BaseCache = caches["default"]
    assert isinstance(cache, RedisCache)
    rate_limit_hit("shared", limit=5, window=60)
    rate_limit_hit("shared", limit=5, window=60)
    assert rate_limit_peek("shared", limit=5, window=60).remaining == 3


pytestmark = pytest.mark.django_db


def test_a_redis_counter_expires_after_its_window(redis_url: str) -> None:
    cache: Any = caches["default"]
    rate_limit_hit("expiring", limit=5, window=60)
    rate_limit_hit("expiring", limit=5, window=60)
    key = next(iter(cache._cache.get_client().scan_iter(match="*ratelimit:expiring:*")))
    assert 0 < cache._cache.get_client().ttl(key) <= 61


def test_it_counts_on_after_redis_drops_the_connection(redis_url: str) -> None:
    cache: Any = caches["default"]
    rate_limit_hit("dropped", limit=5, window=60)
    kept = ratelimit._kept.connection
    kept.send_command("CLIENT", "ID")
    cache._cache.get_client().client_kill_filter(_id=kept.read_response())
    assert rate_limit_hit("dropped", limit=5, window=60).remaining == 3
