"""Celery tasks of the outbox: they only nudge; the rows are the truth.

Tasks are acknowledged late (settings: CELERY_TASK_ACKS_LATE), and a lost
task loses nothing: the sweeper, run by beat every OUTBOX_SWEEP_INTERVAL
seconds, sends whatever is due.
"""

from __future__ import annotations

from celery import shared_task

from . import dispatch, services

# A sweep hands over to the next one after this long, so beat's ticks keep
# finding a worker that still sends (and a stuck sweep is noticed).
SWEEP_MAX_SECONDS = 300


@shared_task(acks_late=True, ignore_result=True)
def deliver(message_ids: list[int]) -> int:
    """Send these messages now, if they are still due (the nudge after a commit)."""
    return dispatch.drain(ids=message_ids)


@shared_task(acks_late=True, ignore_result=True)
def sweep() -> int:
    """Send everything due: retries, and messages whose nudge was lost."""
    return dispatch.sweep(max_seconds=SWEEP_MAX_SECONDS)


@shared_task(ignore_result=True)
def purge() -> int:
    return services.messages_purge()
