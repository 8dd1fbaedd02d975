"""The signed token in a consent email's link: the link id and that
invitation's nonce (console/lib/signed_links.py), valid SHOP_CONSENT_TTL."""

from __future__ import annotations

from django.conf import settings

from console.lib.signed_links import TokenExpired, TokenInvalid, link_token, read_link_token

from .models import ShopLink

SALT = "shops.consent.v1"

__all__ = ["TokenExpired", "TokenInvalid", "consent_token", "read_consent_token"]


def consent_token(link: ShopLink) -> str:
    return link_token(salt=SALT, key="l", pk=link.pk, nonce=link.invite_nonce)


def read_consent_token(token: str) -> tuple[int, str]:
    """(link id, nonce), or TokenExpired / TokenInvalid."""
    return read_link_token(token, salt=SALT, key="l", max_age=settings.SHOP_CONSENT_TTL)
