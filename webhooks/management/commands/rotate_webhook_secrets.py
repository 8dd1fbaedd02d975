"""Re-encrypt every stored webhook secret with the newest key of WEBHOOK_SECRET_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from webhooks import crypto
from webhooks.models import WebhookSecret


class Command(BaseCommand):
    help = "Re-encrypt webhook secrets with the first key of WEBHOOK_SECRET_KEYS (see docs/webhooks.md)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        with transaction.atomic():
            for stored in WebhookSecret.objects.select_for_update():
                stored.encrypted = crypto.reencrypt(stored.encrypted)
                if stored.previous_encrypted:
                    stored.previous_encrypted = crypto.reencrypt(stored.previous_encrypted)
                stored.save(update_fields=["encrypted", "previous_encrypted"])
                count += 1
        self.stdout.write(f"Re-encrypted {count} webhook secret(s) with the newest key.")
