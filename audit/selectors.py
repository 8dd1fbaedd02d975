"""Reads of the audit log: an account's events (or every account's, for staff), filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from .models import AuditEvent


@dataclass(frozen=True)
class EventFilter:
    """What a log page asks for; every field optional.

    `actor` is a user id, or an actor type (`AuditEvent.ActorType`) for
    actors without an account of their own (staff, an API client, a shop owner).
    """

    partner_id: int | None = None
    actor: int | str | None = None
    action: str = ""
    fs_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    refused_only: bool = False


def audit_events(filters: EventFilter) -> QuerySet[AuditEvent]:
    """Newest first; the indexes on (partner, created_at) and (partner, fs_id, created_at) serve it."""
    events = AuditEvent.objects.all()
    if filters.partner_id is not None:
        events = events.filter(partner_id=filters.partner_id)
    if isinstance(filters.actor, int):
        events = events.filter(actor_id=filters.actor)
    elif filters.actor:
        events = events.filter(actor_type=filters.actor)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.fs_id is not None:
        events = events.filter(fs_id=filters.fs_id)
    if filters.since is not None:
        events = events.filter(created_at__gte=filters.since)
    if filters.until is not None:
        events = events.filter(created_at__lt=filters.until)
    if filters.refused_only:
        events = events.filter(refused=True)
    return events.order_by("-created_at", "-id")
