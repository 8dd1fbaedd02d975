"""The registration's place in the shared layout: a nav link and a dashboard card."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.http import HttpRequest

from partners.models import Partner
from partners.permissions import get_membership

register = template.Library()


@dataclass(frozen=True)
class RegistrationState:
    partner: Partner | None


def registration_state(request: HttpRequest) -> RegistrationState | None:
    """The user's registration when it is still to finish, None once the account is active (or for staff).

    Computed once per request: the nav and the dashboard card both ask.
    """
    if not request.user.is_authenticated or request.user.is_staff:
        return None  # staff run the marketplace; they don't register as partners
    if not hasattr(request, "_registration_state"):
        membership = get_membership(request)
        partner = membership.partner if membership else None
        state = None if partner is not None and partner.status == Partner.Status.ACTIVE else RegistrationState(partner)
        request._registration_state = state  # type: ignore[attr-defined]
    return request._registration_state  # type: ignore[attr-defined]


@register.simple_tag(takes_context=True)
def registration_for_user(context: dict[str, Any]) -> RegistrationState | None:
    request = context.get("request")
    return registration_state(request) if request is not None else None
