"""Signed tokens for emailed links that stand for one row: its id and a nonce.

Signed with SECRET_KEY under a salt of the caller's own (so no other signed
value in the console passes for one) and stamped with the time, so a token
dies after `max_age` even if its row were to say otherwise. The row decides
the rest: the caller compares the nonce, which it replaces to void old links.
"""

from __future__ import annotations

from django.core import signing


class TokenInvalid(Exception):
    pass


class TokenExpired(Exception):
    pass


def link_token(*, salt: str, key: str, pk: int, nonce: str) -> str:
    return signing.dumps({key: pk, "n": nonce}, salt=salt)


def read_link_token(token: str, *, salt: str, key: str, max_age: int) -> tuple[int, str]:
    """(row id, nonce), or TokenExpired / TokenInvalid."""
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get(key), int) or not isinstance(payload.get("n"), str):
        raise TokenInvalid
    return payload[key], payload["n"]
