from __future__ import annotations

from celery import shared_task

from .services import audit_events_purge


@shared_task
def purge_audit_events() -> int:
    """Daily: drop the events past AUDIT_RETENTION_DAYS."""
    return audit_events_purge()
