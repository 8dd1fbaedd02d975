"""The dashboard's Getting started card: `{% load playground %}{% playground_getting_started %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from partners.models import Partner
from partners.permissions import get_membership
from playground import selectors
from playground.catalogue import catalogue
from playground.snippets import request_snippets, token_snippet

register = template.Library()


@register.inclusion_tag("playground/_getting_started.html", takes_context=True)
def playground_getting_started(context: dict[str, Any]) -> dict[str, Any]:
    """For an active partner whose first app hasn't made a call yet: its Client ID,
    the token request and a shop-info call as curl, and the way to the playground."""
    request = context["request"]
    membership = get_membership(request)
    if membership is None or membership.partner.status != Partner.Status.ACTIVE:
        return {}
    app = selectors.getting_started_app(membership.partner_id)
    if app is None or selectors.app_has_called(app):
        return {}
    base = request.build_absolute_uri("/").rstrip("/")
    shop_info = catalogue().find("shop_info")
    path = shop_info.url({"fs_id": app.fs_id}) if shop_info else f"/v1/shop/fs/{app.fs_id}/shop-info"
    return {
        "app": app,
        "token_snippet": token_snippet(base, app.client_id),
        "call_snippet": request_snippets("GET", base + path, None)[0].code,
        "playground_url": f"{reverse('playground:index', args=[app.fs_id])}?op=shop_info",
    }


@register.filter
def path_breaks(path: str) -> str:
    """A path that may wrap after each slash (and only there) on a narrow screen."""
    return mark_safe("/<wbr>".join(escape(part) for part in str(path).split("/")))  # noqa: S308 - each part escaped


@register.simple_tag
def playground_link(operation: str) -> str:
    """Where "Try it in the API Playground" goes for an operation id of the OpenAPI
    document (the API reference links each endpoint with it), or "" for those the
    playground doesn't offer (the token endpoint and introspection)."""
    if catalogue().find(operation) is None:
        return ""
    return f"{reverse('playground:choose')}?op={operation}"
