from __future__ import annotations

from django.db import models


class App(models.Model):
    """A partner's Open API app, identified by its App ID (fs_id)."""

    class Status(models.TextChoices):
        LIVE = "live", "Live"
        SUSPENDED = "suspended", "Suspended"
        DELETED = "deleted", "Deleted"

    partner = models.ForeignKey("registration.Partner", on_delete=models.CASCADE, related_name="apps")
    fs_id = models.BigIntegerField("App ID", unique=True)
    name = models.CharField("App Name", max_length=100)
    description = models.TextField("App Description", blank=True)
    client_id = models.CharField("Client ID", max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.LIVE, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.fs_id})"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE
