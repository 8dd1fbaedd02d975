from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.models import Partner
from partners.roles import Role


class Invitation(models.Model):
    """An emailed invitation to join a partner's team with a role.

    The link carries this row's id and nonce (teams/tokens.py). Resending
    marks the row REPLACED and issues a new one, so the older link stops
    working and says why; accepting or revoking ends it too.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced by a newer link")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(help_text=_("Lower-cased: only a user with this verified address may accept."))
    role = models.CharField(max_length=16, choices=Role.choices)
    nonce = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was accepted, revoked or replaced."))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "email"], condition=Q(status="pending"), name="one_pending_invitation_per_address"
            )
        ]
        indexes = [models.Index(fields=["partner", "created_at"], name="invitation_partner_recent")]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} at {self.partner}"

    def is_expired(self, now: object = None) -> bool:
        return self.expires_at <= (now or timezone.now())  # type: ignore[operator]
