from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from console.devmail import dev_mail_allowed


def branding(request: HttpRequest) -> dict[str, object]:
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "SUPPORT_DESK_URL": settings.SUPPORT_DESK_URL,
        "DEV_MAIL": dev_mail_allowed(request),
    }
