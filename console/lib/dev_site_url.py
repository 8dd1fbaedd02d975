"""In development, emailed links point at the host the console is served on.

SITE_URL is what emailed links start with. A deployment sets it; on `make run`
with no SITE_URL set it defaulted to http://127.0.0.1:8000 even when the
console was served on another port or host, so verification and consent links
led nowhere. With DEBUG on and SITE_URL unset (SITE_URL_FROM_REQUEST), each
request sets it to the origin it was served from; the links built while
handling it, and in emails it queues, match the address in the browser.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class DevSiteUrlMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG and settings.SITE_URL_FROM_REQUEST:
            # Development only: one developer's server serves one origin.
            settings.SITE_URL = f"{request.scheme}://{request.get_host()}"
        return self.get_response(request)
