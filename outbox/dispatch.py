"""The sending loop: claim due rows, send them from a pool of threads, record
the outcomes in batches.

Claiming is `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite serialises
writers instead) followed by pushing each row's `due_at` a lease ahead: the
row then belongs to this worker until the lease ends, without a transaction
held open across the network. A worker killed mid-send leaves its rows due
again when the lease ends, and the sweeper sends them: at least once.

One slow receiver must not hold up the others, so a worker caps the messages
of one key (one endpoint) in flight. A key starts at one and earns more with
each success; a key that failed waits a few seconds before its next claim.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import channels
from .channels import Outcome
from .models import Message

logger = logging.getLogger(__name__)

# Seconds a key that just failed is left alone before its next claim.
KEY_COOL_DOWN = 5.0
# Outcomes are written in batches of up to this many, or after this long.
FLUSH_SIZE = 200
FLUSH_AFTER = 0.02


class _Keys:
    """Per-process state of the keys in flight (shared by every loop of the process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight: Counter[str] = Counter()
        self.allowed: dict[str, int] = {}
        self.cool_until: dict[str, float] = {}

    def blocked(self, *, cooling_too: bool = True) -> list[str]:
        now = time.monotonic()
        with self.lock:
            full = [key for key, count in self.in_flight.items() if count >= self.allowed.get(key, 1)]
            cooling = [key for key, until in self.cool_until.items() if until > now and cooling_too]
            for key in [key for key, until in self.cool_until.items() if until <= now]:
                del self.cool_until[key]
        return sorted(set(full + cooling))

    def room(self, key: str) -> int:
        with self.lock:
            return max(0, self.allowed.get(key, 1) - self.in_flight.get(key, 0))

    def start(self, key: str) -> None:
        with self.lock:
            self.in_flight[key] += 1

    def end(self, key: str, outcome: Outcome, limit: int) -> None:
        with self.lock:
            self.in_flight[key] -= 1
            if self.in_flight[key] <= 0:
                del self.in_flight[key]
            if outcome.ok:
                self.allowed[key] = min(limit, self.allowed.get(key, 1) + 1)
            else:
                self.allowed[key] = 1
                self.cool_until[key] = time.monotonic() + KEY_COOL_DOWN
            if len(self.allowed) > 10_000:  # forget idle keys now and then
                self.allowed = {key: n for key, n in self.allowed.items() if key in self.in_flight}


_keys = _Keys()
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_sweeping = threading.Lock()


def _senders() -> ThreadPoolExecutor:
    # Made on first use, so a prefork worker's children each get their own.
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=settings.OUTBOX_SENDERS, thread_name_prefix="outbox-send")
        return _executor


def claim(
    *,
    limit: int,
    ids: Iterable[int] | None = None,
    skip_keys: list[str] | None = None,
    room_for: Callable[[str], int] | None = None,
) -> list[Message]:
    """Take up to `limit` due messages for this worker for one lease.

    `room_for(key)` caps how many of one key this claim may take; the rows
    looked at but not taken are only locked until the claim commits.
    """
    now = timezone.now()
    with transaction.atomic():
        rows = Message.objects.select_for_update(skip_locked=True).filter(
            status=Message.Status.PENDING, due_at__lte=now
        )
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        if skip_keys:
            rows = rows.exclude(key__in=skip_keys)
        looked_at = list(rows.order_by("due_at")[: limit * 4 if room_for else limit])
        claimed: list[Message] = []
        taken: Counter[str] = Counter()
        for row in looked_at:
            if room_for is None or taken[row.key] < room_for(row.key):
                taken[row.key] += 1
                claimed.append(row)
                if len(claimed) == limit:
                    break
        if claimed:
            lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
            Message.objects.filter(pk__in=[row.pk for row in claimed]).update(
                due_at=lease, attempts=F("attempts") + 1
            )
            for row in claimed:
                row.due_at, row.attempts = lease, row.attempts + 1
    return claimed


def next_due(message: Message, outcome: Outcome, now: datetime) -> datetime | None:
    """When to try again after a failed attempt; None once the schedule is spent."""
    schedule = channels.get(message.channel).schedule
    if outcome.permanent or message.attempts > len(schedule):
        return None
    # Jitter spreads the retries of a burst that failed together.
    delay = schedule[message.attempts - 1] * random.uniform(0.8, 1.2)
    if outcome.retry_after is not None:
        delay = max(delay, min(outcome.retry_after, max(schedule)))
    return now + timedelta(seconds=delay)


def finish(results: list[tuple[Message, Outcome]]) -> None:
    """Write what a batch of attempts came to, and let each channel keep its details."""
    now = timezone.now()
    by_channel: dict[str, list[tuple[Message, Outcome]]] = {}
    for message, outcome in results:
        by_channel.setdefault(message.channel, []).append((message, outcome))
        if outcome.ok:
            message.status, message.due_at, message.finished_at, message.last_error = (
                Message.Status.SENT,
                None,
                now,
                "",
            )
            continue
        message.last_error = outcome.error[:500]
        due = next_due(message, outcome, now)
        if due is None:
            message.status, message.due_at, message.finished_at = Message.Status.FAILED, None, now
        else:
            message.due_at = due
    with transaction.atomic():
        Message.objects.bulk_update(
            [message for message, _ in results], ["status", "due_at", "finished_at", "last_error"]
        )
        for name, items in by_channel.items():
            channels.get(name).record(items, now=now)


def _send(message: Message) -> Outcome:
    try:
        return channels.get(message.channel).send(message)
    except Exception as error:  # noqa: BLE001 - a channel's bug must fail the attempt, not the loop
        logger.exception("outbox: sending message %s failed unexpectedly", message.pk)
        return Outcome(ok=False, error=f"{type(error).__name__}: {error}"[:500])


def drain(*, ids: list[int] | None = None, max_seconds: float | None = None) -> int:
    """Send the due messages (only `ids` when given) until none is left; returns how many finished.

    A message of a key that is busy or cooling down is left for a later claim
    in this loop, or for the sweeper.
    """
    senders = settings.OUTBOX_SENDERS
    executor = _senders()
    in_flight: dict[Future[Outcome], Message] = {}
    done: list[tuple[Message, Outcome]] = []
    remaining = set(ids) if ids is not None else None
    started = time.monotonic()
    first_done = 0.0
    finished = 0
    may_claim = True
    while True:
        room = senders - len(in_flight)
        in_time = max_seconds is None or time.monotonic() - started < max_seconds
        # Claim in batches (a quarter of the senders at least) unless idle.
        if may_claim and in_time and room > 0 and (room >= max(1, senders // 4) or not in_flight):
            if remaining is not None and not remaining:
                claimed = []
            else:
                # Named messages (a commit's nudge, a Redeliver) skip only full
                # keys; the sweep also leaves keys that just failed to cool down.
                claimed = claim(
                    limit=room,
                    ids=remaining,
                    skip_keys=_keys.blocked(cooling_too=remaining is None),
                    room_for=_keys.room,
                )
            may_claim = len(claimed) == room
            _start(claimed, executor, in_flight)
            if remaining is not None:
                remaining -= {message.pk for message in claimed}
        if in_flight:
            completed, _ = wait(list(in_flight), timeout=FLUSH_AFTER, return_when=FIRST_COMPLETED)
            for future in completed:
                message = in_flight.pop(future)
                outcome = future.result()
                _keys.end(message.key, outcome, channels.get(message.channel).per_key_concurrency)
                if not done:
                    first_done = time.monotonic()
                done.append((message, outcome))
            if completed:
                may_claim = True  # keys were freed: what was skipped may be claimable now
        if done and (len(done) >= FLUSH_SIZE or time.monotonic() - first_done >= FLUSH_AFTER or not in_flight):
            finish(done)
            finished += len(done)
            done = []
        if not in_flight and not done and not may_claim:
            return finished
        if not in_flight and not done and not in_time:
            return finished


def _start(claimed: list[Message], executor: ThreadPoolExecutor, in_flight: dict[Future[Outcome], Message]) -> None:
    by_channel: dict[str, list[Message]] = {}
    for message in claimed:
        by_channel.setdefault(message.channel, []).append(message)
    for name, messages in by_channel.items():
        channels.get(name).prepare(messages)
    for message in claimed:
        _keys.start(message.key)
        in_flight[executor.submit(_send, message)] = message


def sweep(max_seconds: float | None = None) -> int:
    """Send everything due; one sweep at a time per process (the others return at once)."""
    if not _sweeping.acquire(blocking=False):
        return 0
    try:
        return drain(max_seconds=max_seconds)
    finally:
        _sweeping.release()
