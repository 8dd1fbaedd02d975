"""`news_nav` in every template: where the navigation's News link goes, and the unread count.

Lazy, so a page that never renders the navigation costs nothing; one query when it does.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.models import User

from .selectors import unread_count


def _nav(request: HttpRequest) -> dict[str, object]:
    if not request.user.is_authenticated:
        return {}
    match = request.resolver_match
    namespace = match.namespace if match else ""
    if request.user.is_staff:
        return {"url": reverse("news_staff:list"), "unread": 0, "current": namespace == "news_staff"}
    return {
        "url": reverse("news:list"),
        "unread": unread_count(cast(User, request.user)),
        "current": namespace == "news",
    }


def news_nav(request: HttpRequest) -> dict[str, object]:
    return {"news_nav": SimpleLazyObject(lambda: _nav(request))}
