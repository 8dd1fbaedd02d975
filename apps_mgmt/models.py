from __future__ import annotations

import ipaddress
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import credentials


class App(models.Model):
    """A partner's Open API app, identified by its App ID (fs_id)."""

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        SUSPENDED = "suspended", _("Suspended")
        DELETED = "deleted", _("Deleted")

    # A suspended app still takes one of the account's slots: otherwise a
    # partner could delete a suspended app to get round the suspension, or
    # exceed the limit when staff reinstate it.
    OCCUPYING_STATUSES = (Status.LIVE, Status.SUSPENDED)

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="apps")
    fs_id = models.BigIntegerField(_("App ID"), unique=True)
    name = models.CharField(_("App Name"), max_length=100)
    description = models.TextField(_("App Description"), blank=True)
    client_id = models.CharField(_("Client ID"), max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.LIVE, db_index=True)
    # The Client Secret is kept only as a keyed hash (see credentials.py); the
    # hint is its last four characters, for the masked display.
    secret_digest = models.CharField(max_length=64, default="", editable=False)
    secret_hint = models.CharField(max_length=4, default="", editable=False)
    # After a regeneration with a grace window the old secret works until then.
    previous_secret_digest = models.CharField(max_length=64, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    # Addresses and CIDR ranges (IPv4 and IPv6); empty means any client IP.
    ip_whitelist = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.fs_id})"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def has_secret(self) -> bool:
        """False for a default app whose first Client Secret no member has generated yet."""
        return bool(self.secret_digest)

    @property
    def masked_secret(self) -> str:
        return credentials.mask(self.secret_hint)

    def set_secret(self, secret: str) -> None:
        self.secret_digest = credentials.secret_digest(secret)
        self.secret_hint = secret[-4:]

    def check_secret(self, secret: str, *, now: datetime | None = None) -> bool:
        """True for the current secret, or the previous one inside its grace window."""
        current = credentials.secret_matches(secret, self.secret_digest)
        in_grace = self.previous_secret_expires_at is not None and self.previous_secret_expires_at > (
            now or timezone.now()
        )
        previous = in_grace and credentials.secret_matches(secret, self.previous_secret_digest)
        return current or previous

    def ip_allowed(self, ip: str | None) -> bool:
        if not self.ip_whitelist:
            return True
        try:
            address = ipaddress.ip_address(ip or "")
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(entry, strict=False) for entry in self.ip_whitelist)


class LegacyApp(models.Model):
    """An app issued before the console existed, waiting to be claimed by Import App.

    Staff manage the registry (admin, `import_legacy_apps`); the secret is kept
    as the same keyed hash as App's, so a claimed app keeps working unchanged.
    """

    fs_id = models.BigIntegerField(_("App ID"), unique=True)
    client_id = models.CharField(_("Client ID"), max_length=64, unique=True)
    name = models.CharField(max_length=100)
    secret_digest = models.CharField(max_length=64, editable=False)
    secret_hint = models.CharField(max_length=4, editable=False)
    # The marketplace shop ids (Shop.shop_id) the app managed before.
    shop_ids = models.JSONField(default=list, blank=True)
    claimed_by = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_app = models.OneToOneField(App, null=True, blank=True, on_delete=models.SET_NULL, related_name="legacy")
    claimed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["fs_id"]
        verbose_name = "legacy app"

    def __str__(self) -> str:
        return f"{self.name} ({self.fs_id})"

    @property
    def is_claimed(self) -> bool:
        return self.claimed_at is not None

    def set_secret(self, secret: str) -> None:
        self.secret_digest = credentials.secret_digest(secret)
        self.secret_hint = secret[-4:]
