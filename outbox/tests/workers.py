"""A private redis-server and real Celery worker processes, for tests that kill them.

The shared Redis is never stopped: these tests start their own on a free
port. The worker is `celery -A console worker --beat` in its own process,
on the test's database, so SIGKILL kills it the way an OOM killer would.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PrivateRedis:
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        import pytest

        from conftest import require

        require(False, "redis-server")
        pytest.skip("redis-server")
    server = PrivateRedis(port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'])}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Worker:
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "console",
                "worker",
                "--beat",
                "--pool=threads",
                "--concurrency=4",
                "--loglevel=WARNING",
                f"--schedule={self.log.parent / 'beat-schedule'}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=handle,
            stderr=handle,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL, as an out-of-memory killer or a lost machine would: no cleanup, no ack."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.kill()


@contextmanager
def worker(redis_url: str, tmp: Path, **overrides: Any) -> Iterator[Worker]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        {
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "WEBHOOK_ALLOW_PRIVATE_TARGETS": "1",
            # A killed worker's messages are due again after this lease.
            "OUTBOX_LEASE_SECONDS": "3",
            "OUTBOX_SWEEP_INTERVAL": "1",
            "DB_PREPARED_STATEMENTS": "0",
        }
    )
    env.update({key: str(value) for key, value in overrides.items()})
    env.pop("EMAIL_HOST", None)
    running = Worker(env=env, log=tmp / "worker.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


@contextmanager
def broker(url: str) -> Iterator[None]:
    """Nudges from this test process go to `url` through the broker, not inline."""
    from console.celery import app

    def reconnect() -> None:
        # The connection and producer pools were made for the previous URL.
        # (Not closed: kombu shares them by URL with the rest of the session.)
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    reconnect()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        reconnect()
