"""The Open API's rate limits, as Tokopedia's: per app and endpoint, N requests
per second with a burst, and its four X-Ratelimit-* headers.

The algorithm is GCRA (a token bucket kept as one timestamp): each call
pushes the key's "theoretical arrival time" (TAT) one emission interval
(1/rate s) later; a call is refused when that would put the TAT more than
`burst` intervals ahead of now. So a quiet app may send `burst` calls at
once, then `rate` per second. From the TAT come Tokopedia's headers:

- X-Ratelimit-Limit: "5 req/s (burst 5)";
- X-Ratelimit-Remaining: calls that may be sent right now;
- X-Ratelimit-Reset-After: seconds until one more call is allowed
  ("-0.000000" while some remain, as Tokopedia sends it);
- X-Ratelimit-Full-Reset-After: seconds until the whole burst is back.

Where it is counted: in Redis when the cache is Redis (one EVAL per call on a
connection each thread keeps; the script reads Redis' own clock, so every
web process agrees); otherwise, and whenever Redis can't be reached, in this
process (a local bucket per key). An outage therefore degrades the limit to
one per process instead of failing calls; after a failure Redis is left
alone for OPENAPI_RATE_REDIS_RETRY seconds so each call doesn't wait on it.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

MICRO = 1_000_000


@dataclass(frozen=True)
class Policy:
    rate: int  # requests per second
    burst: int

    @property
    def interval(self) -> int:
        """Emission interval in microseconds."""
        return MICRO // self.rate

    def header(self) -> str:
        return f"{self.rate} req/s (burst {self.burst})"


@dataclass(frozen=True)
class Decision:
    policy: Policy
    allowed: bool
    remaining: int
    reset_after: float  # seconds until one more call is allowed; 0 while some remain
    full_reset_after: float  # seconds until the whole burst is back

    def headers(self) -> dict[str, str]:
        return {
            "X-Ratelimit-Limit": self.policy.header(),
            "X-Ratelimit-Remaining": str(self.remaining),
            "X-Ratelimit-Reset-After": f"{self.reset_after:.6f}" if self.reset_after > 0 else "-0.000000",
            "X-Ratelimit-Full-Reset-After": f"{self.full_reset_after:.6f}",
        }


def policy_for(operation: str) -> Policy:
    """The limit of one endpoint (by operation id), from OPENAPI_RATE_LIMITS or the defaults."""
    rate, burst = settings.OPENAPI_RATE_LIMITS.get(
        operation, (settings.OPENAPI_RATE_PER_SECOND, settings.OPENAPI_RATE_BURST)
    )
    return Policy(rate=max(1, min(int(rate), MICRO)), burst=max(1, int(burst)))


def _decide(policy: Policy, tat_before: int, now: int) -> tuple[Decision, int]:
    """GCRA for one call at `now` (us) given the stored TAT; returns the decision and the TAT to store."""
    interval, capacity = policy.interval, policy.interval * policy.burst
    tat = max(tat_before, now)
    new_tat = tat + interval
    allowed = new_tat - now <= capacity
    stored = new_tat if allowed else tat
    ahead = stored - now
    remaining = max(0, (capacity - ahead) // interval)
    reset_after = 0.0 if remaining else max(0, ahead + interval - capacity) / MICRO
    decision = Decision(
        policy=policy,
        allowed=allowed,
        remaining=int(remaining),
        reset_after=reset_after,
        full_reset_after=ahead / MICRO,
    )
    return decision, stored


# One atomic step in Redis: read the TAT, decide, store the new TAT with an
# expiry at the moment the bucket would be full again. Returns
# {allowed, stored TAT, now}; the headers are computed in Python from those.
_GCRA_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local capacity = interval * tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + interval
if new_tat - now <= capacity then
  redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
  return {1, string.format('%d', new_tat), string.format('%d', now)}
end
return {0, string.format('%d', tat), string.format('%d', now)}
"""


class _Kept(threading.local):
    pid = 0
    pool: Any = None
    connection: Any = None


_kept = _Kept()
_local_lock = threading.Lock()
_local: dict[str, int] = {}
_redis_down_until = 0.0


def hit(key: str, policy: Policy) -> Decision:
    """Count one call against `key` (e.g. "app 12:shop_info") under `policy`."""
    global _redis_down_until
    backend = caches["default"]
    if isinstance(backend, RedisCache) and time.monotonic() >= _redis_down_until:
        try:
            return _redis_hit(backend, key, policy)
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            _redis_down_until = time.monotonic() + settings.OPENAPI_RATE_REDIS_RETRY
            log.warning("Open API rate limit: Redis unreachable (%s); counting in this process for now", error)
    return _local_hit(key, policy)


def _local_hit(key: str, policy: Policy) -> Decision:
    now = int(time.time() * MICRO)
    with _local_lock:
        if len(_local) > 100_000:  # forget buckets that are full again
            for stale in [name for name, tat in _local.items() if tat <= now]:
                del _local[stale]
        decision, stored = _decide(policy, _local.get(key, 0), now)
        _local[key] = stored
    return decision


def _connection(backend: RedisCache) -> Any:
    """This thread's own Redis connection, with short timeouts: an unreachable
    Redis costs a call at most half a second before the local fallback."""
    pool = backend._cache._get_connection_pool(True)  # type: ignore[attr-defined]
    if _kept.connection is None or _kept.pid != os.getpid() or _kept.pool is not pool:
        kwargs = {**pool.connection_kwargs, "socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        _kept.connection, _kept.pid, _kept.pool = pool.connection_class(**kwargs), os.getpid(), pool
    return _kept.connection


def _redis_hit(backend: RedisCache, key: str, policy: Policy) -> Decision:
    """One EVAL on a connection this thread keeps (redis-py's client layer cost
    more CPU than the round trip, see docs/openapi.md); a dropped connection is
    replaced and the command sent once more."""
    connection = _connection(backend)
    name = backend.make_and_validate_key(f"openapi-rate:{key}")
    for attempt in (1, 2):
        try:
            connection.send_command("EVAL", _GCRA_SCRIPT, 1, name, policy.interval, policy.burst)
            allowed, stored, now = connection.read_response()
            break
        except (RedisConnectionError, RedisTimeoutError):
            connection.disconnect()
            if attempt == 2:
                raise
    stored, now = int(stored), int(now)
    # Recompute the headers from what Redis stored: the same arithmetic as _decide.
    before = stored - policy.interval if int(allowed) else stored
    decision, _ = _decide(policy, before, now)
    return decision


def reset_local() -> None:
    """Forget the in-process buckets and any remembered Redis outage (tests)."""
    global _redis_down_until
    with _local_lock:
        _local.clear()
    _redis_down_until = 0.0


def retry_seconds(decision: Decision) -> int:
    return max(1, math.ceil(decision.reset_after))
