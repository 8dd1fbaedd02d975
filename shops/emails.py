"""One function per email about shop links. The message is rendered now, in
each recipient's language and time zone, and sent from the outbox after the commit."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from console.lib.mail import queue_email
from partners.models import Partner

from .models import ShopLink
from .tokens import consent_token


def send_consent_request(link: ShopLink) -> None:
    """To the shop's owner: may this partner manage your shop? Two buttons.

    Without an account of their own the owner reads it in SHOP_OWNER_EMAIL_LANGUAGES
    (Bahasa Indonesia, then English)."""
    url = settings.SITE_URL + reverse("shops:consent", args=[consent_token(link)])
    partner = link.partner
    queue_email(
        template="shop_consent_request",
        to=[link.shop.owner_email],
        languages=settings.SHOP_OWNER_EMAIL_LANGUAGES,
        context={
            "company_name": partner.company_name,
            "member_type": dict(Partner.MemberType.choices).get(partner.member_type, ""),
            "shop_name": link.shop.name,
            "shop_domain": link.shop.domain,
            "approve_url": f"{url}?decision=approve",
            "reject_url": f"{url}?decision=reject",
            "expires_at": link.expires_at,
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
            "decided_at": link.decided_at,
            "activated": activated,
            "url": settings.SITE_URL + path,
        },
    )


def send_shop_removed(link: ShopLink, *, was_active: bool) -> None:
    """To the shop's owner: the partner no longer manages (or asks to manage) the shop."""
    queue_email(
        template="shop_removed",
        to=[link.shop.owner_email],
        languages=settings.SHOP_OWNER_EMAIL_LANGUAGES,
        context={
            "company_name": link.partner.company_name,
            "shop_name": link.shop.name,
            "shop_domain": link.shop.domain,
            "was_active": was_active,
        },
    )
