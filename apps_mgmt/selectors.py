from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from registration.models import Partner
from shops.models import ShopLink

from .models import App


def partner_apps(partner: Partner) -> QuerySet[App]:
    """The apps a partner sees (live and suspended), each with its count of active shops."""
    return App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).annotate(
        active_shops=Count("shop_links", filter=Q(shop_links__status=ShopLink.Status.ACTIVE))
    )


def app_active_shop_count(app: App) -> int:
    return ShopLink.objects.filter(app=app, status=ShopLink.Status.ACTIVE).count()
