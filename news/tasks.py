from __future__ import annotations

from celery import shared_task

from .services import posts_publish_due


@shared_task
def publish_due_posts() -> int:
    """Publish the scheduled posts whose time has come (celery beat, every minute)."""
    return posts_publish_due()
