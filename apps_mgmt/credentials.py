"""Client credentials: generation and the keyed hash the secrets are stored as.

Client secrets are 256-bit random values, not passwords: nobody can guess one,
so a deliberately slow hash (PBKDF2, Argon2) would protect nothing and would
turn the token endpoint into a way to burn our CPU. A keyed HMAC-SHA256 is
fast, and the key (kept out of the database) means a leaked table alone does
not let anyone check candidate secrets.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac


def new_client_id() -> str:
    return secrets.token_hex(16)


def new_client_secret() -> str:
    return secrets.token_urlsafe(32)


def new_fs_id() -> int:
    """An eight-digit App ID; callers retry on the (rare) collision."""
    return 10_000_000 + secrets.randbelow(90_000_000)


def _key() -> bytes:
    configured: str = getattr(settings, "CLIENT_SECRET_HASH_KEY", "")
    if configured:
        return configured.encode()
    return salted_hmac("apps_mgmt.credentials", "client-secret-key").digest()


def secret_digest(secret: str) -> str:
    return hmac.new(_key(), secret.encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str, digest: str) -> bool:
    """Constant-time comparison against a stored digest (empty digest never matches)."""
    return bool(digest) and hmac.compare_digest(secret_digest(secret), digest)


def mask(hint: str) -> str:
    return f"{'•' * 12}{hint}"
