"""The signed token in an invitation's link.

It carries the invitation's id and nonce, signed with SECRET_KEY under its own
salt and stamped with the time, so it dies after TEAM_INVITATION_TTL even if
the row were to say otherwise. The row decides the rest: single use, revoked,
replaced by a resend.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import Invitation

SALT = "teams.invitation.v1"


class TokenInvalid(Exception):
    pass


class TokenExpired(Exception):
    pass


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT)


def read_invitation_token(token: str) -> tuple[int, str]:
    """(invitation id, nonce), or TokenExpired / TokenInvalid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.TEAM_INVITATION_TTL)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int) or not isinstance(payload.get("n"), str):
        raise TokenInvalid
    return payload["i"], payload["n"]
