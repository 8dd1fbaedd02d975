"""Writing messages into the outbox, sending them again, and purging old ones."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import channels
from .models import Message

logger = logging.getLogger(__name__)


def message_enqueue(*, channel: str, payload: dict[str, Any], key: str = "") -> Message:
    """Write a message in the caller's transaction; a worker is nudged once it commits.

    Nothing here talks to the broker before the commit, and a failed nudge is
    only logged: the sweeper sends the message anyway.
    """
    channels.get(channel)  # an unknown channel is a bug: fail in the caller, not in a worker
    message = Message.objects.create(channel=channel, payload=payload, key=key)
    _nudge_after_commit(message.pk)
    return message


def messages_resend(*, messages: Iterable[Message]) -> int:
    """Make finished messages pending again, due now, with a fresh schedule (Redeliver, Recover)."""
    ids = [message.pk for message in messages if message.can_become(Message.Status.PENDING)]
    if not ids:
        return 0
    with transaction.atomic():
        count = (
            Message.objects.filter(pk__in=ids)
            .exclude(status=Message.Status.PENDING)
            .update(status=Message.Status.PENDING, due_at=timezone.now(), attempts=0, finished_at=None, last_error="")
        )
        for pk in ids:
            _nudge_after_commit(pk)
    return count


def messages_purge(*, now: datetime | None = None) -> int:
    """Delete finished messages older than their channel's retention (and what hangs off them)."""
    now = now or timezone.now()
    deleted = 0
    for channel in channels.registered():
        old = Q(channel=channel.name, finished_at__lt=now - channel.retention()) & ~Q(status=Message.Status.PENDING)
        count, _ = Message.objects.filter(old).delete()
        deleted += count
    return deleted


class _Nudges(threading.local):
    """Ids written by this thread since its last commit: one nudge carries them all."""

    def __init__(self) -> None:
        self.ids: list[int] = []


_pending = _Nudges()


def _nudge_after_commit(message_id: int) -> None:
    # Each message registers a callback, and the first to run after the
    # commit sends every id gathered so far in one task; the others find the
    # list empty. An id of a rolled-back row may ride along: the worker finds
    # no such row and moves on.
    _pending.ids.append(message_id)
    transaction.on_commit(_nudge_now)


def _nudge_now() -> None:
    ids, _pending.ids = _pending.ids, []
    if not ids:
        return
    from .tasks import deliver

    try:
        deliver.apply_async((ids,), retry=False)
    except Exception as error:  # noqa: BLE001 - the broker being down must never fail a committed change
        logger.warning(
            "outbox: could not nudge a worker for %d message(s) (%s: %s); the sweeper will send them",
            len(ids),
            type(error).__name__,
            error,
        )
