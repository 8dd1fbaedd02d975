"""Step 5 of the registration: wait for the shop owners' approval.

The partner's shops not yet in an app are listed with their consent status;
while waiting, the partner adds, re-invites and removes them within the
member type's limits, with Shop Management's own helpers.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from partners.models import Partner
from partners.permissions import get_membership, get_partner_for_member
from partners.roles import Permission
from shops import selectors as shop_selectors
from shops.eligibility import SHOP_LIMITS
from shops.forms import ShopDomainsForm
from shops.models import ShopLink
from shops.views import add_shops, remove, resend

from .progress import progress_steps
from .selectors import registration_progress
from .views import not_started


@login_required
@require_http_methods(["GET", "POST"])
def seller_approval(request: HttpRequest) -> HttpResponse:
    if not_started(request):
        return redirect("registration:index")
    partner = get_partner_for_member(
        request, need=Permission.MANAGE_SHOPS if request.method == "POST" else Permission.VIEW
    )
    if partner.status == Partner.Status.ACTIVE:
        app = shop_selectors.partner_default_app(partner)
        return redirect("shops:management", app.fs_id) if app is not None else redirect("home")
    if partner.status != Partner.Status.APPROVED:
        return redirect("home")
    form = ShopDomainsForm(request.POST or None)
    added, verdicts = add_shops(request, form, partner, None) if request.method == "POST" else (False, [])
    if added:
        return redirect("registration:seller_approval")
    links = list(shop_selectors.partner_waiting_links(partner))
    fewest, most = SHOP_LIMITS.get(partner.member_type, (1, 1))
    membership = get_membership(request)
    context = {
        "partner": partner,
        "now": timezone.now(),
        "links": links,
        "active_count": sum(1 for link in links if link.status == ShopLink.Status.ACTIVE),
        "fewest": fewest,
        "most": most,
        "can_add": len(links) < most,
        "can_write": membership is not None and membership.allows(Permission.MANAGE_SHOPS),
        "form": form,
        "verdicts": verdicts,
        "steps": progress_steps(partner, registration_progress(partner), "seller"),
    }
    return render(request, "registration/seller_approval.html", context)


def _waiting_link(request: HttpRequest, link_id: int) -> tuple[ShopLink, str]:
    """A link on the signed-in partner's step 5 list (writers only), and where to go back to."""
    partner = get_partner_for_member(request, need=Permission.MANAGE_SHOPS)
    link = get_object_or_404(
        ShopLink.objects.select_related("shop", "partner"), pk=link_id, partner=partner, app__isnull=True
    )
    return link, reverse("registration:seller_approval")


@login_required
@require_POST
def seller_approval_resend(request: HttpRequest, link_id: int) -> HttpResponse:
    return resend(request, *_waiting_link(request, link_id))


@login_required
@require_http_methods(["GET", "POST"])
def seller_approval_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    return remove(request, *_waiting_link(request, link_id))
