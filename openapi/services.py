"""Every write of the Open API: issuing and revoking tokens, acting on sandbox orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from apps_mgmt.models import App
from audit.models import AuditEvent
from audit.services import audit_record
from console.lib.errors import DomainError
from webhooks.services import webhook_event_fire

from . import fastpath, webhook_payloads
from .models import AccessToken, SandboxOrder
from .tokens import new_token, token_digest


class OrderStateError(DomainError):
    """The order isn't in a state that allows this action."""


@dataclass(frozen=True)
class IssuedToken:
    """A token in clear: returned to the client once, stored only as a digest."""

    token: str
    access_token: AccessToken


def access_token_issue(*, app: App, scope: str = "", client_ip: str | None = None) -> IssuedToken:
    """A fresh bearer token for `app`, valid for OPENAPI_TOKEN_TTL seconds.

    Not audited: clients fetch tokens routinely, and Log History records calls.
    """
    token = new_token()
    # One autocommitted INSERT (no BEGIN/COMMIT round trips), which on
    # PostgreSQL doesn't wait for the WAL flush: see fastpath.token_insert.
    row = fastpath.token_insert(
        app=app, digest=token_digest(token), scope=scope, client_ip=client_ip, created_at=timezone.now()
    )
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
    return deleted


def sandbox_order_ack(*, app: App, order: SandboxOrder) -> SandboxOrder:
    """The seller accepts an order waiting for it (220 -> 400)."""
    return _order_move(app=app, order=order, status=SandboxOrder.Status.SELLER_ACCEPTED, action="order.ack")


def sandbox_order_nack(*, app: App, order: SandboxOrder, reason_code: int, reason: str) -> SandboxOrder:
    """The seller refuses an order waiting for it (220 -> 10), with Tokopedia's reason code."""
    return _order_move(
        app=app,
        order=order,
        status=SandboxOrder.Status.REJECTED_BY_SELLER,
        action="order.nack",
        reason_code=reason_code,
        reason=reason,
    )


def _order_move(
    *, app: App, order: SandboxOrder, status: int, action: str, reason_code: int | None = None, reason: str = ""
) -> SandboxOrder:
    with transaction.atomic():
        # Re-read under lock: two concurrent acks must not both succeed.
        locked = SandboxOrder.objects.select_for_update().get(pk=order.pk)
        if not locked.can_become(status):
            raise OrderStateError(
                f"Order {locked.order_id} is '{SandboxOrder.Status(locked.status).label}' "
                f"(status {locked.status}); only an order with status 220 can be acknowledged or refused."
            )
        locked.status = status
        locked.updated_at = timezone.now()
        fields = ["status", "updated_at"]
        if reason_code is not None:
            locked.reject_reason_code, locked.reject_reason = reason_code, reason
            fields += ["reject_reason_code", "reject_reason"]
        locked.save(update_fields=fields)
        audit_record(
            actor=None,
            actor_type=AuditEvent.ActorType.API_CLIENT,
            actor_label=f"App {app.fs_id}",
            fs_id=app.fs_id,
            action=f"sandbox.{action}",
            target=locked,
            partner=app.partner,
            data={"order_id": locked.order_id, "status": status},
        )
        # The order status webhook is a row of this transaction: sent once it commits, never lost.
        webhook_event_fire(app=app, event="order_status", payload=webhook_payloads.order_status(app, locked))
    return locked
