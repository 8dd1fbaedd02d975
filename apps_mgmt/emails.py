"""The apps area's emails: one function each; dates are formatted in each recipient's language and zone."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from console.lib.mail import queue_email
from partners.selectors import owner_emails

if TYPE_CHECKING:
    from accounts.models import User

    from .models import App


def client_secret_regenerated(
    *, app: App, actor: User | None, when: datetime, grace_until: datetime | None, first: bool = False
) -> None:
    """Tell the account's Owners, who may not be the person who did it."""
    queue_email(
        template="client_secret_regenerated",
        to=owner_emails(app.partner),
        context={
            "app_name": app.name,
            "fs_id": app.fs_id,
            "actor": actor.email if actor is not None else _("Staff"),
            "when": when,
            "grace_until": grace_until,
            "first": first,
            "auth_url": settings.SITE_URL + reverse("apps:auth", kwargs={"fs_id": app.fs_id}),
        },
    )


def app_deleted(*, app: App, actor: User | None, when: datetime) -> None:
    """Tell the account's Owners: the app's credentials stopped working."""
    queue_email(
        template="app_deleted",
        to=owner_emails(app.partner),
        context={
            "app_name": app.name,
            "fs_id": app.fs_id,
            "actor": actor.email if actor is not None else _("Staff"),
            "when": when,
            "apps_url": settings.SITE_URL + reverse("apps:list"),
            "audit_url": settings.SITE_URL + reverse("teams:audit"),
        },
    )


def app_status_changed(*, app: App, suspended: bool, reason: str, when: datetime) -> None:
    """Tell the account's Owners that staff suspended or reinstated an app, and why."""
    queue_email(
        template="app_suspended" if suspended else "app_reinstated",
        to=owner_emails(app.partner),
        context={
            "app_name": app.name,
            "fs_id": app.fs_id,
            "reason": reason,
            "when": when,
            "auth_url": settings.SITE_URL + reverse("apps:auth", kwargs={"fs_id": app.fs_id}),
            "support_url": settings.SUPPORT_DESK_URL,
        },
    )
