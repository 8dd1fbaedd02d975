"""Writing messages into the outbox, sending them again, and purging old ones."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from celery import current_app
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu import pools

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


class _Batch:
    """Ids written in one transaction: one nudge carries them all after it commits."""

    def __init__(self) -> None:
        self.ids: list[int] = []

    def flush(self) -> None:
        ids, self.ids = self.ids, []
        if ids:
            _nudge(ids)


def _nudge_connections() -> Any:
    """Broker connections that give up at the first failure instead of retrying for seconds:
    a nudge is worth less than the request that waits for it."""
    app = _deliver_task().app
    url = app.conf.broker_write_url or app.conf.broker_url
    if url not in _nudge_pools:
        options = {**(app.conf.broker_transport_options or {}), "max_retries": 0}
        _nudge_pools[url] = pools.connections[app.connection_for_write(transport_options=options)]
    return _nudge_pools[url]


_nudge_pools: dict[str, Any] = {}


def _nudge_after_commit(message_id: int) -> None:
    connection = transaction.get_connection()
    batch: _Batch | None = getattr(connection, "_outbox_batch", None)
    savepoints = set(connection.savepoint_ids)
    # Join the batch whose callback is still waiting at this same level of
    # atomic blocks; otherwise (a new transaction, or the batch's savepoint
    # was rolled back and took the callback with it) start one. Django keeps
    # pending callbacks as (savepoint ids, callback, robust) in run_on_commit.
    registered = batch is not None and any(
        sids == savepoints and callback == batch.flush for sids, callback, _ in connection.run_on_commit
    )
    if batch is None or not registered:
        batch = _Batch()
        connection._outbox_batch = batch
        batch.ids.append(message_id)
        transaction.on_commit(batch.flush)  # runs at once outside a transaction
    else:
        batch.ids.append(message_id)


def _deliver_task() -> Any:
    # Looked up by name: tasks.py calls this module, so it can't be imported here.
    return current_app.tasks["outbox.tasks.deliver"]


def _nudge(ids: list[int]) -> None:
    deliver = _deliver_task()
    if deliver.app.conf.task_always_eager:
        deliver.apply_async((ids,))
        return
    try:
        with _nudge_connections().acquire(block=True, timeout=2) as connection:
            deliver.apply_async((ids,), connection=connection, retry=False)
    except Exception as error:  # noqa: BLE001 - the broker being down must never fail a committed change
        logger.warning(
            "outbox: could not nudge a worker for %d message(s) (%s: %s); the sweeper will send them",
            len(ids),
            type(error).__name__,
            error,
        )
