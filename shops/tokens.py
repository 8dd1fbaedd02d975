"""The signed token in a consent email's link.

It carries the link id and that invitation's nonce, signed with SECRET_KEY
under its own salt (so no other signed value in the console can pass for
one) and stamped with the time, so it also dies after SHOP_CONSENT_TTL even
if the database row were to say otherwise.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import ShopLink

SALT = "shops.consent.v1"


class TokenInvalid(Exception):
    pass


class TokenExpired(Exception):
    pass


def consent_token(link: ShopLink) -> str:
    return signing.dumps({"l": link.pk, "n": link.invite_nonce}, salt=SALT)


def read_consent_token(token: str) -> tuple[int, str]:
    """(link id, nonce), or TokenExpired / TokenInvalid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.SHOP_CONSENT_TTL)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("l"), int) or not isinstance(payload.get("n"), str):
        raise TokenInvalid
    return payload["l"], payload["n"]
