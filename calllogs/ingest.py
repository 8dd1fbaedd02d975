"""The gateway's call logs: a batch's records validated one by one and mapped to apps.

Two shapes are accepted in the same batch, told apart per record:

- Kong's `http-log` plugin, as it sends them (a JSON object, or an array of
  them when `queue.max_batch_size` > 1): `started_at` (ms), `request.id` (or
  the `x-kong-request-id` response header), `request.method`, `request.uri`,
  `request.querystring`, `request.headers`, `response.status`,
  `response.headers`, `latencies.request`, `client_ip`, and the app from a
  top-level `fs_id` or `client_id` (Kong's `custom_fields_by_lua`) or the
  consumer's `custom_id` (an App ID, or else a Client ID).
- The console's own: `request_id`, `time` (ISO 8601 or ms since the epoch),
  `fs_id` or `client_id`, `method`, `path`, `status`, `latency_ms`, and
  optionally `error_code`, `shop_id`, `client_ip`, `user_agent`, `query`,
  `request_headers`, `request_body`, `response_headers`, `response_body`.

docs/calllogs.md has the table.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from apps_mgmt.models import App

from .recording import headers_json, redact_body, redact_query
from .storage import CallRecord

FUTURE_SLACK = timedelta(minutes=5)


class Invalid(ValueError):
    """A record that can't be stored, and why (reported by its index)."""


@dataclass(frozen=True)
class Reject:
    index: int
    reason: str


@lru_cache(maxsize=4096)
def path_template(path: str) -> str:
    """The OpenAPI path key the console routes `path` to (`/v2/order/list`); the path itself otherwise."""
    try:
        match = resolve(path)
    except Resolver404:
        return path[:200]
    route = match.route or ""
    if not route or route.startswith("^") or not match.func.__module__.startswith("openapi."):
        return path[:200]
    return ("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))[:200]


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid("must be a string")
    return value[:limit]


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid(f"{name}: must be an integer")
    try:
        number = int(value)
    except ValueError:
        raise Invalid(f"{name}: must be an integer") from None
    return number


def _time(value: Any) -> datetime:
    if isinstance(value, bool):
        raise Invalid("time: must be ISO 8601 or milliseconds since the epoch")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise Invalid("time: out of range") from None
    if isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise Invalid("time: must be ISO 8601 or milliseconds since the epoch")


def _ip(value: Any) -> str | None:
    if value in (None, ""):
        return None
    normal = _normal_ip(str(value))
    if normal is None:
        raise Invalid("client_ip: not an IP address")
    return normal


@lru_cache(maxsize=4096)
def _normal_ip(text: str) -> str | None:
    """A gateway's batch repeats a handful of client addresses: parse each once."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _headers(value: Any) -> Mapping[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise Invalid("headers: must be an object")
    # Kong sends a repeated header as a list of its values.
    return {str(k): ", ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in value.items()}


def _body(value: Any) -> str:
    if value is None:
        return ""
    return redact_body(value if isinstance(value, str) else json.dumps(value))


class AppIndex:
    """The apps a batch names, looked up in two queries whatever its size."""

    def __init__(self, records: Sequence[Any]) -> None:
        fs_ids: set[int] = set()
        client_ids: set[str] = set()
        for raw in records:
            if not isinstance(raw, Mapping):
                continue
            for value in _app_keys(raw):
                if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 19):
                    fs_ids.add(int(value))
                elif isinstance(value, str) and 0 < len(value) <= 64:
                    client_ids.add(value)
        live = [App.Status.LIVE, App.Status.SUSPENDED]
        apps = App.objects.filter(status__in=live).only("id", "fs_id", "client_id")
        self.by_fs_id = {app.fs_id: app.pk for app in apps.filter(fs_id__in=fs_ids)} if fs_ids else {}
        self.by_client_id = (
            {app.client_id: app.pk for app in apps.filter(client_id__in=client_ids)} if client_ids else {}
        )

    def app_id(self, raw: Mapping[str, Any]) -> int:
        for value in _app_keys(raw):
            if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 19):
                found = self.by_fs_id.get(int(value))
            else:
                found = self.by_client_id.get(str(value))
            if found is not None:
                return found
        if not any(True for _ in _app_keys(raw)):
            raise Invalid("no app: send fs_id or client_id (or a Kong consumer whose custom_id is one)")
        raise Invalid("unknown app: no live app has this fs_id or client_id")


def _app_keys(raw: Mapping[str, Any]) -> Iterable[Any]:
    for name in ("fs_id", "client_id"):
        if raw.get(name) not in (None, ""):
            yield raw[name]
    consumer = raw.get("consumer")
    if isinstance(consumer, Mapping):
        for name in ("custom_id", "username"):
            if consumer.get(name) not in (None, ""):
                yield consumer[name]


def _is_kong(raw: Mapping[str, Any]) -> bool:
    return isinstance(raw.get("request"), Mapping) and isinstance(raw.get("response"), Mapping)


def _kong_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    request, response = raw["request"], raw["response"]
    request_headers = _headers(request.get("headers"))
    response_headers = _headers(response.get("headers"))
    lowered = {name.lower(): value for name, value in response_headers.items()}
    request_id = request.get("id") or lowered.get("x-kong-request-id") or lowered.get("x-request-id")
    if not request_id:
        request_id = {name.lower(): value for name, value in request_headers.items()}.get("x-request-id")
    uri = _text(request.get("uri"), 4096)
    path, _, query = uri.partition("?")
    querystring = request.get("querystring")
    if isinstance(querystring, Mapping) and querystring:
        pairs = [
            (str(k), "" if v is True else str(v))
            for k, values in querystring.items()
            for v in (values if isinstance(values, list) else [values])
        ]
        query = urlencode(pairs)
    latencies = raw["latencies"] if isinstance(raw.get("latencies"), Mapping) else {}
    user_agent = {name.lower(): value for name, value in request_headers.items()}.get("user-agent", "")
    return {
        "request_id": request_id,
        "time": raw.get("started_at"),
        "method": request.get("method"),
        "path": path,
        "query": query,
        "status": response.get("status"),
        "latency_ms": latencies.get("request", 0),
        "client_ip": raw.get("client_ip"),
        "user_agent": user_agent,
        "request_headers": request_headers,
        "response_headers": response_headers,
        "request_body": request.get("body"),
        "response_body": response.get("body"),
        "error_code": raw.get("error_code"),
        "shop_id": raw.get("shop_id"),
    }


def _shop_id(value: Any, query: str) -> int | None:
    if value not in (None, ""):
        return _int(value, "shop_id")
    for pair in query.split("&"):
        name, _, number = pair.partition("=")
        if name == "shop_id" and number.isdigit() and len(number) <= 18:
            return int(number)
    return None


@dataclass(frozen=True)
class Window:
    """The times a record may carry: within retention, and not ahead of the clock (with some slack)."""

    oldest: datetime
    newest: datetime

    @classmethod
    def around(cls, now: datetime) -> Window:
        return cls(oldest=now - timedelta(days=settings.LOG_RETENTION_DAYS), newest=now + FUTURE_SLACK)


def to_record(raw: Any, apps: AppIndex, *, window: Window) -> CallRecord:
    if not isinstance(raw, Mapping):
        raise Invalid("must be a JSON object")
    app_id = apps.app_id(raw)
    fields = _kong_fields(raw) if _is_kong(raw) else dict(raw)
    request_id = fields.get("request_id")
    if not isinstance(request_id, str) or not request_id.strip() or len(request_id) > 128:
        raise Invalid("request_id: required, at most 128 characters")
    if fields.get("time") is None:
        raise Invalid("time: required")
    at = _time(fields["time"])
    if at < window.oldest:
        raise Invalid(f"time: older than the {settings.LOG_RETENTION_DAYS} days calls are kept")
    if at > window.newest:
        raise Invalid("time: in the future")
    method = fields.get("method")
    if not isinstance(method, str) or not method.isalpha() or len(method) > 8:
        raise Invalid("method: required, an HTTP method")
    path = fields.get("path")
    if not isinstance(path, str) or not path.startswith("/"):
        raise Invalid("path: required, starting with /")
    status = _int(fields.get("status"), "status")
    if not 100 <= status <= 599:
        raise Invalid("status: must be between 100 and 599")
    latency = fields.get("latency_ms", 0)
    if isinstance(latency, bool) or not isinstance(latency, int | float) or latency < 0:
        raise Invalid("latency_ms: must be a number of milliseconds")
    query = _text(fields.get("query"), 100_000)
    try:
        return CallRecord(
            at=at,
            app_id=app_id,
            source="gateway",
            method=method.upper(),
            path_template=fields.get("path_template") or path_template(path[:2048]),
            path=path[:2048],
            status=status,
            error_code=_text(fields.get("error_code"), 64),
            latency_ms=round(float(latency), 3),
            shop_id=_shop_id(fields.get("shop_id"), query),
            client_ip=_ip(fields.get("client_ip")),
            request_id=request_id.strip(),
            user_agent=_text(fields.get("user_agent"), 512),
            request_query=redact_query(query),
            request_headers=headers_json(_headers(fields.get("request_headers"))),
            request_body=_body(fields.get("request_body")),
            response_headers=headers_json(_headers(fields.get("response_headers"))),
            response_body=_body(fields.get("response_body")),
        )
    except Invalid:
        raise
    except (TypeError, ValueError) as error:
        raise Invalid(str(error)) from None


def parse_batch(records: Sequence[Any], *, now: datetime | None = None) -> tuple[list[CallRecord], list[Reject]]:
    """The batch's valid records, and the others with the reason, by index."""
    window = Window.around(now or timezone.now())
    apps = AppIndex(records)
    good: list[CallRecord] = []
    rejects: list[Reject] = []
    for index, raw in enumerate(records):
        try:
            good.append(to_record(raw, apps, window=window))
        except Invalid as error:
            rejects.append(Reject(index, str(error)))
    return good, rejects
