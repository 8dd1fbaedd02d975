"""The outbox's rules: rows with the change, claims that don't overlap, the retry schedule."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from console.lib.mail import queue_message
from outbox import dispatch
from outbox.channels import Outcome
from outbox.models import Message
from outbox.services import messages_purge


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_message() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_message(subject="Hello", text="Body", html=None, to=["alice@acme.co.id"])
        raise RuntimeError("the change failed")
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_a_failed_attempt_is_due_again_on_the_schedule_then_given_up() -> None:
    queue_message(subject="Hello", text="Body", html=None, to=["alice@acme.co.id"])
    message = Message.objects.get()
    schedule = [10, 60, 300, 1800, 7200, 21600, 43200]
    for attempt, wait in enumerate(schedule, start=1):
        Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
        [claimed] = dispatch.claim(limit=10)
        assert claimed.attempts == attempt
        before = timezone.now()
        dispatch.finish([(claimed, Outcome(ok=False, error="SMTP down"))])
        claimed.refresh_from_db()
        assert claimed.status == Message.Status.PENDING
        assert before + timedelta(seconds=wait * 0.79) <= claimed.due_at <= before + timedelta(seconds=wait * 1.21)
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    [last] = dispatch.claim(limit=10)
    dispatch.finish([(last, Outcome(ok=False, error="SMTP down"))])
    last.refresh_from_db()
    assert (last.status, last.attempts, last.last_error) == (Message.Status.FAILED, 8, "SMTP down")


@pytest.mark.django_db
def test_retry_after_is_honoured_when_longer_than_the_schedule() -> None:
    queue_message(subject="Hello", text="Body", html=None, to=["alice@acme.co.id"])
    [claimed] = dispatch.claim(limit=1)
    dispatch.finish([(claimed, Outcome(ok=False, error="busy", retry_after=600))])
    claimed.refresh_from_db()
    assert claimed.due_at >= timezone.now() + timedelta(seconds=590)


@pytest.mark.django_db
def test_a_claimed_message_is_not_claimed_again_until_its_lease_ends(settings: Any) -> None:
    queue_message(subject="Hello", text="Body", html=None, to=["alice@acme.co.id"])
    assert len(dispatch.claim(limit=5)) == 1
    assert dispatch.claim(limit=5) == []
    Message.objects.update(due_at=timezone.now() - timedelta(seconds=1))  # the lease ran out: the worker died
    assert len(dispatch.claim(limit=5)) == 1


def test_two_workers_claiming_at_once_never_take_the_same_row(postgres: None, transactional_db: None) -> None:
    Message.objects.bulk_create(Message(channel="email", payload={}, key="email") for _ in range(200))
    taken: list[list[int]] = [[], []]
    barrier = threading.Barrier(2)

    def worker(index: int) -> None:
        barrier.wait()
        try:
            while rows := dispatch.claim(limit=7):
                taken[index] += [row.pk for row in rows]
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(taken[0]) + len(taken[1]) == 200
    assert not set(taken[0]) & set(taken[1])


@pytest.mark.django_db
def test_finished_messages_are_purged_after_their_retention(settings: Any) -> None:
    queue_message(subject="Old", text="Body", html=None, to=["alice@acme.co.id"])
    queue_message(subject="New", text="Body", html=None, to=["alice@acme.co.id"])
    old, new = Message.objects.order_by("pk")
    Message.objects.filter(pk=old.pk).update(status="sent", finished_at=timezone.now() - timedelta(days=8))
    Message.objects.filter(pk=new.pk).update(status="sent", finished_at=timezone.now() - timedelta(days=6))
    assert messages_purge() == 1
    assert list(Message.objects.values_list("pk", flat=True)) == [new.pk]


@pytest.mark.django_db
def test_the_same_message_id_goes_out_on_every_attempt(
    mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(subject="Hello", text="Body", html="<p>Body</p>", to=["alice@acme.co.id"])
    message = Message.objects.get()
    assert message.status == Message.Status.SENT
    assert mailoutbox[0].extra_headers["Message-ID"] == f"<outbox.{message.pk}@127.0.0.1>"
