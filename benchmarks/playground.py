"""The API Playground page's server time and queries, next to Authentication Management, as history grows.

    .venv/bin/python benchmarks/playground.py [--runs 25]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/playground.py

Runs the real views in this process (Django's test client: the middleware,
the view and the template, no socket) on a scratch database: a temporary
SQLite file, or with DATABASE_URL naming PostgreSQL a database created on that
server for the run and dropped after (the one named is not touched).

Measured, as medians: Authentication Management (the baseline: a per-app
page of the same layout, measured in the same run), the playground with 1
and with 50 history entries and saved requests, a stored result, and a Send
(the in-process Open API call included). Also how long a process takes to
read the catalogue: generating the OpenAPI document versus reading it from
the cache. Budgets: the playground page under 50 ms at both sizes (50 is
the most a history holds), with the same number of queries. Its time grows
with the rows it shows (a history entry or saved request costs ~0.1 ms to
render): shown, without a verdict.
Times are shown as this process's CPU time and as wall time; the budgets
hold the CPU time (SQLite answers in the process, so its queries are in it;
on PostgreSQL the server's share is in the wall time only), which a machine
busy with other work doesn't inflate as it does wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import scratch_django  # noqa: E402 - the path first


@dataclass(frozen=True)
class Timing:
    wall: float  # ms
    cpu: float  # ms of this process's CPU: what the page costs, whatever else the machine runs

    def __truediv__(self, other: Timing) -> float:
        return self.cpu / other.cpu

    def __str__(self) -> str:
        return f"{self.cpu:7.1f} ms CPU {self.wall:7.1f} ms wall"


def median_ms(call: Callable[[], object], runs: int) -> Timing:
    call()  # warm templates and caches
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls) * 1000, statistics.median(cpus) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    with scratch_django():
        run(args.runs)


def run(runs: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from playground import catalogue
    from playground.models import PlaygroundCall
    from playground.tests.conftest import alices_account
    from playground.tests.factories import past_calls, saved_requests

    started = time.perf_counter()
    catalogue.generate_document()
    generate_ms = (time.perf_counter() - started) * 1000
    catalogue._cached_document()  # generated and kept in the cache
    started = time.perf_counter()
    catalogue.build(catalogue._cached_document())
    cached_ms = (time.perf_counter() - started) * 1000

    alice = alices_account()
    client = Client()
    client.force_login(alice.user)

    def page(path: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            page(path)()
        return len(captured)

    def grow(count: int) -> None:
        past_calls(alice.app, alice.user, count, tag=f"{count}-")
        saved_requests(alice.app, alice.user, count, tag=f"{count}-")

    auth, playground = f"/apps/{alice.app.fs_id}/auth/", alice.page
    grow(1)
    baseline = median_ms(page(auth), runs)
    small, small_queries = median_ms(page(playground), runs), queries(playground)
    grow(49)
    large, large_queries = median_ms(page(playground), runs), queries(playground)
    call = PlaygroundCall.objects.filter(user=alice.user).first()
    assert call is not None
    stored = median_ms(page(f"{playground}?call={call.pk}"), runs)
    send = median_ms(lambda: client.post(f"{playground}send/", {"operation": "shop_info"}), max(5, runs // 5))

    print(f"database: {connection.vendor}; median of {runs} runs; ratios are of CPU time (the machine may be shared)")
    print(f"{'catalogue: generate the document':40} {generate_ms:7.1f} ms")
    print(f"{'catalogue: from the cache':40} {cached_ms:7.1f} ms")
    print(f"{'Authentication Management (baseline)':40} {baseline}")
    print(f"{'playground, 1 entry':40} {small}  x{small / baseline:4.2f}  {small_queries} queries")
    print(f"{'playground, 50 entries':40} {large}  x{large / baseline:4.2f}  {large_queries} queries")
    print(f"{'playground, a stored result':40} {stored}  x{stored / baseline:4.2f}")
    print(f"{'Send (the Open API call included)':40} {send}")
    ok = small.cpu < 50 and large.cpu < 50 and small_queries == large_queries
    print("OK" if ok else "OVER BUDGET")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
