"""The webhooks area's emails: one function each, context kept JSON-safe."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from console.lib.mail import queue_email

if TYPE_CHECKING:
    from .models import Endpoint


def endpoint_disabled(*, endpoint: Endpoint, reason: str, when: datetime) -> None:
    app = endpoint.app
    queue_email(
        template="webhook_endpoint_disabled",
        to=[app.partner.super_admin.email],
        context={
            "app_name": app.name,
            "fs_id": app.fs_id,
            "event": endpoint.get_event_display(),
            "url": endpoint.url,
            "reason": reason,
            "when": timezone.localtime(when).strftime("%d %b %Y %H:%M %Z"),
            "settings_url": settings.SITE_URL + reverse("webhooks:settings", kwargs={"fs_id": app.fs_id}),
        },
    )
