"""Open API throughput next to a bare JSON view, on gunicorn over loopback.

    make bench            (or .venv/bin/python benchmarks/run.py [--seconds 5])

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/0 make bench

Serves the console with DEBUG off on sync gunicorn workers (two per CPU, as
in production) and loads it from this process with one client thread per
worker (a sync worker closes the connection after each response; the clients
reconnect). The database is a scratch one made for the run: on the
PostgreSQL server of DATABASE_URL when set (created and dropped; the
database named there is not touched), else a temporary SQLite file. REDIS_URL
is used when set. The bench app holds 100 active shops; shop-info asks for
one of them.

Every shop-info and token call is recorded in Log History (calllogs/, on
by default): after gunicorn's graceful stop the rows recorded must equal the
calls made (one per response received), or the run fails.

Rounds of bare, shop-info, token, bare: each endpoint is compared with GET
/bench/bare (a minimal JSON view behind the same middleware) measured just
before and after it. Targets: shop-info >= 50% of the bare view's
throughput, POST /token >= 40%, on PostgreSQL + Redis, the deployment they
are set for; exits 1 when one is missed there. The embedded defaults
(SQLite, file cache) are measured and shown without a verdict.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8105"))
TARGETS = {"shop-info": 0.50, "token": 0.40}

SETUP = """
import json
from apps_mgmt.services import app_create
from accounts.models import User
from partners.models import Partner
from shops.models import Shop, ShopLink
user = User.objects.create(email="bench@example.com")
partner = Partner.objects.create(company_name="Bench", super_admin=user, status="active", member_type="third_party_enabler")
issued = app_create(partner=partner, name="Bench", description="", actor=None)
shops = Shop.objects.bulk_create(
    Shop(shop_id=777000 + n, name=f"Bench shop {n}", domain=f"bench-{n}", tier="official_store", owner_id=n,
         owner_email="owner@example.com")
    for n in range(100)
)
ShopLink.objects.bulk_create(ShopLink(partner=partner, app=issued.app, shop=shop, status="active") for shop in shops)
print(json.dumps({"client_id": issued.app.client_id, "secret": issued.client_secret,
    "fs_id": issued.app.fs_id, "shop_id": shops[50].shop_id}))
"""


@contextmanager
def scratch_database(tmp: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"console_bench_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def server_env(tmp: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-" + "k" * 50,
            "WEBHOOK_SECRET_KEYS": "YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDE=",
            "CLIENT_SECRET_HASH_KEY": "bench-hash-" + "h" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "OPENAPI_BENCH_VIEW": "1",
            "OPENAPI_RATE_PER_SECOND": str(10**6),
            "OPENAPI_RATE_BURST": str(10**9),
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(tmp / "media"),
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "DATABASE_URL": database_url,
        }
    )
    return env


def load(method: str, path: str, headers: dict[str, str], seconds: float, threads: int) -> dict[str, Any]:
    latencies: list[list[float]] = [[] for _ in range(threads)]
    errors = [0] * threads
    stop = time.perf_counter() + seconds

    def worker(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        own = latencies[index]
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                conn.request(method, path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[index] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
                continue
            own.append(time.perf_counter() - started)
        conn.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    began = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    every = [value * 1000 for own in latencies for value in own]
    return {"rps": len(every) / elapsed, "latencies": every, "errors": sum(errors)}


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def wait_for_server(deadline: float) -> None:
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/bench/bare")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="Load time per endpoint and round.")
    parser.add_argument("--rounds", type=int, default=5, help="Rounds of bare, shop-info, token, bare.")
    # As many client connections as workers: a sync worker serves one
    # connection at a time, so more would only queue.
    parser.add_argument("--threads", type=int, default=0, help="Client threads (default: one per worker).")
    # Sync workers by default, two per CPU, as docker-compose's `web` runs
    # them. With threads (gthread) every DB or Redis wait hands the GIL to
    # another thread of the worker, and getting it back costs up to the 5 ms
    # switch interval while that thread runs Python: a convoy that made the
    # I/O-bound endpoints 3-4x slower than the bare view for nothing. A sync
    # worker blocks on its socket alone and the other processes use the CPU.
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn worker processes.")
    parser.add_argument("--server-threads", type=int, default=1, help="Threads per gunicorn worker (1: sync workers).")
    args = parser.parse_args()
    args.threads = args.threads or args.workers

    with tempfile.TemporaryDirectory(prefix="console-bench-") as tmpdir, scratch_database(Path(tmpdir)) as url:
        tmp = Path(tmpdir)
        env = server_env(tmp, url)
        manage = [PYTHON, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [*manage, "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        data = json.loads(out.stdout.strip().splitlines()[-1])
        gunicorn = [
            PYTHON, "-m", "gunicorn", "console.wsgi", "--bind", f"127.0.0.1:{PORT}",
            "--workers", str(args.workers),
            "--worker-class", "sync" if args.server_threads == 1 else "gthread", "--threads", str(args.server_threads),
            "--keep-alive", "30", "--log-level", "warning",
        ]  # fmt: skip
        server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)
        try:
            wait_for_server(time.time() + 30)
            basic = base64.b64encode(f"{data['client_id']}:{data['secret']}".encode()).decode()
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            conn.request("POST", "/token?grant_type=client_credentials", headers={"Authorization": f"Basic {basic}"})
            token = json.loads(conn.getresponse().read())["access_token"]
            runs = {
                "bare": ("GET", "/bench/bare", {}),
                "shop-info": (
                    "GET",
                    f"/v1/shop/fs/{data['fs_id']}/shop-info?shop_id={data['shop_id']}",
                    {"Authorization": f"Bearer {token}"},
                ),
                "token": (
                    "POST",
                    "/token?grant_type=client_credentials",
                    {"Authorization": f"Basic {basic}", "Content-Length": "0"},
                ),
            }
            load("GET", "/bench/bare", {}, 1.0, args.threads)  # warm up every worker
            # Short rounds, each endpoint right after a bare run and compared
            # with the bare runs on both sides of it: the machine's speed
            # drifts (shared CPUs), a ratio taken within seconds doesn't.
            samples: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
            ratios: dict[str, list[float]] = {"shop-info": [], "token": []}
            for _ in range(args.rounds):
                before = load("GET", "/bench/bare", {}, args.seconds, args.threads)
                measured = {name: load(*runs[name], args.seconds, args.threads) for name in ratios}
                after = load("GET", "/bench/bare", {}, args.seconds, args.threads)
                samples["bare"] += [before, after]
                for name, result in measured.items():
                    samples[name].append(result)
                    ratios[name].append(result["rps"] / ((before["rps"] + after["rps"]) / 2))
        finally:
            server.terminate()
            server.wait(timeout=30)
        # The workers wrote their last buffered calls as they exited (SIGTERM is a clean stop).
        count = "from calllogs.models import CallLog; print(CallLog.objects.count())"
        out = subprocess.run(
            [*manage, "shell", "-c", count], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        recorded = int(out.stdout.strip().splitlines()[-1])
        calls = 1 + sum(len(run["latencies"]) for name in ratios for run in samples[name])

    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "file cache"
    production_shaped = (database, cache) == ("PostgreSQL", "Redis")
    print(f"\nOpen API benchmark: gunicorn {args.workers} workers x {args.server_threads} threads, {args.threads} client threads, "
          f"{args.rounds} rounds of {args.seconds:g} s per endpoint, {database}, {cache}\n")  # fmt: skip
    print(
        f"{'endpoint':<12}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs bare':>9}{'target':>8}"
    )
    failed = False
    for name, runs_of_name in samples.items():
        rps = statistics.median(run["rps"] for run in runs_of_name)
        latencies = sorted(value for run in runs_of_name for value in run["latencies"])
        errors = sum(int(run["errors"]) for run in runs_of_name)
        ratio = statistics.median(ratios[name]) if name in ratios else 1.0
        target = TARGETS.get(name) if production_shaped else None
        missed = target is not None and (ratio < target or errors > 0)
        failed = failed or missed
        print(
            f"{name:<12}{len(latencies):>10}{rps:>10.0f}{percentile(latencies, 0.50):>9.1f}{percentile(latencies, 0.99):>9.1f}"
            f"{errors:>8}{ratio:>8.0%} {('' if target is None else f'>={target:.0%}'):>7}{'  MISSED' if missed else ''}"
        )
    print(f"\nLog History: {recorded} calls recorded of {calls} made (shop-info and token responses received)")
    if recorded != calls:
        print("  MISSED: every call must be recorded")
        failed = True
    print("\nreq/s: median over the rounds; vs bare: median of each round's ratio to the bare runs around it.")
    for name, values in ratios.items():
        print(f"{name} ratio per round: " + ", ".join(f"{value:.0%}" for value in values))
    if not production_shaped:
        print("Targets are checked on PostgreSQL + Redis: set DATABASE_URL and REDIS_URL (see the docstring).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
