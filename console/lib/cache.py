"""The cache on Redis, carrying on in this process while Redis is unreachable.

Sign-in limits (allauth), Import App's failure count and the other rate
limits live in the cache. With Redis away they would each answer 500; instead
every operation falls back to a cache local to this process (LocMemCache), so
each web process counts on its own until Redis answers again: the limits hold
per process, and nothing a partner does fails. After a failure Redis is left
alone for CACHE_REDIS_RETRY seconds, so each request doesn't wait on it.

What this means per feature (docs/production.md, "When Redis is down"):
sessions are in the database and unaffected; limits are counted per process;
Celery nudges fail quietly and the outbox's sweeper sends what is due once
the broker is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

T = TypeVar("T")

REDIS_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)

_lock = threading.Lock()
_down_until: dict[str, float] = {}


def redis_is_down(location: str) -> bool:
    with _lock:
        return _down_until.get(location, 0.0) > time.monotonic()


def redis_failed(location: str, error: BaseException) -> None:
    retry = float(getattr(settings, "CACHE_REDIS_RETRY", 5))
    with _lock:
        was_down = _down_until.get(location, 0.0) > time.monotonic()
        _down_until[location] = time.monotonic() + retry
    if not was_down:
        log.warning("Cache: Redis unreachable (%s); counting in this process for %.0f s", error, retry)


def reset() -> None:
    """Forget remembered outages (tests)."""
    with _lock:
        _down_until.clear()


class FailoverRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        # One local store per Redis location, shared by the threads of this process.
        self.local = LocMemCache(f"redis-failover:{self._location}", {**params, "OPTIONS": {}})

    @property
    def redis_down(self) -> bool:
        return redis_is_down(self._location)

    def redis_failed(self, error: BaseException) -> None:
        redis_failed(self._location, error)

    def _either(self, remote: Callable[[], T], local: Callable[[], T]) -> T:
        if not self.redis_down:
            try:
                return remote()
            except REDIS_ERRORS as error:
                self.redis_failed(error)
        return local()

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._either(
            lambda: super(FailoverRedisCache, self).add(key, value, timeout, version),
            lambda: self.local.add(key, value, timeout, version),
        )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._either(
            lambda: super(FailoverRedisCache, self).get(key, default, version),
            lambda: self.local.get(key, default, version),
        )

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._either(
            lambda: super(FailoverRedisCache, self).set(key, value, timeout, version),
            lambda: self.local.set(key, value, timeout, version),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._either(
            lambda: super(FailoverRedisCache, self).touch(key, timeout, version),
            lambda: self.local.touch(key, timeout, version),
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._either(
            lambda: super(FailoverRedisCache, self).delete(key, version),
            lambda: self.local.delete(key, version),
        )

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._either(
            lambda: super(FailoverRedisCache, self).get_many(keys, version),
            lambda: self.local.get_many(keys, version),
        )

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._either(
            lambda: super(FailoverRedisCache, self).has_key(key, version),
            lambda: self.local.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._either(
            lambda: super(FailoverRedisCache, self).incr(key, delta, version),
            lambda: self.local.incr(key, delta, version),
        )

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._either(
            lambda: super(FailoverRedisCache, self).set_many(data, timeout, version),
            lambda: self.local.set_many(data, timeout, version),
        )

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._either(
            lambda: super(FailoverRedisCache, self).delete_many(keys, version),
            lambda: self.local.delete_many(keys, version),
        )

    def clear(self) -> None:
        self._either(lambda: super(FailoverRedisCache, self).clear(), self.local.clear)
