"""The signed token in an invitation's link: the invitation's id and nonce
(console/lib/signed_links.py), valid TEAM_INVITATION_TTL. The row decides the
rest: single use, revoked, replaced by a resend."""

from __future__ import annotations

from django.conf import settings

from console.lib.signed_links import TokenExpired, TokenInvalid, link_token, read_link_token

from .models import Invitation

SALT = "teams.invitation.v1"

__all__ = ["TokenExpired", "TokenInvalid", "invitation_token", "read_invitation_token"]


def invitation_token(invitation: Invitation) -> str:
    return link_token(salt=SALT, key="i", pk=invitation.pk, nonce=invitation.nonce)


def read_invitation_token(token: str) -> tuple[int, str]:
    """(invitation id, nonce), or TokenExpired / TokenInvalid."""
    return read_link_token(token, salt=SALT, key="i", max_age=settings.TEAM_INVITATION_TTL)
