"""Chunks: a sending thread sends several of one key's messages in a row, and stops at a failure."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from outbox import channels, dispatch
from outbox.channels import Channel, Outcome
from outbox.models import Message


class Receiver(Channel):
    """A receiver that remembers what it got, and refuses the messages it is told to."""

    name = "test-chunks"
    schedule = (5, 300)
    chunk_size = 5

    def __init__(self) -> None:
        self.received: list[int] = []
        self.refuse: set[int] = set()

    def send(self, message: Message) -> Outcome:
        self.received.append(message.pk)
        if message.pk in self.refuse:
            return Outcome(ok=False, error="HTTP 503")
        return Outcome(ok=True)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    channel = Receiver()
    channels.register(channel)
    yield channel
    channels._CHANNELS.pop(channel.name)


def queue(key: str, count: int, *, offset: int = 0) -> list[int]:
    """`count` messages of `key`, due one after another (`offset` interleaves keys)."""
    start = datetime(2026, 1, 1, tzinfo=UTC)  # long due, and the same for every key
    rows = Message.objects.bulk_create(
        Message(channel="test-chunks", key=key, payload={}, due_at=start + timedelta(milliseconds=10 * number + offset))
        for number in range(count)
    )
    return [row.pk for row in rows]


@pytest.mark.django_db
def test_a_chunk_stops_at_its_first_failure_and_gives_the_rest_back_untried(receiver: Receiver) -> None:
    ids = queue(f"endpoint-{uuid.uuid4()}", 5)
    receiver.refuse = {ids[2]}
    dispatch.drain(ids=ids)
    assert receiver.received == ids[:3]
    rows = {row.pk: row for row in Message.objects.filter(pk__in=ids)}
    assert [rows[pk].status for pk in ids[:2]] == [Message.Status.SENT] * 2
    failed = rows[ids[2]]
    assert (failed.status, failed.attempts, failed.last_error) == (Message.Status.PENDING, 1, "HTTP 503")
    assert failed.due_at > timezone.now() + timedelta(seconds=3)  # the schedule's 5 s, with jitter
    for pk in ids[3:]:
        untried = rows[pk]
        # Due again at once, and the claim was not an attempt: the schedule is untouched.
        assert (untried.status, untried.attempts) == (Message.Status.PENDING, 0)
        assert untried.due_at <= timezone.now()


@pytest.mark.django_db
def test_every_message_of_a_backlog_goes_out_once_in_chunks(receiver: Receiver) -> None:
    ids = queue(f"endpoint-{uuid.uuid4()}", 23) + queue(f"endpoint-{uuid.uuid4()}", 9)
    assert dispatch.drain(ids=ids) == 32
    assert sorted(receiver.received) == sorted(ids)
    assert Counter(Message.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"sent": 32}


@pytest.mark.django_db
def test_a_claim_fills_no_more_chunks_than_it_has_senders_for(receiver: Receiver) -> None:
    keys = [f"endpoint-{uuid.uuid4()}" for _ in range(3)]
    for offset, key in enumerate(keys):
        queue(key, 12, offset=offset)  # due in turns: A, B, C, A, B, C...
    claimed = dispatch.claim(limit=100, room_for=lambda key: 2, max_chunks=3)
    # Three chunks of five: each key opened one; none could open a second.
    assert Counter(row.key for row in claimed) == {key: 5 for key in keys}


@pytest.mark.django_db
def test_a_claim_takes_no_more_of_a_key_than_its_room_in_chunks(receiver: Receiver) -> None:
    key = f"endpoint-{uuid.uuid4()}"
    queue(key, 30)
    claimed = dispatch.claim(limit=100, room_for=lambda key: 2, max_chunks=10)
    assert len(claimed) == 10  # two chunks of five


def test_a_short_burst_to_one_key_is_spread_over_spare_senders(receiver: Receiver) -> None:
    key = f"endpoint-{uuid.uuid4()}"
    dispatch._keys.allowed[key] = 4
    burst = [Message(pk=number, channel="test-chunks", key=key) for number in range(6)]
    chunks = dispatch._chunks(burst, threads=8)
    # One chunk would do by size, but the key may have four senders and eight are free.
    assert [[row.pk for row in chunk] for chunk in chunks] == [[0, 4], [1, 5], [2], [3]]
