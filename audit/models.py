from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which object, when and from where. Written only by `audit_record`.

    Append-only: on PostgreSQL a trigger refuses UPDATE and DELETE (migration
    0004), except the retention purge of rows older than AUDIT_RETENTION_DAYS
    (`audit_events_purge`). So the references to the actor and the partner are
    kept without a database constraint and never cascade: deleting a user or
    an account must not rewrite its history, and `actor_label` keeps the
    email the actor had.
    """

    class ActorType(models.TextChoices):
        USER = "user", _("Member")
        STAFF = "staff", _("Staff")
        API_CLIENT = "api_client", _("API client")
        SHOP_OWNER = "shop_owner", _("Shop owner")
        SYSTEM = "system", _("System")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_type = models.CharField(max_length=16, choices=ActorType.choices, default=ActorType.SYSTEM)
    # The actor's email at the time (a shop owner deciding by email has no account;
    # an API client is named by its App ID).
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    # A refused attempt that matters (a failed Import App, a refused sign-in), not a change.
    refused = models.BooleanField(default=False)
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_events",
    )
    # The App ID the event concerns, so an account's log filters by app.
    fs_id = models.BigIntegerField(null=True, blank=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    # {field: [before, after]} of what changed, secrets redacted.
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "created_at"]),
            # An account's log, newest first, whole or by app: the pages' queries.
            models.Index(fields=["partner", "-created_at", "-id"], name="audit_partner_recent"),
            models.Index(fields=["partner", "fs_id", "-created_at"], name="audit_partner_app_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}#{self.target_id}"
