"""Every write of the Open API: issuing and revoking tokens (the sandbox's own writes are in sandbox/services.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from apps_mgmt.models import App
from audit.services import audit_record
from console.lib.errors import DomainError

from . import fastpath
from .models import AccessToken, TokenFailure
from .tokens import new_token, token_digest


@dataclass(frozen=True)
class IssuedToken:
    """A token in clear: returned to the client once, stored only as a digest."""

    token: str
    access_token: AccessToken


class TooManyFailures(DomainError):
    """A subject of the request (client id, IP) is past its failed-authentication limit."""


def access_token_issue(
    *,
    app: App,
    scope: str = "",
    client_ip: str | None = None,
    subjects: tuple[str, str] | None = None,
    ttl: int | None = None,
) -> IssuedToken:
    """A fresh bearer token for `app`, valid for `ttl` seconds (default OPENAPI_TOKEN_TTL).

    With `subjects` (POST /token passes its client id and IP), refused with
    TooManyFailures when one is past OPENAPI_TOKEN_FAILURES failed
    authentications, checked in the INSERT itself.

    Not audited: clients fetch tokens routinely, and Log History records calls.
    """
    token = new_token()
    # One autocommitted INSERT (no BEGIN/COMMIT round trips), which on
    # PostgreSQL doesn't wait for the WAL flush: see fastpath.token_insert.
    row = fastpath.token_insert(
        app=app,
        digest=token_digest(token),
        scope=scope,
        client_ip=client_ip,
        created_at=timezone.now(),
        subjects=subjects or ("", ""),
        ttl=ttl,
    )
    if row is None:
        raise TooManyFailures("Too many failed client authentications.")
    return IssuedToken(token=token, access_token=row)


def access_tokens_revoke(*, app: App, actor: User | None) -> int:
    """Revoke every live token of `app` (e.g. after a leak); returns how many."""
    with transaction.atomic():
        count = AccessToken.objects.filter(app=app, revoked_at__isnull=True, expires_at__gt=timezone.now()).update(
            revoked_at=timezone.now()
        )
        audit_record(actor=actor, action="app.tokens_revoke", target=app, partner=app.partner, data={"count": count})
    return count


def access_tokens_purge(*, before: datetime | None = None) -> int:
    """Delete tokens that expired before `before` (default: a day ago)."""
    cutoff = before or timezone.now() - timedelta(days=1)
    deleted, _ = AccessToken.objects.filter(expires_at__lt=cutoff).delete()
    TokenFailure.objects.filter(window_ends__lt=cutoff).delete()
    return deleted
