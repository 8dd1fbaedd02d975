from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from apps_mgmt.models import App
from apps_mgmt.notices import AppNotice, app_notices
from partners.models import Partner
from partners.permissions import get_membership

register = template.Library()


@register.inclusion_tag("apps_mgmt/_dashboard_card.html", takes_context=True)
def apps_dashboard_card(context: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's Apps card: how many apps the account has, and the way in."""
    membership = get_membership(context["request"])
    partner = membership.partner if membership else None
    active = partner is not None and partner.status == Partner.Status.ACTIVE
    count = App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).count() if active else 0
    return {"active": active, "count": count, "max_apps": settings.MAX_LIVE_APPS}


@register.simple_tag
def app_notices_for(app: App) -> list[AppNotice]:
    """What the floors above have to say about this app (apps_mgmt/notices.py)."""
    return app_notices(app)
