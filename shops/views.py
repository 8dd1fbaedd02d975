"""Shop Management and the shop owner's consent page.

`add_shops`, `resend` and `remove` are shared with step 5 of the registration
(registration/seller_views.py), which lists the shops not yet in an app.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from apps_mgmt.menu import app_menu
from apps_mgmt.models import App
from apps_mgmt.permissions import get_app_for_member
from console.lib.errors import DomainError
from console.lib.http import client_ip
from console.lib.text import and_list
from partners.models import Partner
from partners.permissions import get_membership
from partners.roles import Permission

from . import selectors
from .eligibility import SHOP_LIMITS, DomainVerdict
from .forms import ShopDomainsForm
from .models import ShopLink
from .services import (
    ConsentLinkError,
    ShopsRefused,
    consent_invitation_read,
    shop_link_decide,
    shop_link_remove,
    shop_link_resend,
    shop_links_add,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every caller is behind @login_required
    return request.user


def add_shops(
    request: HttpRequest, form: ShopDomainsForm, partner: Partner, app: App | None
) -> tuple[bool, list[DomainVerdict]]:
    """Run Add Shop: (added, verdicts). On refusal the form carries the message."""
    if not form.is_valid():
        return False, []
    try:
        links = shop_links_add(partner=partner, app=app, text=form.cleaned_data["domains"], actor=_user(request))
    except ShopsRefused as error:
        form.add_error("domains", str(error))
        return False, error.verdicts
    except DomainError as error:
        form.add_error(None, str(error))
        return False, []
    names = and_list([link.shop.name for link in links])
    sent = ngettext("Invitation sent to the owner of {names}.", "Invitation sent to the owners of {names}.", len(links))
    messages.success(request, sent.format(names=names))
    return True, []


@login_required
@require_http_methods(["GET", "POST"])
def management(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(
        request, fs_id, need=Permission.MANAGE_SHOPS if request.method == "POST" else Permission.VIEW
    )
    tab = request.GET.get("tab", "active")
    tab = tab if tab in selectors.TABS else "active"
    form = ShopDomainsForm(request.POST or None)
    added, verdicts = add_shops(request, form, app.partner, app) if request.method == "POST" else (False, [])
    if added:
        return redirect(reverse("shops:management", args=[app.fs_id]) + "?tab=pending")
    counts = selectors.app_tab_counts(app)
    membership = get_membership(request)
    context = {
        "app": app,
        "menu": app_menu(app, current="shops:management"),
        "now": timezone.now(),
        "tab": tab,
        "tabs": [(key, label, counts[key]) for key, (label, _) in selectors.TABS.items()],
        "links": selectors.app_links(app, tab),
        "can_write": membership is not None and membership.allows(Permission.MANAGE_SHOPS),
        "form": form,
        "verdicts": verdicts,
        "open_add": form.is_bound or request.GET.get("add") == "1",
    }
    return render(request, "shops/management.html", context)


def _app_link(request: HttpRequest, fs_id: int, link_id: int) -> tuple[ShopLink, str]:
    app = get_app_for_member(request, fs_id, need=Permission.MANAGE_SHOPS)
    link = get_object_or_404(
        ShopLink.objects.select_related("shop", "partner", "app"), pk=link_id, app=app, shop__is_test=False
    )
    tab = next((key for key, (_, statuses) in selectors.TABS.items() if link.status in statuses), "active")
    return link, reverse("shops:management", args=[fs_id]) + f"?tab={tab}"


def resend(request: HttpRequest, link: ShopLink, back: str) -> HttpResponse:
    try:
        shop_link_resend(link=link, actor=_user(request), ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("A new invitation went to the owner of {shop}; older links stop working.").format(
                shop=link.shop.name
            ),
        )
    return redirect(back)


def remove(request: HttpRequest, link: ShopLink, back: str) -> HttpResponse:
    if request.method == "POST":
        try:
            shop_link_remove(link=link, actor=_user(request))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("{shop} was removed.").format(shop=link.shop.name))
        return redirect(back)
    context = {"link": link, "back": back, "now": timezone.now(), "below_minimum": _below_minimum_after(link)}
    return render(request, "shops/remove_confirm.html", context)


def _below_minimum_after(link: ShopLink) -> dict[str, int] | None:
    """When removing this active shop leaves the partner under its member type's fewest
    active shops (a Third Party Enabler's 3): how many would be left, to warn before."""
    fewest, _ = SHOP_LIMITS.get(link.partner.member_type, (1, 1))
    if link.status != ShopLink.Status.ACTIVE or fewest <= 1:
        return None
    left = ShopLink.objects.filter(partner=link.partner, status=ShopLink.Status.ACTIVE).exclude(pk=link.pk).count()
    return {"left": left, "fewest": fewest} if left < fewest else None


@login_required
@require_POST
def management_resend(request: HttpRequest, fs_id: int, link_id: int) -> HttpResponse:
    return resend(request, *_app_link(request, fs_id, link_id))


@login_required
@require_http_methods(["GET", "POST"])
def management_remove(request: HttpRequest, fs_id: int, link_id: int) -> HttpResponse:
    return remove(request, *_app_link(request, fs_id, link_id))


@never_cache
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, token: str) -> HttpResponse:
    """The shop owner's page, no account needed. A GET only shows the question
    (mail scanners follow links); the POST of its form decides."""
    try:
        if request.method == "POST":
            outcome = shop_link_decide(token=token, decision=request.POST.get("decision", ""), ip=client_ip(request))
            return render(request, "shops/consent_done.html", {"outcome": outcome, "link": outcome.link})
        link = consent_invitation_read(token=token)
    except ConsentLinkError as error:
        return render(request, "shops/consent_error.html", {"error": error}, status=400)
    chosen = request.GET.get("decision", "")
    context = {"link": link, "chosen": chosen if chosen in {"approve", "reject"} else ""}
    return render(request, "shops/consent.html", context)
