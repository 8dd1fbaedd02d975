"""The language and time zone of each request.

The order is the user's saved choice, then the switcher's cookie (a visitor who
chose a language before signing in), then the browser's Accept-Language, then
LANGUAGE_CODE: Django's `get_language_from_request` does the last three.
The Open API's views keep Tokopedia's English (`always_english`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from .locale import zone


class UserLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        saved = user.language if user.is_authenticated else ""
        language = saved or translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        if user.is_authenticated:
            timezone.activate(zone(user.time_zone))
        else:
            timezone.deactivate()  # settings.TIME_ZONE
        try:
            response = self.get_response(request)
        finally:
            # Nothing leaks into whatever this thread runs next (tests, a worker's task).
            timezone.deactivate()
            translation.deactivate()
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response

    def process_view(self, request: HttpRequest, view: Callable[..., HttpResponse], *args: object) -> None:
        # The Open API answers in Tokopedia's words, whatever the caller's Accept-Language:
        # its views (and DRF's own messages) say so with `always_english = True`.
        if getattr(getattr(view, "cls", view), "always_english", False):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
