from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from partners.models import Partner

from .models import App

# Shop links live in shops/, a floor above: reads go through the reverse
# relation by name, so this module needs no import from there.
ACTIVE_LINKS = Q(shop_links__status="active")


def partner_apps(partner: Partner) -> QuerySet[App]:
    """The apps a partner sees (live and suspended), each with its count of active shops."""
    return App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).annotate(
        active_shops=Count("shop_links", filter=ACTIVE_LINKS)
    )


def app_active_shop_count(app: App) -> int:
    return app.shop_links.filter(status="active").count()
