"""GET /healthz: is each dependency answering? 503 when one is not."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from console.celery import app as celery_app
from console.lib.cache import FailoverRedisCache


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    # Redis itself, not the per-process stand-in the cache uses while Redis is away.
    backend: BaseCache = caches[DEFAULT_CACHE_ALIAS]
    kind = RedisCache if isinstance(backend, FailoverRedisCache) else type(backend)
    kind.set(backend, "healthz", "ok", 10)
    if kind.get(backend, "healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def check_broker() -> None:
    if settings.REDIS_URL:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
        return
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down"
            results[name] = {"status": "down", "error": f"{type(exc).__name__}: {exc}"[:200]}
        else:
            results[name] = {"status": "up"}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    healthy = all(result["status"] == "up" for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "down", "checks": results}, status=200 if healthy else 503)
