"""The team's entries in the main navigation (base.html's `nav_items`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from partners.permissions import get_membership


def _items(request: HttpRequest) -> list[dict[str, object]]:
    if not request.user.is_authenticated:
        return []
    match = request.resolver_match
    current = match.view_name if match else ""
    if request.user.is_staff:
        return [{"label": _("Audit log"), "url": reverse("staff_audit"), "current": current.startswith("staff_audit")}]
    if get_membership(request) is None:
        return []
    return [
        {
            "label": _("Team"),
            "url": reverse("teams:team"),
            "current": current.startswith("teams:") and "audit" not in current,
        },
        {"label": _("Audit log"), "url": reverse("teams:audit"), "current": current.startswith("teams:audit")},
    ]


def team_nav(request: HttpRequest) -> dict[str, object]:
    return {"nav_items": SimpleLazyObject(lambda: _items(request))}
