"""How Webhook Settings' audit actions read in the log (audit/labels.py)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    "webhooks.register": _("Changed the webhook URLs"),
    "webhooks.secret_set": _("Changed the webhook secret"),
    "webhooks.test_send": _("Sent a test webhook event"),
    "webhooks.redeliver": _("Redelivered a webhook"),
    "webhooks.recover": _("Sent failed webhooks again"),
    "webhooks.endpoint_enable": _("Re-enabled a webhook endpoint"),
    "webhooks.endpoint_disable": _("A failing webhook endpoint was disabled"),
}
