"""Open API throughput next to a bare JSON view, on gunicorn over loopback.

    make bench            (or .venv/bin/python benchmarks/run.py [--seconds 5])

Serves the console with DEBUG off (a temporary SQLite database unless
DATABASE_URL is set; REDIS_URL used when set) on sync gunicorn workers (two
per CPU, as in production) and loads it from this process with one client
thread per worker (a sync worker closes the connection after each response;
the clients reconnect). Each endpoint is compared with
GET /bench/bare (a minimal JSON view behind the same middleware, measured in
the same run). Targets: shop-info >= 50% of the bare view's throughput,
POST /token >= 40%. Exits 1 when a target is missed.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8105"))
TARGETS = {"shop-info": 0.50, "token": 0.40}

SETUP = """
import json
from apps_mgmt.services import app_create
from accounts.models import User
from registration.models import Partner
from shops.models import Shop, ShopLink
user, _ = User.objects.get_or_create(email="bench@example.com")
partner = Partner.objects.create(company_name="Bench", super_admin=user, status="active", member_type="seller")
issued = app_create(partner=partner, name="Bench", description="", actor=None)
shop = Shop.objects.create(shop_id=777000 + partner.pk, name="Bench shop", domain=f"bench-{partner.pk}",
    tier="official_store", owner_id=1, owner_email="owner@example.com")
ShopLink.objects.create(partner=partner, app=issued.app, shop=shop, status="active")
print(json.dumps({"client_id": issued.app.client_id, "secret": issued.client_secret,
    "fs_id": issued.app.fs_id, "shop_id": shop.shop_id}))
"""


def server_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "OPENAPI_BENCH_VIEW": "1",
            "OPENAPI_RATE_LIMIT": str(10**9),
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(tmp / "media"),
            "EMAIL_FILE_PATH": str(tmp / "mail"),
        }
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    return env


def load(method: str, path: str, headers: dict[str, str], seconds: float, threads: int) -> dict[str, float]:
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
    every = sorted(value for own in latencies for value in own)
    if not every:
        return {"rps": 0.0, "p50": 0.0, "p99": 0.0, "n": 0, "errors": sum(errors)}
    return {
        "rps": len(every) / elapsed,
        "p50": statistics.median(every) * 1000,
        "p99": every[min(len(every) - 1, int(len(every) * 0.99))] * 1000,
        "n": len(every),
        "errors": sum(errors),
    }


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
    parser.add_argument("--seconds", type=float, default=5.0, help="Load time per endpoint.")
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

    with tempfile.TemporaryDirectory(prefix="console-bench-") as tmpdir:
        tmp = Path(tmpdir)
        env = server_env(tmp)
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
            results = {}
            bare_runs = []
            for name in ["bare", "shop-info", "bare", "token", "bare"]:
                method, path, headers = runs[name]
                result = load(method, path, headers, args.seconds, args.threads)
                if name == "bare":
                    bare_runs.append(result)
                results[name] = result
        finally:
            server.terminate()
            server.wait(timeout=30)

    bare_rps = statistics.mean(run["rps"] for run in bare_runs)
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache = "Redis" if env.get("REDIS_URL") else "file cache"
    print(f"\nOpen API benchmark: gunicorn {args.workers} workers x {args.server_threads} threads, {args.threads} client threads, "
          f"{args.seconds:.0f} s each, {database}, {cache}\n")  # fmt: skip
    print(
        f"{'endpoint':<12}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs bare':>9}{'target':>8}"
    )
    failed = False
    for name in ["bare", "shop-info", "token"]:
        result = results[name]
        rps = bare_rps if name == "bare" else result["rps"]
        ratio = rps / bare_rps if bare_rps else 0.0
        target = TARGETS.get(name)
        missed = target is not None and (ratio < target or result["errors"] > 0)
        failed = failed or missed
        print(
            f"{name:<12}{result['n']:>10}{rps:>10.0f}{result['p50']:>9.1f}{result['p99']:>9.1f}{result['errors']:>8}"
            f"{ratio:>8.0%} {('' if target is None else f'>={target:.0%}'):>7}{'  MISSED' if missed else ''}"
        )
    print("\nbare: mean of three runs (before, between and after the others).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
