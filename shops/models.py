from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class Shop(models.Model):
    """A shop of the marketplace's catalogue (staff manage it; see import_shops)."""

    class Tier(models.TextChoices):
        OFFICIAL_STORE = "official_store", _("Official Store")
        POWER_MERCHANT_PRO = "power_merchant_pro", _("Power Merchant Pro")
        POWER_MERCHANT = "power_merchant", _("Power Merchant")
        REGULAR_MERCHANT = "regular_merchant", _("Regular Merchant")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        MODERATED = "moderated", _("Moderated")
        INACTIVE = "inactive", _("Inactive")

    shop_id = models.BigIntegerField(unique=True)
    name = models.CharField(max_length=200)
    domain = models.CharField(
        max_length=100, unique=True, help_text=_("The shop's address on the marketplace, e.g. acme-official.")
    )
    tier = models.CharField(max_length=32, choices=Tier.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    owner_id = models.BigIntegerField()
    owner_email = models.EmailField()
    # A Testing Account's sandbox shop (testing/): linked to one app from the
    # start, and left out of everything else that lists the catalogue (shop
    # drafting, Add Shop, Import App, the CSV import, the staff catalogue).
    is_test = models.BooleanField(_("Test shop"), default=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return f"{self.name} ({self.domain})"


class ShopLink(models.Model):
    """A partner's (and later an app's) link to a shop, with its consent lifecycle.

    draft -> invited -> active | rejected | expired; invited/expired/rejected ->
    invited again (re-invite); active -> removed; draft -> removed.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        INVITED = "invited", _("Pending")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")
        REMOVED = "removed", _("Removed")

    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.INVITED, Status.REMOVED}),
        Status.INVITED: frozenset({Status.ACTIVE, Status.REJECTED, Status.EXPIRED, Status.REMOVED, Status.INVITED}),
        Status.ACTIVE: frozenset({Status.REMOVED}),
        Status.REJECTED: frozenset({Status.INVITED, Status.REMOVED}),
        Status.EXPIRED: frozenset({Status.INVITED, Status.REMOVED}),
        Status.REMOVED: frozenset({Status.INVITED}),
    }

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="shop_links")
    app = models.ForeignKey("apps_mgmt.App", null=True, blank=True, on_delete=models.CASCADE, related_name="shop_links")
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="links")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_ip = models.GenericIPAddressField(null=True, blank=True)
    # A fresh random value per invitation, carried in the emailed link: a
    # re-invite replaces it, so the older email's link stops working.
    invite_nonce = models.CharField(max_length=32, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["shop__domain"]
        constraints = [
            # A shop is actively managed by one partner at a time.
            models.UniqueConstraint(
                fields=["shop"], condition=models.Q(status="active"), name="one_active_partner_per_shop"
            ),
        ]
        indexes = [
            # The Open API asks "is shop X actively linked to app Y?" on every
            # call naming a shop: one index probe however many shops the app has.
            models.Index(fields=["app", "shop"], condition=models.Q(status="active"), name="active_link_by_app"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} -> {self.partner} ({self.status})"

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, frozenset())

    def is_past_expiry(self, now: datetime) -> bool:
        """An invitation whose time is up, whether or not the beat task has marked it yet."""
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.INVITED and self.expires_at is not None and self.expires_at <= now
        )
