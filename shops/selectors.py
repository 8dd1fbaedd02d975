"""Reads of shop links for the step 5 page and Shop Management: a fixed number
of queries, whatever the number of shops."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps_mgmt.models import App
from partners.models import Partner

from .models import ShopLink

Status = ShopLink.Status

# Shop Management's tabs. Expired invitations sit under Pending, flagged, since
# the partner's next move is the same: send the invitation again.
TABS: dict[str, tuple[str | Promise, tuple[str, ...]]] = {
    "active": (_("Active"), (Status.ACTIVE,)),
    "pending": (pgettext_lazy("shop link", "Pending"), (Status.DRAFT, Status.INVITED, Status.EXPIRED)),
    "rejected": (_("Rejected"), (Status.REJECTED,)),
    "removed": (_("Removed"), (Status.REMOVED,)),
}


def partner_waiting_links(partner: Partner) -> QuerySet[ShopLink]:
    """The shops on the partner's step 5 list (not yet in an app), removed ones left out."""
    return (
        ShopLink.objects.filter(partner=partner, app__isnull=True)
        .exclude(status=Status.REMOVED)
        .select_related("shop")
        .order_by("shop__domain")
    )


def app_links(app: App, tab: str) -> QuerySet[ShopLink]:
    """The app's real shops in a tab (its test shops are on Testing Account)."""
    return (
        ShopLink.objects.filter(app=app, status__in=TABS[tab][1], shop__is_test=False)
        .select_related("shop")
        .order_by("shop__domain")
    )


def app_tab_counts(app: App) -> dict[str, int]:
    by_status = dict(
        ShopLink.objects.filter(app=app, shop__is_test=False).order_by().values_list("status").annotate(n=Count("id"))
    )
    return {tab: sum(by_status.get(status, 0) for status in statuses) for tab, (_, statuses) in TABS.items()}


def partner_default_app(partner: Partner) -> App | None:
    """The app made at activation: the partner's oldest live one."""
    return App.objects.filter(partner=partner, status=App.Status.LIVE).order_by("created_at", "id").first()
