"""The one way views reach a partner account: outsiders get a 404."""

from __future__ import annotations

from typing import cast

from django.http import Http404, HttpRequest

from accounts.models import User

from .models import Partner, PartnerMember


def get_membership(request: HttpRequest) -> PartnerMember | None:
    """The signed-in user's membership (a user belongs to at most one partner here)."""
    if not request.user.is_authenticated:
        return None
    # The view, the nav and the dashboard cards all ask within one request:
    # remember a found membership so they share one query. (A miss isn't kept:
    # the request may be the one that starts a registration.)
    cached: PartnerMember | None = getattr(request, "_partner_membership", None)
    if cached is None:
        cached = PartnerMember.objects.select_related("partner").filter(user=request.user).first()
        request._partner_membership = cached  # type: ignore[attr-defined]
    return cached


def get_partner_for_member(request: HttpRequest, *, write: bool = False) -> Partner:
    membership = get_membership(request)
    if membership is None or (write and not membership.can_write):
        raise Http404("No partner account")
    return membership.partner


def actor_of(request: HttpRequest) -> User:
    """The signed-in user, typed for services (views call this behind @login_required)."""
    if not request.user.is_authenticated:
        raise Http404("Sign in first")
    return cast(User, request.user)
