"""An app's webhook endpoints and secret, and the log of what was delivered.

A delivery's body and state live in its outbox row (outbox.Message); this app
keeps what the partner sees about it: event, endpoint, webhook-id, attempts.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from .events import Event


class WebhookSecret(models.Model):
    """The app's webhook secret, encrypted at rest (crypto.py), and the previous one during its grace window."""

    app = models.OneToOneField("apps_mgmt.App", on_delete=models.CASCADE, related_name="webhook_secret")
    encrypted = models.TextField(editable=False)
    hint = models.CharField(max_length=4, editable=False)
    previous_encrypted = models.TextField(blank=True, editable=False)
    previous_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"webhook secret of {self.app_id}"

    @property
    def previous_in_grace(self) -> bool:
        return bool(self.previous_encrypted and self.previous_until and self.previous_until > timezone.now())


class Endpoint(models.Model):
    """The URL an app receives one event at (Tokopedia's `<event>_url`); empty when not registered."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="webhook_endpoints")
    event = models.CharField(max_length=32, choices=Event.choices)
    url = models.CharField(max_length=500, blank=True)
    # Since when every attempt has failed (cleared by a success).
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["app", "id"]
        constraints = [models.UniqueConstraint(fields=["app", "event"], name="one_endpoint_per_app_event")]

    def __str__(self) -> str:
        return f"{self.event} of {self.app_id}: {self.url or '(none)'}"

    @property
    def is_enabled(self) -> bool:
        return self.disabled_at is None

    @property
    def outbox_key(self) -> str:
        return f"webhook:{self.pk}"


class Delivery(models.Model):
    """One event sent to one URL: its state is its outbox message's (pending, delivered, failed)."""

    message = models.OneToOneField(
        "outbox.Message", on_delete=models.CASCADE, primary_key=True, related_name="webhook_delivery"
    )
    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="webhook_deliveries")
    endpoint = models.ForeignKey(Endpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    event = models.CharField(max_length=32, choices=Event.choices)
    url = models.CharField(max_length=500)
    # Standard Webhooks' webhook-id: the same on every attempt and redelivery.
    webhook_id = models.CharField(max_length=40, unique=True)
    is_test = models.BooleanField(default=False)
    # What the event is about, for the pages that list an object's deliveries
    # (a Testing Account order's timeline: "order:<order_id>"); empty otherwise.
    subject = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-message_id"]
        indexes = [
            models.Index(fields=["app", "-created_at"], name="webhook_delivery_app_time"),
            models.Index(
                fields=["app", "subject"], condition=~models.Q(subject=""), name="webhook_delivery_app_subject"
            ),
        ]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.event} {self.webhook_id}"


class Attempt(models.Model):
    """One try at a delivery: when, what came back, how long it took."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    endpoint = models.ForeignKey(Endpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField()
    ok = models.BooleanField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField()
    error = models.CharField(max_length=300, blank=True)
    response_excerpt = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["endpoint", "at"], name="webhook_attempt_endpoint_time")]

    def __str__(self) -> str:
        return f"attempt at {self.at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error}"
