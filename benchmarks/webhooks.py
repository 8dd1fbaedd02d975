"""Webhook delivery throughput from the outbox, next to a bare sending loop.

    make bench      (or DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python benchmarks/webhooks.py)

A loopback receiver runs in its own process (HTTP/1.1 keep-alive, TCP_NODELAY,
answers 200 at once); a second one accepts connections and never answers.
Celery workers run as production runs them, against a scratch PostgreSQL
database (dropped afterwards) and a private redis-server (started and stopped
here; the shared one is not touched). Measured in one run, on this machine:

1. bare: the sender's own loop (webhooks.sender.post with the same signing),
   one thread, no database, no Celery: the baseline.
2. backlog: 10,000 deliveries over 8 endpoints, queued before the workers
   start; rate from the first to the last delivery's arrival at the receiver.
   Targets: >= 40% of bare and >= 300/s.
3. latency: single changes committed one at a time with no backlog; from the
   commit to the delivery's arrival. Target: p50 < 100 ms.
4. half dead: the same backlog with 4 of the 8 endpoints never answering
   (15 s timeout); the healthy endpoints' rate. Target: >= 80% of (2).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.run import scratch_database  # noqa: E402

PYTHON = sys.executable
BACKLOG = 10_000
ENDPOINTS = 8
SECRET = "bench-webhook-secret-0123456789"


# --- The receivers (run as their own processes) ---------------------------------


def serve_receiver(port: int) -> None:
    arrivals: dict[str, list[float]] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            now = time.time()
            with lock:
                arrivals.setdefault(self.headers.get("webhook-id", ""), []).append(now)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def do_GET(self) -> None:
            with lock:
                body = json.dumps(arrivals).encode()
                if self.path == "/reset":
                    arrivals.clear()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.request_queue_size = 512
    server.serve_forever()


def serve_black_hole(port: int) -> None:
    """Accepts connections and never answers: an endpoint that times out."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(512)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)


# --- The run ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_port(port: int) -> None:
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def arrivals(port: int, reset: bool = False) -> dict[str, list[float]]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{'reset' if reset else 'stats'}", timeout=30) as answer:
        return dict(json.loads(answer.read()))


def make_apps(urls: list[str]) -> list[Any]:
    from accounts.models import User
    from apps_mgmt.services import app_create
    from partners.models import Partner
    from webhooks.services import webhook_endpoints_register

    apps = []
    for number, url in enumerate(urls):
        user = User.objects.create(email=f"bench{number}-{time.time_ns()}@example.com")
        partner = Partner.objects.create(company_name=f"Bench {number}", super_admin=user, status="active")
        app = app_create(partner=partner, name=f"Bench {number}", description="", actor=None).app
        webhook_endpoints_register(app=app, urls={"order_status": url}, secret=SECRET, actor=None)
        apps.append(app)
    return apps


def queue_backlog(apps: list[Any], count: int) -> list[str]:
    """The rows webhook_event_fire writes, bulk-inserted: the backlog is the setting, not the measure."""
    from django.db import transaction

    from outbox.models import Message
    from webhooks import signing
    from webhooks.models import Delivery, Endpoint

    endpoints = {endpoint.app_id: endpoint for endpoint in Endpoint.objects.filter(app__in=apps, event="order_status")}
    ids = []
    for start in range(0, count, 2000):
        numbers = range(start, min(count, start + 2000))
        with transaction.atomic():
            messages = Message.objects.bulk_create(
                Message(
                    channel="webhook",
                    key=endpoints[apps[number % len(apps)].pk].outbox_key,
                    payload={"body": json.dumps({"fs_id": apps[number % len(apps)].fs_id, "order_id": number,
                                                 "order_status": 400, "product_details": []})},
                )
                for number in numbers
            )  # fmt: skip
            deliveries = Delivery.objects.bulk_create(
                Delivery(
                    message=message,
                    app=apps[number % len(apps)],
                    endpoint=endpoints[apps[number % len(apps)].pk],
                    event="order_status",
                    url=endpoints[apps[number % len(apps)].pk].url,
                    webhook_id=signing.new_webhook_id(),
                )
                for number, message in zip(numbers, messages, strict=True)
            )
        ids += [delivery.webhook_id for delivery in deliveries]
    return ids


def bare_loop(url: str, count: int) -> float:
    from webhooks import sender, signing

    body = json.dumps({"fs_id": 1, "order_id": 1, "order_status": 400, "product_details": []}).encode()
    started = time.perf_counter()
    for number in range(count):
        headers = signing.headers(
            body=body, secrets=[SECRET], webhook_id=f"msg_bare{number}", timestamp=int(time.time())
        )
        answer = sender.post(url, body, headers)
        assert answer.status == 200, answer
    return count / (time.perf_counter() - started)


def start_workers(env: dict[str, str], processes: int, tmp: Path) -> subprocess.Popen[bytes]:
    command = [
        PYTHON, "-m", "celery", "-A", "console", "worker", "--beat", "--loglevel=WARNING",
        f"--schedule={tmp / 'beat'}", "--pool=prefork", f"--concurrency={processes}",
    ]  # fmt: skip
    log = (tmp / "worker.log").open("ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def stop(process: subprocess.Popen[bytes]) -> None:
    import signal

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def drain_rate(port: int, ids: list[str], timeout: float) -> tuple[float, int]:
    """Deliveries per second of `ids` at the receiver, first arrival to last; and the duplicates."""
    wanted = set(ids)
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = arrivals(port)
        if wanted <= set(got):
            break
        time.sleep(0.5)
    else:
        raise RuntimeError(f"only {len(wanted & set(got))} of {len(wanted)} delivered in {timeout:g} s")
    times = sorted(min(got[webhook_id]) for webhook_id in wanted)
    duplicates = sum(len(got[webhook_id]) - 1 for webhook_id in wanted)
    return (len(times) - 1) / (times[-1] - times[0]), duplicates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--black-hole", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--backlog", type=int, default=BACKLOG)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="Celery worker processes.")
    args = parser.parse_args()
    if args.receiver:
        serve_receiver(args.receiver)
        return 0
    if args.black_hole:
        serve_black_hole(args.black_hole)
        return 0
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("Webhook benchmark: skipped, it measures the production shape (set DATABASE_URL to PostgreSQL).")
        return 0

    good_port, dead_port, redis_port = free_port(), free_port(), free_port()
    helpers = [
        subprocess.Popen([PYTHON, __file__, "--receiver", str(good_port)]),
        subprocess.Popen([PYTHON, __file__, "--black-hole", str(dead_port)]),
        subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        ),
    ]
    try:
        for port in (good_port, dead_port, redis_port):
            wait_port(port)
        with tempfile.TemporaryDirectory(prefix="console-bench-") as tmpdir, scratch_database(Path(tmpdir)) as url:
            return run(args, Path(tmpdir), url, good_port, dead_port, redis_port)
    finally:
        for helper in helpers:
            helper.kill()


def run(args: argparse.Namespace, tmp: Path, url: str, good: int, dead: int, redis_port: int) -> int:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": url,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "WEBHOOK_ALLOW_PRIVATE_TARGETS": "1",
            "LOG_LEVEL": "WARNING",
            "EMAIL_FILE_PATH": str(tmp / "mail"),
            "DJANGO_SETTINGS_MODULE": "console.settings",
        }
    )
    os.environ.update(env)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    healthy = [f"http://127.0.0.1:{good}/hooks/{n}" for n in range(ENDPOINTS)]
    bare_url = f"http://127.0.0.1:{good}/bare"
    bare = statistics.median(bare_loop(bare_url, 2000) for _ in range(3))

    # 2. The backlog, all endpoints healthy.
    apps = make_apps(healthy)
    ids = queue_backlog(apps, args.backlog)
    arrivals(good, reset=True)
    workers = start_workers(env, args.workers, tmp)
    try:
        rate, duplicates = drain_rate(good, ids, 300)
        # 3. Latency from commit to arrival with no backlog.
        latencies = commit_to_arrival(apps[0], good, 60)
    finally:
        stop(workers)
    bare_after = bare_loop(bare_url, 2000)

    # 4. Half the endpoints never answer.
    mixed = make_apps(
        [f"http://127.0.0.1:{good}/mixed/{n}" for n in range(ENDPOINTS // 2)]
        + [f"http://127.0.0.1:{dead}/dead/{n}" for n in range(ENDPOINTS // 2)]
    )
    mixed_ids = queue_backlog(mixed, args.backlog)
    healthy_ids = [webhook_id for number, webhook_id in enumerate(mixed_ids) if number % ENDPOINTS < ENDPOINTS // 2]
    arrivals(good, reset=True)
    workers = start_workers(env, args.workers, tmp)
    try:
        half_rate, half_duplicates = drain_rate(good, healthy_ids, 300)
    finally:
        stop(workers)

    baseline = (bare + bare_after) / 2
    p50 = statistics.median(latencies)
    checks = [
        ("backlog vs bare", rate / baseline, 0.40, f"{rate:.0f}/s vs {baseline:.0f}/s"),
        ("backlog rate", rate, 300, f"{rate:.0f}/s"),
        ("commit to arrival p50", 0.100 / max(p50, 1e-9), 1.0, f"{p50 * 1000:.1f} ms (p90 {quantile(latencies, 0.9) * 1000:.1f} ms)"),
        ("healthy with half dead", half_rate / rate, 0.80, f"{half_rate:.0f}/s vs {rate:.0f}/s"),
    ]  # fmt: skip
    print(
        f"\nWebhook benchmark: {args.backlog} deliveries over {ENDPOINTS} endpoints, {args.workers} Celery worker "
        f"processes x {os.environ.get('OUTBOX_SENDERS', '32')} senders, PostgreSQL, Redis; the machine is shared.\n"
    )
    print(f"bare loop (one thread, same client and signing): {bare:.0f}/s before, {bare_after:.0f}/s after")
    print(f"duplicates by webhook-id: {duplicates} (backlog), {half_duplicates} (half dead)\n")
    failed = False
    for name, value, target, shown in checks:
        ok = value >= target
        failed = failed or not ok
        print(f"{name:<26}{shown:<40}{'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


def quantile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def commit_to_arrival(app: Any, port: int, count: int) -> list[float]:
    from django.db import transaction

    from webhooks.services import webhook_event_fire

    time.sleep(2)  # the workers are idle
    committed: dict[str, float] = {}
    for number in range(count):
        moment: list[float] = []
        with transaction.atomic():
            # Registered first, so it runs first after COMMIT, before the nudge.
            transaction.on_commit(lambda moment=moment: moment.append(time.time()))
            delivery = webhook_event_fire(app=app, event="order_status", payload={"order_id": number})
        committed[delivery.webhook_id] = moment[0]
        time.sleep(0.05)
    deadline = time.time() + 30
    while time.time() < deadline:
        got = arrivals(port)
        if set(committed) <= set(got):
            break
        time.sleep(0.2)
    return [min(got[webhook_id]) - at for webhook_id, at in committed.items() if webhook_id in got]


if __name__ == "__main__":
    sys.exit(main())
