"""Refuse an oversized request body from its Content-Length, before anything reads it.

Django refuses a large urlencoded form only when something reads it, and
streams a multipart upload of any size to temporary files before a form can
say the file is too big. This middleware looks at the declared length as
soon as the URL names its view, and answers 413 without reading a byte.

Each route has its own cap: the default (REQUEST_MAX_BODY_BYTES) fits every
form; a view that takes more says so with `@max_body_bytes(...)`, or a class
view with a `max_body_bytes` attribute. A view class may answer the refusal
in its own format with a `body_too_large(request, limit)` class method (the
Open API answers in its envelope).

A body sent without a Content-Length (chunked) is not read past the limit
either: the WSGI servers the console runs on give Django no chunked body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

F = TypeVar("F", bound=Callable[..., Any])

Limit = int | Callable[[], int]


def max_body_bytes(limit: Limit) -> Callable[[F], F]:
    """Let a view take bodies up to `limit` bytes (an int, or a callable read per request)."""

    def decorate(view: F) -> F:
        view.max_body_bytes = limit  # type: ignore[attr-defined]
        return view

    return decorate


def _limit_of(view: Any) -> tuple[int, Any]:
    owner = getattr(view, "view_class", None) or getattr(view, "cls", None)
    limit = getattr(view, "max_body_bytes", None)
    if limit is None and owner is not None:
        limit = getattr(owner, "max_body_bytes", None)
    if limit is None:
        limit = settings.REQUEST_MAX_BODY_BYTES
    return int(limit() if callable(limit) else limit), owner


def too_large_page(request: HttpRequest, limit: int) -> HttpResponse:
    text = render_to_string("errors/413.html", {"limit_mb": max(1, round(limit / 1024 / 1024))}, request=request)
    return HttpResponse(text, status=413)


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared <= 0:
            return None
        limit, owner = _limit_of(view)
        if declared <= limit:
            return None
        refuse = getattr(owner, "body_too_large", None)
        response: HttpResponse = refuse(request, limit) if refuse else too_large_page(request, limit)
        return response
