from __future__ import annotations

from django.conf import settings
from django.db import models

from partners.models import Partner


class ApplicationRound(models.Model):
    """One submission of a registration and the staff decision on it.

    A rejected partner corrects and resubmits: each submission is a new round,
    so the review page shows every round with what was submitted and why it
    was rejected.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # What staff reviewed: company fields, document ids, terms version, shops.
    snapshot = models.JSONField(default=dict)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["partner", "-number"]
        constraints = [models.UniqueConstraint(fields=["partner", "number"], name="one_round_number_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner} round {self.number} ({self.decision})"
