"""Bearer tokens: generation and the digest they are stored and looked up by."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """SHA-256, unkeyed: a token has 256 random bits, so there's nothing to brute-force."""
    return hashlib.sha256(token.encode()).hexdigest()
