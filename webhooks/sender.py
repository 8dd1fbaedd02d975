"""The HTTP side of a delivery: one POST to a checked address, bounded in every way.

- The connection goes to an address `targets.resolve` checked (the URL's
  host is only the Host header and the TLS server name), so nothing can
  rebind it between check and connect.
- 15 s (WEBHOOK_TIMEOUT) for the whole attempt; redirects are never
  followed (a 3xx is a failure); at most 64 KB of the answer is read.
- Connections are kept alive per (address, port, host) and TCP_NODELAY is
  set (urllib3's default), so a busy endpoint costs no handshake per call.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import urllib3
from django.conf import settings
from urllib3.exceptions import HTTPError

from . import targets

MAX_RESPONSE_BYTES = 64 * 1024
EXCERPT_CHARS = 2000
USER_AGENT = "DeveloperConsole-Webhooks/1.0"
_POOLS_KEPT = 256


@dataclass(frozen=True)
class Response:
    status: int | None
    latency_ms: int
    excerpt: str = ""
    error: str = ""
    retry_after: float | None = None
    location: str = ""


_pools: OrderedDict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = OrderedDict()
_pools_lock = threading.Lock()


def _pool(target: targets.Target, address: targets.IPAddress) -> urllib3.HTTPConnectionPool:
    key = (target.scheme, str(address), target.port, target.host)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is not None:
            _pools.move_to_end(key)
            return pool
        if target.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(
                str(address),
                target.port,
                maxsize=settings.OUTBOX_SENDERS,
                server_hostname=target.host,
                assert_hostname=target.host,
                cert_reqs="CERT_REQUIRED",
            )
        else:
            pool = urllib3.HTTPConnectionPool(str(address), target.port, maxsize=settings.OUTBOX_SENDERS)
        _pools[key] = pool
        while len(_pools) > _POOLS_KEPT:
            _pools.popitem(last=False)[1].close()
        return pool


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: the schedule decides


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float | None = None) -> Response:
    """POST `body` to `url`; never raises for what the network or the receiver does."""
    limit = timeout if timeout is not None else settings.WEBHOOK_TIMEOUT
    started = time.monotonic()

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target, addresses = targets.check(url)
    except targets.TargetRefused as refused:
        return Response(status=None, latency_ms=elapsed_ms(), error=str(refused))
    pool = _pool(target, addresses[0])
    request_headers = {
        **headers,
        "Host": target.host_header,
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers=request_headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
            timeout=urllib3.Timeout(connect=min(5.0, limit), read=max(0.1, limit - (time.monotonic() - started))),
        )
    except HTTPError as error:
        return Response(status=None, latency_ms=elapsed_ms(), error=_describe(error, limit))
    try:
        data = bytearray()
        complete = False
        while len(data) <= MAX_RESPONSE_BYTES:
            if time.monotonic() - started > limit:
                raise TimeoutError(f"no complete answer within {limit:g} s")
            chunk = response.read(16384)
            if not chunk:
                complete = True
                break
            data += chunk
    except (HTTPError, OSError) as error:
        response.close()
        response.release_conn()
        return Response(status=response.status, latency_ms=elapsed_ms(), error=_describe(error, limit))
    if not complete:
        # More than we read: drop the connection rather than drain it.
        response.close()
    response.release_conn()
    return Response(
        status=response.status,
        latency_ms=elapsed_ms(),
        excerpt=bytes(data[:EXCERPT_CHARS]).decode("utf-8", "replace"),
        retry_after=_retry_after(response.headers.get("Retry-After")),
        location=response.headers.get("Location", "")[:300],
    )


def _describe(error: BaseException, limit: float) -> str:
    # NewConnectionError is a kind of timeout error in urllib3: ask for it first.
    if isinstance(error, urllib3.exceptions.NewConnectionError):
        return "could not connect: " + str(error).split(": ")[-1][:200]
    if isinstance(error, urllib3.exceptions.TimeoutError | TimeoutError):
        return f"timed out (limit {limit:g} s)"
    if isinstance(error, urllib3.exceptions.ProtocolError):
        return "connection broken: " + str(error)[:200]
    return f"{type(error).__name__}: {error}"[:300]
