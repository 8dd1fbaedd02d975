"""The sending loop: claim due rows, send them from a pool of threads, record
the outcomes in batches.

Claiming is `SELECT … FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite serialises
writers instead) followed by pushing each row's `due_at` a lease ahead: the
row then belongs to this worker until the lease ends, without a transaction
held open across the network. A worker killed mid-send leaves its rows due
again when the lease ends, and the sweeper sends them: at least once.

One slow receiver must not hold up the others, so a worker caps the sending
threads of one key (one endpoint) at once. A key starts at one and earns more
with each success; a key that failed waits a few seconds before its next claim.

A sending thread takes a chunk of one key's messages (up to the channel's
`chunk_size`) and sends them one after another over one kept-alive
connection, as a plain loop would: a claim then feeds many sends, so the
database round trips of claiming and recording are shared by a chunk instead
of paid per message. The first failure ends a chunk: the rest are released
untried (their attempt not counted), so a dead receiver costs one timeout
per chunk, not one per message.
"""

from __future__ import annotations

import logging
import os
import queue
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
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
    max_chunks: int | None = None,
) -> list[Message]:
    """Take up to `limit` due messages for this worker for one lease.

    `room_for(key)` caps how many chunks (sending threads) of one key this
    claim may fill, and `max_chunks` how many chunks in all: a chunk holds up
    to its channel's `chunk_size` messages. The rows looked at but not taken
    are only locked until the claim commits.
    """
    now = timezone.now()
    with transaction.atomic():
        _no_flush_wait()
        rows = Message.objects.select_for_update(skip_locked=True).filter(
            status=Message.Status.PENDING, due_at__lte=now
        )
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        if skip_keys:
            rows = rows.exclude(key__in=skip_keys)
        looked_at = list(rows.order_by("due_at")[: limit * 2 if room_for else limit])
        claimed: list[Message] = []
        taken: Counter[str] = Counter()
        chunks = 0
        for row in looked_at:
            size = channels.get(row.channel).chunk_size
            if room_for is not None and taken[row.key] >= room_for(row.key) * size:
                continue
            if taken[row.key] % size == 0:  # this row opens a chunk
                if max_chunks is not None and chunks >= max_chunks:
                    continue
                chunks += 1
            taken[row.key] += 1
            claimed.append(row)
            if len(claimed) == limit:
                break
        if claimed:
            lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
            Message.objects.filter(pk__in=[row.pk for row in claimed]).update(due_at=lease, attempts=F("attempts") + 1)
            for row in claimed:
                row.due_at, row.attempts = lease, row.attempts + 1
    return claimed


def _no_flush_wait() -> None:
    """Commit this transaction without waiting for the WAL flush (PostgreSQL).

    Safe here: a claim or an outcome lost to a database crash only makes a
    message due again, and sending is at least once anyway. It takes a disk
    flush off every batch.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


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


def finish(results: list[tuple[Message, Outcome | None]]) -> None:
    """Write what a batch of attempts came to, and let each channel keep its details.

    Successes (the bulk of a batch) are one UPDATE; each retry has its own
    time, so retries are one UPDATE each (failures are the rare case). A
    message without an outcome was released untried (its chunk stopped
    before it): it is due again at once and its claim is not an attempt.
    """
    now = timezone.now()
    by_channel: dict[str, list[tuple[Message, Outcome]]] = {}
    sent: list[int] = []
    given_up: dict[str, list[int]] = {}
    retries: list[Message] = []
    released: list[int] = []
    for message, outcome in results:
        if outcome is None:
            released.append(message.pk)
            continue
        by_channel.setdefault(message.channel, []).append((message, outcome))
        if outcome.ok:
            message.status, message.due_at, message.finished_at, message.last_error = (
                Message.Status.SENT,
                None,
                now,
                "",
            )
            sent.append(message.pk)
            continue
        message.last_error = outcome.error[:500]
        due = next_due(message, outcome, now)
        if due is None:
            message.status, message.due_at, message.finished_at = Message.Status.FAILED, None, now
            given_up.setdefault(message.last_error, []).append(message.pk)
        else:
            message.due_at = due
            retries.append(message)
    with transaction.atomic():
        _no_flush_wait()
        if sent:
            Message.objects.filter(pk__in=sent).update(
                status=Message.Status.SENT, due_at=None, finished_at=now, last_error=""
            )
        for error, ids in given_up.items():
            Message.objects.filter(pk__in=ids).update(
                status=Message.Status.FAILED, due_at=None, finished_at=now, last_error=error
            )
        for message in retries:
            Message.objects.filter(pk=message.pk).update(due_at=message.due_at, last_error=message.last_error)
        if released:
            Message.objects.filter(pk__in=released).update(due_at=now, attempts=F("attempts") - 1)
        for name, items in by_channel.items():
            channels.get(name).record(items, now=now)


def _send(message: Message) -> Outcome:
    try:
        return channels.get(message.channel).send(message)
    except Exception as error:
        logger.exception("outbox: sending message %s failed unexpectedly", message.pk)
        return Outcome(ok=False, error=f"{type(error).__name__}: {error}"[:500])


Result = tuple[Message, Outcome | None]


def _send_chunk(chunk: list[Message], deadline: float, report: Callable[[Result], None]) -> Outcome | None:
    """Send one key's messages in order; after a failure, or once the lease is half spent, the rest go back untried.

    Each outcome is reported as soon as it is known, so it is recorded with
    the next batch rather than at the chunk's end: a worker killed mid-chunk
    sends again only what it hadn't recorded yet. Returns the last outcome
    (None if nothing was tried).
    """
    last: Outcome | None = None
    for message in chunk:
        if (last is not None and not last.ok) or time.monotonic() > deadline:
            report((message, None))
            continue
        last = _send(message)
        report((message, last))
    return last


def _chunks(claimed: list[Message], threads: int) -> list[list[Message]]:
    """Split a claim into per-key chunks for at most `threads` senders.

    Each key gets the fewest chunks its channel's chunk size allows, then
    spare senders go to keys with room left, so a short burst to one endpoint
    is still sent a few at a time in parallel.
    """
    by_key: dict[str, list[Message]] = {}
    for message in claimed:
        by_key.setdefault(message.key, []).append(message)
    counts = {key: -(-len(rows) // channels.get(rows[0].channel).chunk_size) for key, rows in by_key.items()}
    spare = threads - sum(counts.values())
    for key, rows in by_key.items():
        if spare <= 0:
            break
        extra = min(spare, min(_keys.room(key), len(rows)) - counts[key])
        if extra > 0:
            counts[key] += extra
            spare -= extra
    # Interleaved, so each chunk keeps the claim's order (oldest first).
    return [rows[start :: counts[key]] for key, rows in by_key.items() for start in range(counts[key])]


class _Drain:
    """One sending loop's state: what it was asked for, what is in flight, what waits to be recorded."""

    def __init__(self, *, wanted: Iterable[int] = (), sweeping: bool = False) -> None:
        self.wanted: set[int] = set(wanted)
        self.sweeping = sweeping
        self.in_flight: dict[Future[Outcome | None], list[Message]] = {}
        # Outcomes as the sending threads report them, and those waiting to be recorded.
        self.reported: queue.SimpleQueue[Result] = queue.SimpleQueue()
        self.done: list[Result] = []
        self.first_done = 0.0
        self.finished = 0
        # After a sweep found nothing claimable, the next try waits for a
        # completion (keys freed) or a second, instead of asking every turn.
        self.next_sweep = 0.0

    @property
    def idle(self) -> bool:
        return not (self.in_flight or self.done or self.wanted or self.sweeping or not self.reported.empty())

    def step(self) -> None:
        senders = settings.OUTBOX_SENDERS
        room = senders - len(self.in_flight)
        largest = max(channel.chunk_size for channel in channels.registered())
        # Claim in batches (a quarter of the senders at least) unless nothing is in flight.
        if room > 0 and (room >= max(1, senders // 4) or not self.in_flight):
            if self.wanted:
                # Named messages (a commit's nudge, a Redeliver) skip only full
                # keys, and wait for them while this loop has work in flight.
                claimed = claim(
                    limit=room * largest,
                    ids=self.wanted,
                    skip_keys=_keys.blocked(cooling_too=False),
                    room_for=_keys.room,
                    max_chunks=room,
                )
                self.wanted -= {message.pk for message in claimed}
                if not claimed and not self.in_flight:
                    self.wanted.clear()  # not due, or another worker has them: nothing to wait for
                room -= self._start(claimed, room)
            if self.sweeping and room > 0 and time.monotonic() >= self.next_sweep:
                claimed = claim(limit=room * largest, skip_keys=_keys.blocked(), room_for=_keys.room, max_chunks=room)
                self._start(claimed, room)
                if not claimed:
                    if self.in_flight:
                        self.next_sweep = time.monotonic() + 1.0
                    else:
                        self.sweeping = False  # nothing due: the sweep is over
        if self.in_flight:
            completed, _ = wait(list(self.in_flight), timeout=FLUSH_AFTER, return_when=FIRST_COMPLETED)
            for future in completed:
                chunk = self.in_flight.pop(future)
                last = future.result() or Outcome(ok=False, error="the lease was spent before sending")
                _keys.end(chunk[0].key, last, channels.get(chunk[0].channel).per_key_concurrency)
            if completed:
                self.next_sweep = 0.0  # keys were freed: what was skipped may be claimable now
        while True:
            try:
                result = self.reported.get_nowait()
            except queue.Empty:
                break
            if not self.done:
                self.first_done = time.monotonic()
            self.done.append(result)
        if self.done and (
            len(self.done) >= FLUSH_SIZE or time.monotonic() - self.first_done >= FLUSH_AFTER or not self.in_flight
        ):
            finish(self.done)
            self.finished += len(self.done)
            self.done = []

    def _start(self, claimed: list[Message], threads: int) -> int:
        """Hand a claim to the senders; the number of chunks (threads) it took."""
        if not claimed:
            return 0
        return _start(claimed, threads, _senders(), self.in_flight, self.reported.put)


def drain(*, ids: list[int] | None = None, max_seconds: float | None = None) -> int:
    """Send the named messages (or, without `ids`, everything due) in this thread, until done.

    Eager tasks (tests, CELERY_TASK_ALWAYS_EAGER) and scripts use this; a
    worker hands the work to its background loop instead (`request`), so a
    task never waits on a slow receiver.
    """
    state = _Drain(wanted=ids or (), sweeping=ids is None)
    started = time.monotonic()
    while not state.idle:
        if max_seconds is not None and time.monotonic() - started > max_seconds:
            state.wanted.clear()
            state.sweeping = False
        state.step()
    return state.finished


class _Loop:
    """The sending loop of one worker process, in a thread of its own.

    Tasks only add to what it is asked for and return at once; the loop claims,
    sends and records continuously, so a receiver that takes 15 s to time out
    holds one of its senders, not a worker's task slot.
    """

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.wanted: set[int] = set()
        self.sweep = False
        self.thread: threading.Thread | None = None
        self.pid = 0

    def request(self, ids: list[int] | None) -> None:
        with self.condition:
            if ids is None:
                self.sweep = True
            else:
                self.wanted.update(ids)
            # A forked worker child starts its own thread (threads don't survive a fork).
            if self.thread is None or not self.thread.is_alive() or self.pid != os.getpid():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="outbox-dispatch", daemon=True)
                self.thread.start()
            self.condition.notify()

    def _run(self) -> None:
        state = _Drain()
        while True:
            try:
                with self.condition:
                    if state.idle and not self.wanted and not self.sweep:
                        close_old_connections()
                        self.condition.wait(timeout=60)
                    state.wanted |= self.wanted
                    state.sweeping = state.sweeping or self.sweep
                    self.wanted, self.sweep = set(), False
                state.step()
            except Exception:
                logger.exception("outbox: the sending loop failed; retrying in a second")
                close_old_connections()
                time.sleep(1)
                state = _Drain(sweeping=True)


_loop = _Loop()


def request(ids: list[int] | None = None) -> None:
    """Ask this process's sending loop for these messages (None: everything due)."""
    _loop.request(ids)


def _start(
    claimed: list[Message],
    threads: int,
    executor: ThreadPoolExecutor,
    in_flight: dict[Future[Outcome | None], list[Message]],
    report: Callable[[Result], None],
) -> int:
    by_channel: dict[str, list[Message]] = {}
    for message in claimed:
        by_channel.setdefault(message.channel, []).append(message)
    for name, messages in by_channel.items():
        channels.get(name).prepare(messages)
    # Half the lease: whatever a chunk hasn't sent by then goes back before the lease could hand it to another worker.
    deadline = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    chunks = _chunks(claimed, threads)
    for chunk in chunks:
        _keys.start(chunk[0].key)
        in_flight[executor.submit(_send_chunk, chunk, deadline, report)] = chunk
    return len(chunks)
