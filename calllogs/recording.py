"""What is kept of a call: credentials and tokens redacted, bodies cut at 16 KB.

No `Authorization`, `Cookie` or `Proxy-Authorization` header is ever stored;
query parameters, form fields and JSON keys that name a secret or a token
are kept by name with their value replaced.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.http import HttpRequest, HttpResponseBase

from .storage import CallRecord

BODY_LIMIT = 16 * 1024
REDACTED = "[redacted]"
SOURCES = ("api", "playground", "gateway")
# The request's META key that says where a call came from. Not an HTTP header
# (those arrive as HTTP_*), so no client can set it: the API Playground
# dispatches the Open API in-process with it set to "playground".
SOURCE_KEY = "console.call_source"

_SECRET_NAME = re.compile(r"secret|token|password|passwd|authorization|api[_-]?key|signature|hmac", re.IGNORECASE)
# Plain substrings every secret-looking name contains one of: a cheap first look
# (most calls carry none, and skip the regular expressions).
_SECRET_WORDS = ("secret", "token", "passw", "authorization", "key", "signature", "hmac")
_DROPPED_HEADERS = {"authorization", "cookie", "proxy-authorization", "set-cookie"}
# A JSON member whose name looks secret, with a string value: "client_secret": "…".
_JSON_SECRET = re.compile(
    r'("(?:[^"\\]*(?:secret|token|password|passwd|authorization|api[_-]?key|signature|hmac)[^"\\]*)"\s*:\s*)"(?:[^"\\]|\\.)*"',
    re.IGNORECASE,
)


def truncate(text: str, limit: int = BODY_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"… [cut at {limit // 1024} KB]"


def _mentions_secret(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _SECRET_WORDS)


@lru_cache(maxsize=1024)
def _secret_name(name: str) -> bool:
    return bool(_SECRET_NAME.search(name))


def redact_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, REDACTED if _secret_name(name) else value) for name, value in pairs]


def redact_query(query: str) -> str:
    if not query:
        return ""
    if not _mentions_secret(query):
        return truncate(query)
    return truncate(urlencode(redact_pairs(parse_qsl(query, keep_blank_values=True))))


def redact_body(raw: bytes | str, content_type: str = "") -> str:
    """A body as text with secret-named JSON members and form fields redacted, cut at 16 KB."""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    if not text:
        return ""
    if "x-www-form-urlencoded" in content_type:
        return truncate(urlencode(redact_pairs(parse_qsl(text, keep_blank_values=True))))
    if not _mentions_secret(text):
        return truncate(text)  # the common case, and a scan far cheaper than the substitution
    # Redact before cutting, so a secret straddling the cut can't survive in part.
    return truncate(_JSON_SECRET.sub(lambda match: f'{match.group(1)}"{REDACTED}"', text))


def headers_json(headers: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    if not headers:
        return "{}"  # a gateway's record often has none: skip the encoder
    items = headers.items() if isinstance(headers, Mapping) else headers
    kept = {
        name: (REDACTED if _secret_name(name) else value)
        for name, value in items
        if name.lower() not in _DROPPED_HEADERS
    }
    return truncate(json.dumps(kept, ensure_ascii=False))


def request_headers(request: HttpRequest) -> dict[str, str]:
    return {name: value for name, value in request.headers.items()}


def path_template(request: HttpRequest) -> str:
    """The route as the OpenAPI document names it: `v1/shop/fs/<str:fs_id>/shop-info` -> `/v1/shop/fs/{fs_id}/shop-info`."""
    match = getattr(request, "resolver_match", None)
    route = getattr(match, "route", "") or ""
    if not route or route.startswith("^"):
        return request.path[:200]
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def call_source(request: HttpRequest) -> str:
    source = request.META.get(SOURCE_KEY, "api")
    return source if source in SOURCES else "api"


def call_record(
    request: HttpRequest,
    response: HttpResponseBase,
    *,
    app_id: int,
    at: datetime,
    latency_ms: float,
    request_id: str,
    error_code: str = "",
    shop_id: int | None = None,
    client_ip: str | None = None,
) -> CallRecord:
    """The record of a finished Open API call or token request."""
    try:
        body: bytes = request.body
    except Exception:  # noqa: BLE001 - a body already read as a stream is simply not kept
        body = b""
    content = _content(response)
    response_type = response.get("Content-Type", "") if hasattr(response, "get") else ""
    return CallRecord(
        at=at,
        app_id=app_id,
        source=call_source(request),
        method=(request.method or "")[:8],
        path_template=path_template(request)[:200],
        path=request.path[:2048],
        status=response.status_code,
        error_code=(error_code or "")[:64],
        latency_ms=round(latency_ms, 3),
        shop_id=shop_id,
        client_ip=client_ip or None,
        request_id=request_id[:128],
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:512],
        request_query=redact_query(request.META.get("QUERY_STRING", "")),
        request_headers=headers_json(request_headers(request)),
        request_body=redact_body(body, request.META.get("CONTENT_TYPE", "")),
        response_headers=headers_json(dict(response.items())),
        response_body=redact_body(content, response_type),
    )


def _content(response: HttpResponseBase) -> bytes | str:
    if getattr(response, "streaming", False):
        return b""
    if not getattr(response, "is_rendered", True):
        # A DRF Response not rendered yet (OPTIONS): its data is what it will say.
        data = getattr(response, "data", None)
        return "" if data is None else json.dumps(data, default=str)
    return bytes(getattr(response, "content", b""))


def describe(value: Any) -> str:
    """A stored JSON text pretty-printed for the detail page (as is when it isn't JSON)."""
    try:
        return json.dumps(json.loads(value), indent=2, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)
