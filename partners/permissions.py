"""The one way views and services reach a partner account.

Outsiders get a 404 (a guessed id reveals nothing); members whose role lacks
the permission get a 403 that says which roles may (partners/roles.py).

    partner = get_partner_for_member(request, need=Permission.MANAGE_TEAM)
    app = get_app_for_member(request, fs_id, need=Permission.REGENERATE_SECRET)  # apps_mgmt.permissions
    member_authorize(actor=actor, partner=partner, need=Permission.DELETE_APP)   # in a service
"""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext

from accounts.models import User
from console.lib.errors import DomainError

from .models import Partner, PartnerMember
from .roles import Permission, refusal, role_allows


class NotAllowed(DomainError):
    """A service refused an actor whose role lacks the permission."""


def get_membership(request: HttpRequest) -> PartnerMember | None:
    """The signed-in user's membership (a user belongs to at most one partner)."""
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


def forget_membership(request: HttpRequest) -> None:
    """After a service changed the user's own membership (left, joined, new role) within this request."""
    request.__dict__.pop("_partner_membership", None)


def _need(need: Permission | None, write: bool) -> Permission:
    # `write=True` predates the roles: it meant "may change apps", now EDIT_APP.
    if need is not None:
        return need
    return Permission.EDIT_APP if write else Permission.VIEW


def require_membership(request: HttpRequest, *, need: Permission = Permission.VIEW) -> PartnerMember:
    """The signed-in member, allowed to `need`: 404 for outsiders, 403 (with the reason) for members."""
    membership = get_membership(request)
    if membership is None:
        raise Http404("No partner account")
    if not membership.allows(need):
        raise PermissionDenied(refusal(membership.role, need))
    return membership


def get_partner_for_member(request: HttpRequest, *, need: Permission | None = None, write: bool = False) -> Partner:
    """The signed-in member's partner account, if their role allows `need` (default: seeing it)."""
    return require_membership(request, need=_need(need, write)).partner


def member_authorize(*, actor: User | None, partner: Partner, need: Permission) -> str | None:
    """The service-side check: raise NotAllowed unless `actor` may do `need` on `partner`.

    Returns the actor's role. Staff, and the console itself (actor None:
    tasks, commands, the Open API), act for the marketplace: they pass, with
    no role (None). A member passes when their role allows it; anyone else is
    refused.
    """
    if actor is None or actor.is_staff:
        return None
    role = PartnerMember.objects.filter(partner=partner, user=actor).values_list("role", flat=True).first()
    if role is None:
        raise NotAllowed(gettext("You are not a member of this partner account."))
    if not role_allows(role, need):
        raise NotAllowed(refusal(role, need))
    return role


def grants(membership: PartnerMember | None) -> dict[str, bool]:
    """Every permission by name, for templates: `{% if grants.delete_app %}`."""
    return {permission.value: membership is not None and membership.allows(permission) for permission in Permission}


def actor_of(request: HttpRequest) -> User:
    """The signed-in user, typed for services (views call this behind @login_required)."""
    if not request.user.is_authenticated:
        raise Http404("Sign in first")
    return cast(User, request.user)
