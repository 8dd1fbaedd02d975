"""The webhooks area's emails: one function each, context kept JSON-safe."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

from console.lib.mail import queue_email

from .events import Event

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
            "event": Event(endpoint.event).label,
            "url": endpoint.url,
            "reason": reason,
            "when": when,
            "settings_url": settings.SITE_URL + reverse("webhooks:settings", kwargs={"fs_id": app.fs_id}),
        },
    )
