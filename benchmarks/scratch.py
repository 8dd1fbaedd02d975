"""What the in-process benchmarks share: a scratch database, Django set up and migrated on it,
and a median timing.

A scratch database is a temporary SQLite file, or with DATABASE_URL naming
PostgreSQL a database created on that server for the run and dropped after
(the one named is not touched).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def scratch_database() -> Iterator[str]:
    """A DATABASE_URL for a database made for this run."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        with tempfile.TemporaryDirectory(prefix="console-bench-") as work:
            yield f"sqlite:///{Path(work) / 'db.sqlite3'}"
        return
    import psycopg

    name = f"console_bench_{os.getpid()}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def median_seconds(call: Callable[[], object], runs: int) -> float:
    call()  # warm templates and caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@contextmanager
def scratch_django() -> Iterator[None]:
    """Django set up on a scratch database and migrated: the benchmark then runs the real views in this process."""
    with scratch_database() as url:
        os.environ.update(DATABASE_URL=url, REDIS_URL="", DEBUG="1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "console.settings")
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        yield
