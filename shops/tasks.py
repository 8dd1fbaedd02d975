"""Celery tasks for shop links: thin, each calls one service."""

from __future__ import annotations

from celery import shared_task

from .services import shop_links_expire


@shared_task
def expire_shop_invitations() -> int:
    """Beat runs this (CELERY_BEAT_SCHEDULE): invitations past expires_at become expired."""
    return shop_links_expire()
