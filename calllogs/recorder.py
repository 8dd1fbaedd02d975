"""Calls are recorded off the request path: buffered in the process, written in batches.

A call adds its record to this process's buffer (a list append under a lock,
a few microseconds) and the response leaves. A daemon thread writes the
buffer every CALLLOG_FLUSH_SECONDS (default 1 s), or sooner once
CALLLOG_BATCH_SIZE records wait, with one COPY (storage/postgres.py). So:

- a clean stop loses nothing: gunicorn's worker exits through `atexit`, which
  writes what is left;
- a crash (SIGKILL, OOM) loses at most the records of the last interval not
  yet written, in that process: about one second of its calls;
- while the database is down, records wait in the buffer, at most
  CALLLOG_BUFFER_LIMIT of them per process (the oldest beyond that are
  dropped and the count logged), and are written when it comes back.

With CALLLOG_BACKGROUND off (the tests) no thread runs: records wait in the
buffer until `recorder.flush()` is called, in the caller's thread and
transaction, so an Open API call makes no query of its own there either.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, connection

from .storage import CallRecord, call_storage

log = logging.getLogger(__name__)


class Recorder:
    def __init__(self, write: Callable[[list[CallRecord]], int] | None = None) -> None:
        self._lock = threading.Lock()
        self._buffer: list[CallRecord] = []
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._write = write or (lambda records: call_storage().write(records))
        self.dropped = 0

    def add(self, record: CallRecord) -> None:
        with self._lock:
            self._buffer.append(record)
            over = len(self._buffer) - settings.CALLLOG_BUFFER_LIMIT
            if over > 0:
                del self._buffer[:over]
                self.dropped += over
            full = len(self._buffer) >= settings.CALLLOG_BATCH_SIZE
            if not settings.CALLLOG_BACKGROUND:
                return
            self._start()
        if full:
            self._wake.set()

    def _start(self) -> None:
        # Per process: a forked gunicorn worker starts its own thread.
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="calllogs-recorder", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(settings.CALLLOG_FLUSH_SECONDS)
            self._wake.clear()
            try:
                self.flush()
            except Exception:
                log.exception("Writing call logs failed; the records wait in the buffer")
            finally:
                close_old_connections()

    def flush(self) -> int:
        """Write every buffered record (in batches); returns how many were written."""
        written = 0
        while True:
            with self._lock:
                batch = self._buffer[: settings.CALLLOG_BATCH_SIZE]
                del self._buffer[: len(batch)]
                dropped, self.dropped = self.dropped, 0
            if dropped:
                log.warning("Call log buffer full: %d records dropped", dropped)
            if not batch:
                return written
            try:
                written += self._write(batch)
            except Exception:
                with self._lock:
                    self._buffer[:0] = batch  # back at the front, in order, for the next try
                raise

    def stop(self) -> None:
        """Write what is left and end the thread (tests; a process exiting just flushes, see below)."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(10)
        self._stopping = False
        self.flush()

    def discard(self) -> None:
        """Forget every buffered record (between tests)."""
        with self._lock:
            self._buffer.clear()

    def pending(self) -> int:
        with self._lock:
            return len(self._buffer)


recorder = Recorder()


def record(call: CallRecord) -> None:
    recorder.add(call)


@atexit.register
def _flush_at_exit() -> None:
    if recorder.pending():
        try:
            recorder.flush()
        except Exception:
            log.exception("Writing call logs at exit failed")
        finally:
            connection.close()
