"""One row per message the console sends (an email, a webhook delivery).

The row is written in the same transaction as the change that causes it, so a
committed change always has its messages, and a rolled-back one has none. The
row is the truth; a Celery task only nudges a worker to look at it, and the
periodic sweeper finds whatever is due even if every nudge was lost.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Message(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Delivered")
        FAILED = "failed", _("Failed")

    # A pending message is sent or given up on; a finished one may be sent
    # again on request (Redeliver, Recover).
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.PENDING: frozenset({Status.SENT, Status.FAILED}),
        Status.SENT: frozenset({Status.PENDING}),
        Status.FAILED: frozenset({Status.PENDING}),
    }

    channel = models.CharField(max_length=16)
    # Messages with the same key share a receiver (a webhook endpoint, the
    # SMTP relay): the dispatcher caps how many of one key are in flight, so a
    # slow receiver ties up only its own share of the senders.
    key = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # When the next attempt may start. Claiming a row pushes this forward by a
    # lease, so a worker killed mid-send leaves the row due again afterwards.
    due_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="outbox_pending_due"),
            models.Index(fields=["status", "finished_at"], name="outbox_status_finished"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk} ({self.status})"

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())
