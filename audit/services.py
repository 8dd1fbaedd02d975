"""The only writers of the audit log: `audit_record` (inside each service's
transaction) and `audit_events_purge` (retention)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User

from .models import AuditEvent

REDACTED = "[redacted]"
# Keys whose values never enter the log; that they changed still does.
_SECRET_KEY = re.compile(r"secret|password|passwd|token|digest|hmac|private|api_?key|signature", re.IGNORECASE)


def redact(value: Any) -> Any:
    """`value` with every secret-looking key's value replaced, at any depth."""
    if isinstance(value, Mapping):
        return {key: REDACTED if _SECRET_KEY.search(str(key)) else redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    return value


def _redact_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """A secret's change is kept as a change ([redacted, redacted]): that it changed matters."""
    return {
        field: [REDACTED, REDACTED] if _SECRET_KEY.search(str(field)) else redact(pair)
        for field, pair in changes.items()
    }


def audit_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value differs (give JSON-safe values)."""
    return {
        field: [before.get(field), after.get(field)]
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    }


def _actor_type(actor: User | None, actor_type: str | None) -> str:
    if actor_type:
        return actor_type
    if actor is None or not actor.is_authenticated:
        return AuditEvent.ActorType.SYSTEM
    return AuditEvent.ActorType.STAFF if actor.is_staff else AuditEvent.ActorType.USER


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    partner: Any = None,
    data: dict[str, Any] | None = None,
    changes: dict[str, list[Any]] | None = None,
    ip: str | None = None,
    actor_label: str = "",
    actor_type: str | None = None,
    fs_id: int | None = None,
    refused: bool = False,
) -> AuditEvent:
    """Write one audit row. Call it inside the service's transaction so the
    record and the change it describes commit together.

    `changes` is `audit_changes(before, after)`; `data` any other context.
    Both are redacted of secrets here, whatever the caller passed. `fs_id`
    defaults to the target's own (an App). An actor that isn't a signed-in
    person passes `actor_type` (`AuditEvent.ActorType.API_CLIENT`, ...) and a
    label that names it.
    """
    signed_in = actor is not None and actor.is_authenticated
    if fs_id is None and isinstance(getattr(target, "fs_id", None), int):
        fs_id = target.fs_id  # type: ignore[attr-defined]
    return AuditEvent.objects.create(
        actor=actor if signed_in else None,
        actor_type=_actor_type(actor, actor_type),
        actor_label=actor_label or (actor.email if actor is not None and signed_in else ""),
        action=action,
        refused=refused,
        partner=partner,
        fs_id=fs_id,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=redact(data or {}),
        changes=_redact_changes(changes or {}),
        ip=ip or None,
    )


PURGE_BATCH = 5000


def audit_events_purge(*, now: datetime | None = None, batch: int = PURGE_BATCH) -> int:
    """Delete the events older than AUDIT_RETENTION_DAYS; return how many.

    On PostgreSQL the append-only trigger lets a DELETE through only for rows
    older than `audit.purge_before`, a setting local to this transaction: so
    nothing else (an ORM call, a cascade, a stray query) can remove a row, and
    even the purge can't remove a recent one. Batches keep each transaction short.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    total = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('audit.purge_before', %s, true)", [cutoff.isoformat()])
            ids = list(
                AuditEvent.objects.filter(created_at__lt=cutoff).order_by("id").values_list("id", flat=True)[:batch]
            )
            if not ids:
                break
            total += AuditEvent.objects.filter(id__in=ids).delete()[0]
    if total:
        AuditEvent.objects.create(
            actor_type=AuditEvent.ActorType.SYSTEM,
            action="audit.purged",
            target_type="audit.auditevent",
            target_id="",
            data={"deleted": total, "before": cutoff.isoformat(), "retention_days": settings.AUDIT_RETENTION_DAYS},
        )
    return total
