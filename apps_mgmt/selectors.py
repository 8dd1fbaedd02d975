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


def staff_app_search(*, query: str = "", status: str = "") -> QuerySet[App]:
    """Staff's apps overview: every app, newest first, found by name, App ID, Client ID
    or the partner's company or super admin's email; with its active shop count."""
    apps = App.objects.select_related("partner", "partner__super_admin").annotate(
        active_shops=Count("shop_links", filter=ACTIVE_LINKS)
    )
    if status in App.Status.values:
        apps = apps.filter(status=status)
    query = query.strip()
    if query:
        match = (
            Q(name__icontains=query)
            | Q(client_id=query)
            | Q(partner__company_name__icontains=query)
            | Q(partner__super_admin__email__icontains=query)
        )
        if query.isdigit() and len(query) <= 18:
            match |= Q(fs_id=int(query))
        apps = apps.filter(match)
    return apps.order_by("-created_at", "-id")
