"""How Webhook Settings' audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

LABELS = {
    "webhooks.register": "Changed the webhook URLs",
    "webhooks.secret_set": "Changed the webhook secret",
    "webhooks.test_send": "Sent a test webhook event",
    "webhooks.redeliver": "Redelivered a webhook",
    "webhooks.recover": "Sent failed webhooks again",
    "webhooks.endpoint_enable": "Re-enabled a webhook endpoint",
    "webhooks.endpoint_disable": "A failing webhook endpoint was disabled",
}
