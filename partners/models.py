"""The partner account: the company, its people, its documents and the terms it agreed to.

These rows are what every other app hangs off (apps, shop links, audit), so
they sit on a low floor; the journey that fills them in (registration/) and
everything built on an active account stand above.

The tables keep the names they were created with under registration/.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Permission, Role, role_allows


class Partner(models.Model):
    """A company registered as an API partner: the account that owns apps."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved, waiting for shop owners")
        REJECTED = "rejected", _("Rejected")
        ACTIVE = "active", _("Active")

    class MemberType(models.TextChoices):
        SELLER = "seller", _("Seller")
        THIRD_PARTY_ENABLER = "third_party_enabler", _("Third Party Enabler")

    class System(models.TextChoices):
        IN_HOUSE = "in_house", _("In-house")
        THIRD_PARTY = "third_party", _("Third Party")

    # The registration may be edited (steps 1 to 3) only in these states.
    EDITABLE: ClassVar[frozenset[str]] = frozenset({Status.DRAFT, Status.REJECTED})

    company_name = models.CharField(_("Company name"), max_length=200, blank=True)
    pic_name = models.CharField(_("PIC Contact Name"), max_length=200, blank=True)
    pic_phone = models.CharField(
        "PIC Contact Number", max_length=32, blank=True, help_text=_("E.164, e.g. +6281234567890")
    )
    website = models.URLField(_("Company Website URL"), max_length=300, blank=True)
    member_type = models.CharField(_("Type of Member"), max_length=32, choices=MemberType.choices, blank=True)
    system = models.CharField(_("System"), max_length=16, choices=System.choices, blank=True)
    business_certificate = models.ForeignKey(
        "partners.PartnerDocument",
        verbose_name=_("Business Registration Certificate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    company_profile = models.ForeignKey(
        "partners.PartnerDocument",
        verbose_name=_("Company's Profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    terms_version = models.ForeignKey(
        "partners.TermsVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    shops_saved_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the drafted shop list was last saved.")
    )
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # The Owner the marketplace writes to about the registration: the person who
    # registered, until ownership is transferred. teams/ keeps it an Owner.
    super_admin = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members: models.ManyToManyField = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="PartnerMember", through_fields=("partner", "user"), related_name="partners"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "registration_partner"
        ordering = ["company_name", "id"]

    def __str__(self) -> str:
        return self.company_name or f"Partner #{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def company_complete(self) -> bool:
        """Step 1 holds every field of the company form."""
        return all(
            [
                self.company_name,
                self.pic_name,
                self.pic_phone,
                self.website,
                self.member_type,
                self.system,
                self.business_certificate_id,
                self.company_profile_id,
            ]
        )


class PartnerMember(models.Model):
    """A person's place in a partner account, with one role (partners/roles.py).

    A user belongs to at most one partner; the registrant is the first Owner,
    and an account always keeps at least one (teams/services.py sees to it).
    """

    Role = Role  # so callers can keep writing PartnerMember.Role.OWNER

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    # Set by teams/ when the member joined through an invitation (None for the registrant).
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "registration_partnermember"
        constraints = [
            models.UniqueConstraint(fields=["partner", "user"], name="one_membership_per_partner"),
            # A user belongs to at most one partner (SPEC section 2b).
            models.UniqueConstraint(fields=["user"], name="one_partner_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.partner}"

    def allows(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)

    @property
    def can_write(self) -> bool:
        """Deprecated: name the permission instead (`member.allows(Permission.EDIT_APP)`)."""
        return self.allows(Permission.EDIT_APP)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class PartnerDocument(models.Model):
    """A PDF a partner uploaded, kept in private storage under a generated name.

    Replacing a document adds a row; old rows stay so that every application
    round can still show the files it was reviewed with.
    """

    class Kind(models.TextChoices):
        BUSINESS_CERTIFICATE = "business_certificate", _("Business Registration Certificate")
        COMPANY_PROFILE = "company_profile", _("Company's Profile")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    storage_name = models.CharField(max_length=255, unique=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    pages = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "registration_partnerdocument"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class TermsVersion(models.Model):
    """A published version of the Terms and Conditions; the newest one published is current."""

    version = models.CharField(max_length=32, unique=True, help_text=_("A label partners see, e.g. 2026-11."))
    body = models.TextField(help_text=_("Plain text; blank lines separate paragraphs."))
    published_at = models.DateTimeField(db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "registration_termsversion"
        ordering = ["-published_at", "-id"]
        verbose_name = "Terms and Conditions version"

    def __str__(self) -> str:
        return f"Terms and Conditions {self.version}"
