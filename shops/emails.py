"""One function per email about shop links. Context is plain strings: the
message is rendered now and sent by a Celery task after the commit."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from console.lib.mail import queue_email

from .models import ShopLink
from .tokens import consent_token


def _when(value: object) -> str:
    return timezone.localtime(value).strftime("%d %b %Y, %H:%M %Z") if value else ""  # type: ignore[arg-type]


def send_consent_request(link: ShopLink) -> None:
    """To the shop's owner: may this partner manage your shop? Two buttons."""
    url = settings.SITE_URL + reverse("shops:consent", args=[consent_token(link)])
    partner = link.partner
    queue_email(
        template="shop_consent_request",
        to=[link.shop.owner_email],
        context={
            "company_name": partner.company_name,
            "member_type": partner.get_member_type_display(),
            "shop_name": link.shop.name,
            "shop_domain": link.shop.domain,
            "approve_url": f"{url}?decision=approve",
            "reject_url": f"{url}?decision=reject",
            "expires_at": _when(link.expires_at),
        },
    )


def send_consent_decision(link: ShopLink, *, activated: bool) -> None:
    """To the partner's super admin: an owner approved or rejected."""
    if link.app is not None and activated:
        path = reverse("shops:management", args=[link.app.fs_id])
    elif link.app is not None:
        path = (
            reverse("shops:management", args=[link.app.fs_id])
            + "?tab="
            + ("active" if link.status == ShopLink.Status.ACTIVE else "rejected")
        )
    else:
        path = reverse("registration:seller_approval")
    queue_email(
        template="shop_consent_decision",
        to=[link.partner.super_admin.email],
        context={
            "company_name": link.partner.company_name,
            "shop_name": link.shop.name,
            "shop_domain": link.shop.domain,
            "approved": link.status == ShopLink.Status.ACTIVE,
            "decided_at": _when(link.decided_at),
            "activated": activated,
            "url": settings.SITE_URL + path,
        },
    )


def send_shop_removed(link: ShopLink, *, was_active: bool) -> None:
    """To the shop's owner: the partner no longer manages (or asks to manage) the shop."""
    queue_email(
        template="shop_removed",
        to=[link.shop.owner_email],
        context={
            "company_name": link.partner.company_name,
            "shop_name": link.shop.name,
            "shop_domain": link.shop.domain,
            "was_active": was_active,
        },
    )
