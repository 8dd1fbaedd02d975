"""Both signatures verify as a receiver would check them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from webhooks import signing

SECRET = "alice-webhook-secret-0123456789"


def test_the_hex_hmac_is_tokopedias_authorization_hmac() -> None:
    body = json.dumps({"order_id": 1}).encode()
    headers = signing.headers(body=body, secrets=[SECRET], webhook_id="msg_1", timestamp=1_700_000_000)
    assert headers["Authorization-Hmac"] == hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def test_the_standardwebhooks_library_verifies_the_signature_with_the_whsec_key() -> None:
    body = b'{"fs_id":1,"order_status":400}'
    import time

    headers = signing.headers(body=body, secrets=[SECRET], webhook_id="msg_abc", timestamp=int(time.time()))
    assert signing.whsec(SECRET) == "whsec_" + base64.b64encode(SECRET.encode()).decode()
    Webhook(signing.whsec(SECRET)).verify(body, headers)


def test_during_a_grace_window_either_secret_verifies_and_a_wrong_one_does_not() -> None:
    import time

    body = b"{}"
    headers = signing.headers(
        body=body,
        secrets=["new-secret-0123456789", "old-secret-0123456789"],
        webhook_id="msg_x",
        timestamp=int(time.time()),
    )
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(signing.whsec("new-secret-0123456789")).verify(body, headers)
    Webhook(signing.whsec("old-secret-0123456789")).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.whsec("someone-else-0123456789")).verify(body, headers)


@pytest.mark.django_db
def test_rotating_the_encryption_key_keeps_every_secret_readable(settings: Any) -> None:
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    from openapi.tests.helpers import partner_with_app
    from webhooks import crypto
    from webhooks.services import webhook_secret_reveal, webhook_secret_set

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.WEBHOOK_SECRET_KEYS = [old]
    app = partner_with_app().app
    webhook_secret_set(app=app, secret=SECRET, actor=None)
    settings.WEBHOOK_SECRET_KEYS = [new, old]
    call_command("rotate_webhook_secrets")
    settings.WEBHOOK_SECRET_KEYS = [new]
    assert webhook_secret_reveal(app=app) == SECRET
    from webhooks.models import WebhookSecret

    assert crypto.decrypt(WebhookSecret.objects.get(app=app).encrypted) == SECRET
