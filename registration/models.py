from __future__ import annotations

from django.conf import settings
from django.db import models


class Partner(models.Model):
    """A company registered as an API partner: the account that owns apps."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for review"
        APPROVED = "approved", "Approved, waiting for shop owners"
        REJECTED = "rejected", "Rejected"
        ACTIVE = "active", "Active"

    class MemberType(models.TextChoices):
        SELLER = "seller", "Seller"
        THIRD_PARTY_ENABLER = "third_party_enabler", "Third Party Enabler"

    company_name = models.CharField("Company name", max_length=200, blank=True)
    member_type = models.CharField("Type of Member", max_length=32, choices=MemberType.choices, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    super_admin = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members: models.ManyToManyField = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="PartnerMember", related_name="partners"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company_name", "id"]

    def __str__(self) -> str:
        return self.company_name or f"Partner #{self.pk}"


class PartnerMember(models.Model):
    """A person's place in a partner account. The registrant is its super admin."""

    class Role(models.TextChoices):
        SUPER_ADMIN = "super_admin", "Super admin"
        ADMIN = "admin", "Admin"
        VIEWER = "viewer", "Viewer"

    WRITE_ROLES = frozenset({Role.SUPER_ADMIN, Role.ADMIN})

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "user"], name="one_membership_per_partner")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.partner}"

    @property
    def can_write(self) -> bool:
        return self.role in self.WRITE_ROLES
