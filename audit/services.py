from __future__ import annotations

from typing import Any

from django.db import models

from accounts.models import User

from .models import AuditEvent


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    partner: Any = None,
    data: dict[str, Any] | None = None,
    ip: str | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Write one audit row. Call it inside the service's transaction so the
    record and the change it describes commit together."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label or (actor.email if actor is not None and actor.is_authenticated else ""),
        action=action,
        partner=partner,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        data=data or {},
        ip=ip or None,
    )
