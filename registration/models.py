from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Partner


class ApplicationRound(models.Model):
    """One submission of a registration and the staff decision on it.

    A rejected partner corrects and resubmits: each submission is a new round,
    so the review page shows every round with what was submitted and why it
    was rejected.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

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


class CompanyChange(models.Model):
    """An active partner's request to change its company data, reviewed by staff.

    Like a resubmission, but the account stays active and its apps keep
    working: nothing of it applies until staff approve. New PDFs are stored
    with the request and put in use on approval. One request waits at a time.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Company fields a change may carry. The Type of Member stays: it decides
    # which shops the account may hold, and changing it goes through support.
    FIELDS = ("company_name", "pic_name", "pic_phone", "website", "system")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="company_changes")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(db_index=True)
    # {field: value} of the fields that change, and what they were when asked.
    proposed = models.JSONField(default=dict)
    before = models.JSONField(default=dict)
    business_certificate = models.ForeignKey(
        "partners.PartnerDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    company_profile = models.ForeignKey(
        "partners.PartnerDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text=_("What changed and why, for the reviewer."))
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner"], condition=models.Q(status="pending"), name="one_pending_company_change"
            )
        ]

    def __str__(self) -> str:
        return f"Company data change of {self.partner} ({self.get_status_display().lower()})"
