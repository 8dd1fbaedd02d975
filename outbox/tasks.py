"""Celery tasks of the outbox: they only nudge; the rows are the truth.

Tasks are acknowledged late (settings: CELERY_TASK_ACKS_LATE), and a lost
task loses nothing: the sweeper, run by beat every OUTBOX_SWEEP_INTERVAL
seconds, sends whatever is due.
"""

from __future__ import annotations

from celery import Task, shared_task

from . import dispatch, services

# An eager sweep (no worker: tests, scripts) stops after this long.
SWEEP_MAX_SECONDS = 300


@shared_task(bind=True, acks_late=True, ignore_result=True)
def deliver(self: Task, message_ids: list[int]) -> None:
    """Send these messages now, if they are still due (the nudge after a commit).

    In a worker the process's sending loop takes them and the task returns at
    once; run eagerly, they are sent before it returns.
    """
    if self.request.is_eager:
        dispatch.drain(ids=message_ids)
    else:
        dispatch.request(message_ids)


@shared_task(bind=True, acks_late=True, ignore_result=True)
def sweep(self: Task) -> None:
    """Send everything due: retries, and messages whose nudge was lost."""
    if self.request.is_eager:
        dispatch.drain(max_seconds=SWEEP_MAX_SECONDS)
    else:
        dispatch.request(None)


@shared_task(ignore_result=True)
def purge() -> int:
    return services.messages_purge()
