"""Fixed-window rate limits counted in the cache (Redis when REDIS_URL is set).

One helper for everything that can be guessed or spammed: Import App attempts,
invitation resends, Open API calls. Counting uses cache.add + cache.incr,
which are atomic on Redis, so several web processes share one count.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


@dataclass(frozen=True)
class RateLimit:
    limit: int
    remaining: int
    reset_after: int  # seconds until the window resets

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0


def _window_key(key: str, window: int) -> tuple[str, int]:
    now = int(time.time())
    start = now - now % window
    return f"ratelimit:{key}:{window}:{start}", start + window - now


_clients: dict[int, Any] = {}


def _redis_client(backend: RedisCache) -> Any:
    """One redis client per connection pool: Django builds a new one for every
    cache call (~0.1 ms of setup); clients over a pool are thread-safe."""
    pool = backend._cache._get_connection_pool(True)  # type: ignore[attr-defined]
    client = _clients.get(id(pool))
    if client is None:
        client = _clients[id(pool)] = backend._cache.get_client(write=True)  # type: ignore[attr-defined]
    return client


def rate_limit_hit(key: str, *, limit: int, window: int) -> RateLimit:
    """Count one event against `key`; `exceeded` once more than `limit` happened in the window."""
    cache_key, reset_after = _window_key(key, window)
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # One round trip instead of three (add, then incr's exists + incr):
        # the Open API counts every call. Django stores ints unpickled, so
        # rate_limit_peek's cache.get reads this counter as usual.
        redis_key = backend.make_and_validate_key(cache_key)
        pipeline = _redis_client(backend).pipeline(transaction=False)
        pipeline.set(redis_key, 0, ex=window + 1, nx=True)
        pipeline.incr(redis_key)
        count = int(pipeline.execute()[1])
        return RateLimit(limit=limit, remaining=limit - count, reset_after=reset_after)
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return RateLimit(limit=limit, remaining=limit - count, reset_after=reset_after)


def rate_limit_peek(key: str, *, limit: int, window: int) -> RateLimit:
    """The state of `key` without counting an event (to refuse before doing work)."""
    cache_key, reset_after = _window_key(key, window)
    count = int(cache.get(cache_key) or 0)
    return RateLimit(limit=limit, remaining=limit - count, reset_after=reset_after)
