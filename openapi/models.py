"""Access tokens of the Open API (the sandbox's products and orders are in sandbox/)."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone


class AccessToken(models.Model):
    """A bearer token issued to an app by POST /token.

    Only the SHA-256 of the token is stored: tokens are 256-bit random values,
    so a plain hash is enough (nothing to brute-force) and a lookup by digest
    is an indexed equality match that reveals nothing about near misses.
    """

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="access_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(max_length=200, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"token of {self.app_id} until {self.expires_at:%Y-%m-%d %H:%M}"

    def is_active(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class TokenFailure(models.Model):
    """Failed client authentications on POST /token for one subject (a client
    id or an IP) in the current window. In the database rather than Redis: the
    token INSERT checks it in the same statement (no extra round trip on the
    way to a token), and it holds when Redis is away."""

    subject = models.CharField(max_length=100, primary_key=True)  # "client:<id>" or "ip:<address>"
    failures = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.subject}: {self.failures} until {self.window_ends:%H:%M:%S}"
