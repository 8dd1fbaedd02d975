"""Webhook secrets at rest: encrypted with Fernet (AES-128-CBC + HMAC-SHA256).

Unlike a Client Secret, a webhook secret must be read back to sign each
delivery, so it is encrypted, not hashed. The keys come from
WEBHOOK_SECRET_KEYS (newest first): every key decrypts, the first encrypts,
so a key is rotated by putting a new one first, running
`manage.py rotate_webhook_secrets`, then dropping the old one. Without the
setting (DEBUG only) a key is derived from SECRET_KEY.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _keys() -> tuple[str, ...]:
    keys = tuple(key.strip() for key in settings.WEBHOOK_SECRET_KEYS if key.strip())
    if keys:
        return keys
    derived = hashlib.sha256(b"webhook-secret-key:" + settings.SECRET_KEY.encode()).digest()
    return (base64.urlsafe_b64encode(derived).decode(),)


def encrypt(secret: str) -> str:
    return _fernet(_keys()).encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(_keys()).decrypt(token.encode()).decode()


def reencrypt(token: str) -> str:
    """The same secret under the newest key (key rotation)."""
    return _fernet(_keys()).rotate(token.encode()).decode()
