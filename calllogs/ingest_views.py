"""POST /gateway/logs: the marketplace's own API gateway sends the calls it served, in batches.

Authenticated by the gateway credential (LOG_INGEST_TOKEN, a Bearer token),
which opens this endpoint and nothing else. A body over LOG_INGEST_MAX_BYTES
is refused with 413 from its Content-Length, before it is read; gzip
(`Content-Encoding: gzip`) is inflated to at most LOG_INGEST_MAX_INFLATED
bytes, so a small bomb is refused too.
"""

from __future__ import annotations

import hmac
import json
import zlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services


class TooLarge(Exception):
    pass


def _error(status: int, error: str, description: str) -> JsonResponse:
    response = JsonResponse({"error": error, "error_description": description}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="Log ingestion", error="invalid_token"'
    return response


def _authenticated(request: HttpRequest) -> bool:
    expected: str = settings.LOG_INGEST_TOKEN
    scheme, _, credential = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    # An empty setting switches ingestion off rather than letting anyone in.
    return (
        bool(expected)
        and scheme.lower() == "bearer"
        and hmac.compare_digest(credential.strip().encode(), expected.encode())
    )


def _read(request: HttpRequest) -> bytes:
    limit = settings.LOG_INGEST_MAX_BYTES
    raw = request.read(limit + 1)  # the stream, not request.body: DATA_UPLOAD_MAX_MEMORY_SIZE is for forms
    if len(raw) > limit:
        raise TooLarge
    if request.META.get("HTTP_CONTENT_ENCODING", "").strip().lower() == "gzip":
        inflater = zlib.decompressobj(wbits=31)
        try:
            raw = inflater.decompress(raw, settings.LOG_INGEST_MAX_INFLATED + 1)
        except zlib.error:
            raise ValueError("the gzip body can't be inflated") from None
        if len(raw) > settings.LOG_INGEST_MAX_INFLATED or inflater.unconsumed_tail:
            raise TooLarge
    return raw


@csrf_exempt
@require_POST
def ingest(request: HttpRequest) -> JsonResponse:
    if not _authenticated(request):
        return _error(401, "invalid_token", "Gateway credential required.")
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > settings.LOG_INGEST_MAX_BYTES:
        return _error(413, "too_large", f"Send at most {settings.LOG_INGEST_MAX_BYTES} bytes a batch.")
    try:
        body: Any = json.loads(_read(request))
    except TooLarge:
        return _error(413, "too_large", f"Send at most {settings.LOG_INGEST_MAX_BYTES} bytes a batch.")
    except (ValueError, UnicodeDecodeError) as error:
        return _error(400, "invalid_request", f"Send a JSON array of records (or one record): {error}")
    records = body if isinstance(body, list) else [body]
    if len(records) > settings.LOG_INGEST_MAX_RECORDS:
        return _error(413, "too_large", f"Send at most {settings.LOG_INGEST_MAX_RECORDS} records a batch.")
    result = services.calllog_ingest(records=records)
    return JsonResponse(
        {
            "received": result.received,
            "stored": result.stored,
            "duplicates": result.duplicates,
            "rejected": [{"index": reject.index, "reason": reject.reason} for reject in result.rejected],
        }
    )
