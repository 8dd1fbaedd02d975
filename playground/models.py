"""What the API Playground keeps: each member's recent calls, and requests saved for the whole team."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlaygroundCall(models.Model):
    """One request sent from the playground and what the Open API answered.

    A member's history: the last HISTORY_SIZE per member and app are kept
    (services.playground_send prunes the rest). The token is kept masked
    only; the form's values are kept as typed, so the call can be re-run.
    """

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="playground_calls")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="playground_calls")
    operation = models.CharField(max_length=64)
    method = models.CharField(max_length=8)
    url = models.CharField(max_length=4000)  # path and query, as sent
    values = models.JSONField(default=dict, blank=True)  # the form's parameters, as typed
    body = models.TextField(blank=True)
    request_headers = models.JSONField(default=list, blank=True)  # [[name, value]], the token masked
    status = models.PositiveSmallIntegerField()
    latency_ms = models.FloatField()
    request_id = models.CharField(max_length=128)
    response_headers = models.JSONField(default=list, blank=True)  # [[name, value]]
    response_body = models.TextField(blank=True)
    response_truncated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["app", "user", "-created_at"], name="playground_call_history")]

    def __str__(self) -> str:
        return f"{self.method} {self.url} → {self.status}"

    @property
    def latency_label(self) -> str:
        return f"{self.latency_ms:.1f} ms" if self.latency_ms < 10 else f"{self.latency_ms:.0f} ms"

    def header(self, name: str) -> str:
        wanted = name.lower()
        return next((value for key, value in self.response_headers if key.lower() == wanted), "")

    @property
    def content_type(self) -> str:
        return self.header("Content-Type")


class SavedRequest(models.Model):
    """A named request of an app, shared by the partner's members."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.CASCADE, related_name="playground_saved")
    name = models.CharField(_("Name"), max_length=100)
    operation = models.CharField(max_length=64)
    values = models.JSONField(default=dict, blank=True)
    body = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["app", "name"], name="playground_saved_name_per_app")]

    def __str__(self) -> str:
        return self.name

    def as_values(self) -> dict[str, Any]:
        return {"operation": self.operation, "values": dict(self.values), "body": self.body}
