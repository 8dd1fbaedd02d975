"""The two signatures every delivery carries.

- `Authorization-Hmac`: Tokopedia's, the hex HMAC-SHA256 of the raw body.
- Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature`
  (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), which the
  `standardwebhooks` libraries verify with `whsec_` + base64(secret).

Both are keyed with the UTF-8 bytes of the webhook secret. During a grace
window after a secret change, `webhook-signature` carries a signature with
each secret, space-separated, so a receiver holding either verifies.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets as random_secrets


def new_webhook_id() -> str:
    return "msg_" + random_secrets.token_hex(12)


def new_secret() -> str:
    return random_secrets.token_urlsafe(32)


def whsec(secret: str) -> str:
    """The secret as Standard Webhooks libraries take it."""
    return "whsec_" + base64.b64encode(secret.encode()).decode()


def hex_hmac(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def headers(*, body: bytes, secrets: list[str], webhook_id: str, timestamp: int) -> dict[str, str]:
    """The signature headers for `body`; `secrets` is the current one first, then a previous one in grace."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    signatures = " ".join(
        "v1," + base64.b64encode(hmac.new(secret.encode(), signed, hashlib.sha256).digest()).decode()
        for secret in secrets
    )
    return {
        "Authorization-Hmac": hex_hmac(secrets[0], body),
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signatures,
    }
