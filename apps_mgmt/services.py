"""Every change to an app goes through here (views, admin, commands, tests)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from audit.services import audit_record
from console.lib.errors import DomainError
from registration.models import Partner

from . import credentials
from .models import App


class AppLimitReached(DomainError):
    pass


@dataclass(frozen=True)
class IssuedApp:
    """An app with its Client Secret in clear: shown once, never stored."""

    app: App
    client_secret: str


def app_create(*, partner: Partner, name: str, description: str, actor: User | None) -> IssuedApp:
    """Create a live app. At most MAX_LIVE_APPS per account, even under concurrent requests."""
    limit: int = settings.MAX_LIVE_APPS
    with transaction.atomic():
        # Lock the account row: concurrent creates for one partner queue here,
        # so the count below can't be read stale by two of them at once.
        Partner.objects.select_for_update().get(pk=partner.pk)
        if App.objects.filter(partner=partner, status=App.Status.LIVE).count() >= limit:
            raise AppLimitReached(f"An account may have at most {limit} live apps. Delete one to make room.")
        secret = credentials.new_client_secret()
        app = App(partner=partner, name=name, description=description, client_id=credentials.new_client_id())
        app.set_secret(secret)
        _save_with_fresh_fs_id(app)
        audit_record(actor=actor, action="app.create", target=app, partner=partner, data={"fs_id": app.fs_id})
    return IssuedApp(app=app, client_secret=secret)


def _save_with_fresh_fs_id(app: App) -> None:
    for _ in range(5):
        app.fs_id = credentials.new_fs_id()
        try:
            with transaction.atomic():
                app.save()
            return
        except IntegrityError:
            continue
    raise RuntimeError("Could not allocate an App ID")
