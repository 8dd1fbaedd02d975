"""Step 5 (seller approval), Shop Management and the shop owner's consent page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from apps_mgmt.menu import app_menu
from apps_mgmt.models import App
from apps_mgmt.permissions import get_app_for_member
from console.lib.errors import DomainError
from console.lib.http import client_ip
from registration.models import Partner
from registration.permissions import get_membership, get_partner_for_member
from registration.progress import progress_steps
from registration.selectors import registration_progress

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


def _add_shops(
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
    names = ", ".join(link.shop.name for link in links)
    messages.success(request, f"Invitation sent to the owner of {names}.")
    return True, []


@login_required
@require_http_methods(["GET", "POST"])
def seller_approval(request: HttpRequest) -> HttpResponse:
    partner = get_partner_for_member(request, write=request.method == "POST")
    if partner.status == Partner.Status.ACTIVE:
        app = selectors.partner_default_app(partner)
        return redirect("shops:management", app.fs_id) if app is not None else redirect("home")
    if partner.status != Partner.Status.APPROVED:
        return redirect("home")
    form = ShopDomainsForm(request.POST or None)
    added, verdicts = _add_shops(request, form, partner, None) if request.method == "POST" else (False, [])
    if added:
        return redirect("shops:seller_approval")
    links = list(selectors.partner_waiting_links(partner))
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
        "can_write": membership is not None and membership.can_write,
        "form": form,
        "verdicts": verdicts,
        "steps": progress_steps(partner, registration_progress(partner), "seller"),
    }
    return render(request, "shops/seller_approval.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def management(request: HttpRequest, fs_id: int) -> HttpResponse:
    app = get_app_for_member(request, fs_id, write=request.method == "POST")
    tab = request.GET.get("tab", "active")
    tab = tab if tab in selectors.TABS else "active"
    form = ShopDomainsForm(request.POST or None)
    added, verdicts = _add_shops(request, form, app.partner, app) if request.method == "POST" else (False, [])
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
        "can_write": membership is not None and membership.can_write,
        "form": form,
        "verdicts": verdicts,
        "open_add": form.is_bound or request.GET.get("add") == "1",
    }
    return render(request, "shops/management.html", context)


def _partner_link(request: HttpRequest, link_id: int) -> tuple[ShopLink, str]:
    """A link on the signed-in partner's step 5 list (writers only), and where to go back to."""
    partner = get_partner_for_member(request, write=True)
    link = get_object_or_404(
        ShopLink.objects.select_related("shop", "partner"), pk=link_id, partner=partner, app__isnull=True
    )
    return link, reverse("shops:seller_approval")


def _app_link(request: HttpRequest, fs_id: int, link_id: int) -> tuple[ShopLink, str]:
    app = get_app_for_member(request, fs_id, write=True)
    link = get_object_or_404(ShopLink.objects.select_related("shop", "partner", "app"), pk=link_id, app=app)
    tab = next((key for key, (_, statuses) in selectors.TABS.items() if link.status in statuses), "active")
    return link, reverse("shops:management", args=[fs_id]) + f"?tab={tab}"


def _resend(request: HttpRequest, link: ShopLink, back: str) -> HttpResponse:
    try:
        shop_link_resend(link=link, actor=_user(request), ip=client_ip(request))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"A new invitation went to the owner of {link.shop.name}; older links stop working.")
    return redirect(back)


def _remove(request: HttpRequest, link: ShopLink, back: str) -> HttpResponse:
    if request.method == "POST":
        try:
            shop_link_remove(link=link, actor=_user(request))
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{link.shop.name} was removed.")
        return redirect(back)
    return render(request, "shops/remove_confirm.html", {"link": link, "back": back, "now": timezone.now()})


@login_required
@require_POST
def seller_approval_resend(request: HttpRequest, link_id: int) -> HttpResponse:
    return _resend(request, *_partner_link(request, link_id))


@login_required
@require_http_methods(["GET", "POST"])
def seller_approval_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    return _remove(request, *_partner_link(request, link_id))


@login_required
@require_POST
def management_resend(request: HttpRequest, fs_id: int, link_id: int) -> HttpResponse:
    return _resend(request, *_app_link(request, fs_id, link_id))


@login_required
@require_http_methods(["GET", "POST"])
def management_remove(request: HttpRequest, fs_id: int, link_id: int) -> HttpResponse:
    return _remove(request, *_app_link(request, fs_id, link_id))


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
