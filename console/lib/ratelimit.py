"""Fixed-window rate limits counted in the cache (Redis when REDIS_URL is set).

One helper for everything that can be guessed or spammed: Import App attempts,
invitation resends, Open API calls. On Redis one atomic INCR-with-expiry per
event, so several web processes share one count; on other caches
cache.add + cache.incr. While Redis is unreachable the count is kept in each
process (console/lib/cache.py) instead of failing the request.

To refuse past a limit without a race, count first and look at the answer
(`rate_limit_hit(...).exceeded`): the counter's increment is the one atomic
step, so N concurrent attempts can't all pass a check made before any of
them counted. An attempt that turns out not to count (a success) gives its
slot back with `rate_limit_undo`.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .cache import REDIS_ERRORS, FailoverRedisCache


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


# INCR, and on a window's first event EXPIRE, as one atomic command: a key
# can't be left without its expiry by a process dying between the two.
_COUNT_SCRIPT = (
    "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n"
)


class _KeptConnection(threading.local):
    """This thread's own Redis connection for counting, made from the cache's pool settings."""

    pid = 0
    connection: Any = None


_kept = _KeptConnection()


def _redis_count(backend: RedisCache, key: str, ttl: int) -> int:
    """Count one event in Redis on a connection this thread keeps.

    The Open API counts every call, so this skips redis-py's client layer
    (pool checkout and release, retry wrapper, response callbacks): ~0.15 ms
    of CPU per call on the benchmark machine, more than the round trip.
    A dropped connection is replaced and the command sent once more.
    """
    if _kept.connection is None or _kept.pid != os.getpid():  # new thread, or a forked worker
        pool = backend._cache._get_connection_pool(True)  # type: ignore[attr-defined]
        _kept.connection, _kept.pid = pool.connection_class(**pool.connection_kwargs), os.getpid()
    connection = _kept.connection
    for attempt in (1, 2):
        try:
            connection.send_command("EVAL", _COUNT_SCRIPT, 1, key, ttl)
            return int(connection.read_response())
        except (RedisConnectionError, RedisTimeoutError):
            connection.disconnect()
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def rate_limit_hit(key: str, *, limit: int, window: int) -> RateLimit:
    """Count one event against `key`; `exceeded` once more than `limit` happened in the window."""
    cache_key, reset_after = _window_key(key, window)
    backend = caches["default"]
    failover = backend if isinstance(backend, FailoverRedisCache) else None
    if isinstance(backend, RedisCache) and not (failover is not None and failover.redis_down):
        # One round trip instead of three (add, then incr's exists + incr).
        # Django stores ints unpickled, so rate_limit_peek's cache.get reads
        # this counter as usual.
        try:
            count = _redis_count(backend, backend.make_and_validate_key(cache_key), window + 1)
            return RateLimit(limit=limit, remaining=limit - count, reset_after=reset_after)
        except REDIS_ERRORS as error:
            if failover is None:
                raise
            failover.redis_failed(error)  # counted below, in this process, until Redis answers
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


def rate_limit_undo(key: str, *, window: int) -> None:
    """Give back one event counted by rate_limit_hit in the current window (it turned out not to count)."""
    cache_key, _ = _window_key(key, window)
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing to give back
        cache.decr(cache_key)


def reset_local() -> None:
    """Forget this process's counters and any remembered Redis outage (tests)."""
    from . import cache as failover_cache

    failover_cache.reset()
    _kept.connection = None
