"""The invitation link: who invited you, to what, and the way in (sign up, sign in, accept)."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from console.lib.http import client_ip
from partners.models import PartnerMember
from partners.permissions import actor_of, forget_membership

from . import services


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        return _accept(request, token)
    try:
        invitation = services.invitation_read(token=token)
    except services.InvitationUnusable as error:
        return render(request, "teams/join_error.html", {"error": error}, status=400)
    context: dict[str, object] = {"invitation": invitation, "masked": services.mask_email(invitation.email)}
    if not request.user.is_authenticated:
        # The link came to this address, which proves it as an emailed code
        # would: allauth marks it verified if the visitor signs up with it.
        get_adapter(request).stash_verified_email(request, invitation.email)
        here = request.get_full_path()
        context["signup_url"] = "/accounts/signup/?" + urlencode({"next": here})
        context["login_url"] = "/accounts/login/?" + urlencode({"next": here})
        context["has_account"] = services.address_has_account(invitation.email)
        return render(request, "teams/join.html", context)
    user = actor_of(request)
    context["matches"] = services.user_has_verified(user, invitation.email)
    context["current"] = PartnerMember.objects.filter(user=user).select_related("partner").first()
    return render(request, "teams/join.html", context)


def _accept(request: HttpRequest, token: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(request.path)
    try:
        member = services.invitation_accept(token=token, user=actor_of(request), ip=client_ip(request))
    except services.InvitationUnusable as error:
        return render(request, "teams/join_error.html", {"error": error}, status=400)
    forget_membership(request)
    messages.success(
        request,
        gettext("Welcome to {partner}: you joined as {member}.").format(
            partner=member.partner, member=member.get_role_display()
        ),
    )
    return redirect("home")
