"""Log History at 10 million calls, CSV export memory, retention, and gateway ingestion.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/console .venv/bin/python benchmarks/calllogs.py
    ... benchmarks/calllogs.py --rows 1000000      (a smaller data set, for a quick look)
    ... benchmarks/calllogs.py --rebuild            (build the data set again)
    ... benchmarks/calllogs.py --only ingest        (one part: queries, export, retention, ingest)

PostgreSQL only (on SQLite the log is a plain table, not made for this).

The data set: `--rows` calls (10 million) over the 30 days up to the build,
for 100 apps, one of which makes half of them, with a realistic mix of
endpoints, shops, statuses and error codes, and its rollups. It is built in
SQL (generate_series, one day's partition at a time; not the ORM) in a
database of its own next to DATABASE_URL's, `<name>_calllogs_bench`, kept
between runs (built again with --rebuild or when --rows changes): it is the
slow part. A partner and user own the big app, so the page can be looked at
(each run prints how).

Measured, all in this one run:
- queries: the first page of every filter combination (range x status class x
  endpoint x shop, and a request id) for the big app and a small one, and the
  chart and errors by code for each range, as Log History reads them
  (calllogs.selectors): p95 per combination. Target: every one under 100 ms.
- CSV export of 1 million rows (the big app over the days that hold them), in
  a child process: rows, seconds, peak RSS. Target: under 200 MB.
- retention: a day's partition of about the data set's daily size dropped
  through calllog_retention_apply. Target: under 1 s.
- ingestion: N records (default 200,000) posted to POST /gateway/logs in JSON
  batches of 2,000 by 4 client threads against gunicorn (4 sync workers),
  until every response came back (the rows are queryable then), on a scratch
  database; then a bare COPY of the same rows into the same empty table.
  Targets: >= 20,000 records/s, and >= 40% of the bare COPY's rate.
Exits 1 when a target is missed. Prints `uptime` first: the machine is shared.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8119"))
INGEST_TOKEN = "bench-gateway-credential"

ENDPOINTS = [  # (template, method, weight in %)
    ("/v1/shop/fs/{fs_id}/shop-info", "GET", 30),
    ("/inventory/v1/fs/{fs_id}/product/info", "GET", 20),
    ("/v2/order/list", "GET", 20),
    ("/v2/fs/{fs_id}/order", "GET", 10),
    ("/token", "POST", 10),
    ("/v1/order/{order_id}/fs/{fs_id}/ack", "POST", 5),
    ("/inventory/v1/fs/{fs_id}/stock/update", "POST", 3),
    ("/v1/fs/{fs_id}/whitelist", "GET", 2),
]
STATUSES = [  # (upper bound of h % 1000, status, error code)
    (940, 200, ""),
    (960, 400, "INVALID_PARAMETER"),
    (970, 403, "RBAC_MDLW_001"),
    (980, 429, "RATE_LIMIT_EXCEEDED"),
    (990, 401, "AUTH_TOKEN_EXPIRED"),
    (995, 404, "NOT_FOUND"),
    (1000, 500, "INTERNAL_ERROR"),
]
APPS = 100
BIG_SHOPS, SMALL_SHOPS = 50, 10


def database_url(suffix: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("benchmarks/calllogs.py needs DATABASE_URL naming PostgreSQL")
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{suffix}"))


def admin_execute(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(sql)


def exists(url: str) -> bool:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "console.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def _case(expression: str, pairs: list[tuple[int, str]]) -> str:
    whens = " ".join(f"WHEN {expression} < {bound} THEN {value}" for bound, value in pairs)
    return f"CASE {whens} END"


def generate_sql(*, first: int, count: int, total: int, start: datetime, span: timedelta, big_app: int) -> str:
    """One chunk of rows n in [first, first + count): time-ordered over [start, start + span)."""
    from calllogs.storage import COLUMNS

    seconds = span.total_seconds()
    cumulative, endpoint_pairs, method_pairs = 0, [], []
    for template, method, weight in ENDPOINTS:
        cumulative += weight
        endpoint_pairs.append((cumulative, f"'{template}'"))
        method_pairs.append((cumulative, f"'{method}'"))
    h = "((n * 2654435761) % 4294967296)"  # Knuth's multiplicative hash: spread, repeatable
    e = f"({h} % 100)"
    s = f"(({h} / 100) % 1000)"
    status = _case(s, [(bound, str(code)) for bound, code, _ in STATUSES])
    error = _case(s, [(bound, f"'{code}'") for bound, _, code in STATUSES])
    app = f"CASE WHEN n % 2 = 0 THEN {big_app} ELSE {big_app} + 1 + ({h} / 7) % {APPS - 1} END"
    shop = f"CASE WHEN n % 2 = 0 THEN 1000 + ({h} / 11) % {BIG_SHOPS} ELSE 1000 + ({h} / 11) % {SMALL_SHOPS} END"
    template = _case(e, endpoint_pairs)
    values = {
        "at": f"timestamptz '{start.isoformat()}' + make_interval(secs => (n::double precision / {total}) * {seconds})",
        "app_id": app,
        "source": "'api'",
        "method": _case(e, method_pairs),
        "path_template": template,
        "path": f"replace({template}, '{{fs_id}}', (10000000 + (n % 2))::text)",
        "status": status,
        "error_code": error,
        "latency_ms": f"(5 + ({h} / 13) % 400)::double precision / 2",
        "shop_id": shop,
        "client_ip": "('10.0.' || (n % 200) || '.' || (n % 250))::inet",
        "request_id": "md5(n::text)",
        "user_agent": "'partner-sdk/1.4 (bench)'",
        "request_query": "'shop_id=' || " + shop,
        "request_headers": '\'{"Accept": "application/json", "User-Agent": "partner-sdk/1.4 (bench)"}\'',
        "request_body": "''",
        "response_headers": '\'{"Content-Type": "application/json"}\'',
        "response_body": '\'{"header": {"process_time": 0.004, "messages": "", "reason": "", "error_code": ""}, "data": {}}\'',
    }
    return (
        f"INSERT INTO calllogs_calllog ({', '.join(COLUMNS)}) SELECT {', '.join(values[c] for c in COLUMNS)} "  # noqa: S608 - the benchmark's own SQL
        f"FROM generate_series({first}, {first + count - 1}) AS n"
    )


def build(url: str, rows: int) -> None:
    print(f"building {rows:,} calls in {urlsplit(url).path.lstrip('/')} ...", flush=True)
    admin_execute(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')
    admin_execute(url, f'CREATE DATABASE "{urlsplit(url).path.lstrip("/")}"')
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    setup_django(url)
    from django.db import connection

    from accounts.models import User
    from apps_mgmt.services import app_create
    from calllogs.storage import call_storage
    from partners.models import Partner

    user = User.objects.create_user(email="bench@example.com", password="bench-password-10M")  # noqa: S106 - a scratch data set's user
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    partner = Partner.objects.create(company_name="Bench", super_admin=user, status="active", member_type="seller")
    from partners.models import PartnerMember

    PartnerMember.objects.get_or_create(partner=partner, user=user, defaults={"role": "owner"})
    big = app_create(partner=partner, name="Ten million calls", description="", actor=None).app
    end = datetime.now(UTC).replace(microsecond=0)
    start = end - timedelta(days=30)
    storage: Any = call_storage()
    storage.prepare({(start + timedelta(days=d)).date() for d in range(32)})
    days = 30
    began = time.perf_counter()
    per_day = rows // days
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        for day in range(days):
            first = day * per_day + 1
            count = per_day if day < days - 1 else rows - first + 1
            cursor.execute(
                generate_sql(first=first, count=count, total=rows, start=start, span=end - start, big_app=big.pk)
            )
            print(f"  day {day + 1}/{days}: {time.perf_counter() - began:.0f} s", flush=True)
        print("  rollups ...", flush=True)
        cursor.execute(
            """INSERT INTO calllogs_callrollup (app_id, span, bucket, calls, client_errors, server_errors, latency_ms_sum)
               SELECT app_id, s.span, CASE WHEN s.span = 60 THEN date_trunc('minute', at) ELSE date_trunc('hour', at) END,
                      count(*), count(*) FILTER (WHERE status BETWEEN 400 AND 499), count(*) FILTER (WHERE status >= 500), sum(latency_ms)
               FROM calllogs_calllog, (VALUES (60), (3600)) AS s(span) GROUP BY 1, 2, 3"""
        )
        cursor.execute(
            """INSERT INTO calllogs_errorrollup (app_id, hour, status, error_code, calls)
               SELECT app_id, date_trunc('hour', at), status, error_code, count(*) FROM calllogs_calllog
               WHERE status >= 400 GROUP BY 1, 2, 3, 4"""
        )
        cursor.execute(
            """INSERT INTO calllogs_endpointrollup (app_id, day, path_template, calls)
               SELECT app_id, (at AT TIME ZONE 'UTC')::date, path_template, count(*) FROM calllogs_calllog GROUP BY 1, 2, 3"""
        )
        cursor.execute("VACUUM (ANALYZE) calllogs_calllog")
        cursor.execute("ANALYZE calllogs_callrollup")
        cursor.execute(
            "CREATE TABLE calllogs_bench (rows bigint, big_app bigint, fs_id bigint, built_at timestamptz, seconds double precision)"
        )
        cursor.execute(
            "INSERT INTO calllogs_bench VALUES (%s, %s, %s, %s, %s)",
            [rows, big.pk, big.fs_id, end, time.perf_counter() - began],
        )
    print(f"built in {time.perf_counter() - began:.0f} s", flush=True)


def dataset(url: str) -> dict[str, Any] | None:
    import psycopg

    try:
        with psycopg.connect(url) as db:
            row = db.execute("SELECT rows, big_app, fs_id, built_at, seconds FROM calllogs_bench").fetchone()
    except psycopg.Error:
        return None
    return None if row is None else dict(zip(["rows", "big_app", "fs_id", "built_at", "seconds"], row, strict=True))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def timed(call: Any, reps: int) -> list[float]:
    call()  # warm: plan cache, buffers
    times = []
    for _ in range(reps):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return times


def bench_queries(info: dict[str, Any], reps: int) -> tuple[bool, list[str]]:
    from apps_mgmt.models import App
    from calllogs import selectors
    from calllogs.storage import LogQuery

    end = info["built_at"] + timedelta(seconds=1)
    ranges = {"1h": timedelta(hours=1), "24h": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}
    apps = {"big app": info["big_app"], "small app": info["big_app"] + 1}
    worst: list[tuple[float, str]] = []
    lines = []
    for app_name, app_id in apps.items():
        app = App(pk=app_id)
        for range_name, length in ranges.items():
            start = end - length
            chart = timed(lambda app=app, start=start: selectors.chart(app, start=start, end=end).series(), reps)
            errors = timed(lambda app=app, start=start: selectors.errors_by_code(app, start=start, end=end), reps)
            worst.append((p95(chart), f"{app_name} chart {range_name}"))
            worst.append((p95(errors), f"{app_name} errors by code {range_name}"))
            for status in (None, 2, 4, 5):
                for endpoint in ("", "/v1/shop/fs/{fs_id}/shop-info", "/v1/fs/{fs_id}/whitelist"):
                    for shop in (None, 1003):
                        query = LogQuery(
                            app_id=app_id,
                            start=start,
                            end=end,
                            status_class=status,
                            path_template=endpoint,
                            shop_id=shop,
                        )
                        times = timed(lambda query=query: selectors.log_page(query), reps)
                        label = f"{app_name} {range_name} status={status or 'any'} endpoint={endpoint.split('/')[-1] or 'any'} shop={shop or 'any'}"
                        worst.append((p95(times), label))
        rid = LogQuery(app_id=app_id, start=end - ranges["30d"], end=end, request_id="0123456789abcdef")
        worst.append((p95(timed(lambda rid=rid: selectors.log_page(rid), reps)), f"{app_name} 30d request_id"))
    worst.sort(reverse=True)
    over = [label for value, label in worst if value >= 100]
    lines.append(f"first pages and charts: {len(worst)} combinations, {reps} runs each; p95 of each:")
    values = [value for value, _ in worst]
    lines.append(f"  median {statistics.median(values):.1f} ms, slowest {values[0]:.1f} ms ({worst[0][1]})")
    lines.append("  slowest five: " + "; ".join(f"{label} {value:.1f} ms" for value, label in worst[:5]))
    lines.append(f"  over 100 ms: {len(over)}" + (f" ({', '.join(over[:10])})" if over else ""))
    return not over, lines


EXPORT_CHILD = """
import os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "console.settings")
import django; django.setup()
from datetime import datetime, timedelta
from calllogs import selectors
from calllogs.storage import LogQuery
from calllogs.views import _csv_chunks
app_id, end, days = int(sys.argv[1]), datetime.fromisoformat(sys.argv[2]), float(sys.argv[3])
query = LogQuery(app_id=app_id, start=end - timedelta(days=days), end=end)
began = time.perf_counter(); size = 0; lines = 0
for chunk in _csv_chunks(selectors.log_rows(query)):
    size += len(chunk); lines += chunk.count("\\n")
print(lines - 1, size, time.perf_counter() - began, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def bench_export(url: str, info: dict[str, Any]) -> tuple[bool, list[str]]:
    # The big app's rows over enough days for a million of them.
    per_day = info["rows"] / 2 / 30
    days = min(30.0, 1_000_000 / per_day)
    end = info["built_at"] + timedelta(seconds=1)
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    out = subprocess.run(
        [PYTHON, "-c", EXPORT_CHILD, str(info["big_app"]), end.isoformat(), str(days)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rows, size, seconds, rss = out.stdout.split()
    ok = int(rss) < 200
    return ok, [
        f"CSV export: {int(rows):,} rows ({int(size) / 1e6:.0f} MB of CSV) in {float(seconds):.1f} s "
        f"({int(rows) / float(seconds):,.0f} rows/s), peak RSS {rss} MB (target < 200 MB)"
    ]


def bench_retention(info: dict[str, Any]) -> tuple[bool, list[str]]:
    from django.conf import settings
    from django.db import connection

    from calllogs.services import calllog_retention_apply

    day = (info["built_at"] - timedelta(days=31)).date()
    rows = info["rows"] // 30
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    from calllogs.storage import call_storage

    call_storage().prepare([day])
    with connection.cursor() as cursor:
        cursor.execute(
            generate_sql(
                first=1,
                count=rows,
                total=rows,
                start=start,
                span=timedelta(days=1) - timedelta(seconds=1),
                big_app=info["big_app"],
            )
        )
    settings.LOG_RETENTION_DAYS = 30
    today = (info["built_at"]).date()
    began = time.perf_counter()
    dropped = calllog_retention_apply(today=today + timedelta(days=0))
    seconds = time.perf_counter() - began
    return seconds < 1, [
        f"retention: dropped {dropped} day partition(s) of {rows:,} rows in {seconds * 1000:.0f} ms (target < 1 s)"
    ]


def explain(info: dict[str, Any]) -> list[str]:
    from django.db import connection

    end = info["built_at"]
    sql = (
        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT id, at, status FROM calllogs_calllog "
        "WHERE app_id = %s AND at >= %s AND at < %s AND status >= 500 ORDER BY at DESC, id DESC LIMIT 51"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [info["big_app"], end - timedelta(days=1), end])
        return ["EXPLAIN of a 24-hour, 5xx first page (the big app):"] + ["  " + row[0] for row in cursor.fetchall()]


def _native_records(n: int, fs_id: int, start: datetime) -> list[dict[str, Any]]:
    records = []
    for i in range(n):
        template, method, _ = ENDPOINTS[i % len(ENDPOINTS)]
        status, code = (200, "") if i % 20 else (403, "RBAC_MDLW_001")
        records.append({
            "request_id": f"ingest-{i:09d}",
            "time": int((start + timedelta(milliseconds=i)).timestamp() * 1000),
            "fs_id": fs_id,
            "method": method,
            "path": template.replace("{fs_id}", str(fs_id)).replace("{order_id}", "7"),
            "path_template": template,
            "status": status,
            "error_code": code,
            "latency_ms": 10 + i % 90,
            "shop_id": 1000 + i % 50,
            "client_ip": "203.0.113.7",
            "user_agent": "kong/3.8",
        })  # fmt: skip
    return records


def bench_ingest(records: int, batch: int, clients: int, workers: int) -> tuple[bool, list[str]]:
    with tempfile.TemporaryDirectory(prefix="calllogs-ingest-") as tmp:
        url = database_url(f"ingest_{os.getpid()}")
        admin_execute(url, f'CREATE DATABASE "{urlsplit(url).path.lstrip("/")}"')
        try:
            return _bench_ingest(url, Path(tmp), records, batch, clients, workers)
        finally:
            admin_execute(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


def _bench_ingest(url: str, tmp: Path, records: int, batch: int, clients: int, workers: int) -> tuple[bool, list[str]]:
    import psycopg

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "k" * 50,
        "CLIENT_SECRET_HASH_KEY": "bench-hash-" + "h" * 40,
        "WEBHOOK_SECRET_KEYS": "YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDE=",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "LOG_INGEST_TOKEN": INGEST_TOKEN,
        "MEDIA_ROOT": str(tmp / "media"),
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    setup = (
        "from apps_mgmt.services import app_create; from accounts.models import User; from partners.models import Partner;"
        "u = User.objects.create(email='ingest@example.com');"
        "p = Partner.objects.create(company_name='Ingest', super_admin=u, status='active', member_type='seller');"
        "print(app_create(partner=p, name='Gateway', description='', actor=None).app.fs_id)"
    )
    out = subprocess.run([*manage, "shell", "-c", setup], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    fs_id = int(out.stdout.strip().splitlines()[-1])
    start = datetime.now(UTC) - timedelta(hours=2)
    data = _native_records(records, fs_id, start)
    bodies = [json.dumps(data[i : i + batch]).encode() for i in range(0, records, batch)]
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "console.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
         "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait(time.time() + 30)
        _post(bodies[0][:2] + b"]")  # warm every worker's imports a little
        queue = list(range(len(bodies)))
        lock = threading.Lock()
        stored = [0]
        failures = [0]

        def client() -> None:
            while True:
                with lock:
                    if not queue:
                        return
                    index = queue.pop()
                status, answer = _post(bodies[index])
                with lock:
                    if status == 200:
                        stored[0] += answer["stored"]
                    else:
                        failures[0] += 1

        threads = [threading.Thread(target=client) for _ in range(clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        http_seconds = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(30)
    with psycopg.connect(url, autocommit=True) as db:
        queryable = db.execute("SELECT count(*) FROM calllogs_calllog").fetchone()[0]  # type: ignore[index]
        db.execute("TRUNCATE calllogs_calllog, calllogs_callrollup, calllogs_errorrollup, calllogs_endpointrollup")
        # The bare COPY: the same rows, as the endpoint wrote them, straight into the same table.
        columns = ["at", "app_id", "source", "method", "path_template", "path", "status", "error_code", "latency_ms",
                   "shop_id", "client_ip", "request_id", "user_agent", "request_query", "request_headers",
                   "request_body", "response_headers", "response_body"]  # fmt: skip
        app_id = db.execute("SELECT id FROM apps_mgmt_app WHERE fs_id = %s", [fs_id]).fetchone()[0]  # type: ignore[index]
        rows = [
            (datetime.fromtimestamp(r["time"] / 1000, tz=UTC), app_id, "gateway", r["method"], r["path_template"], r["path"],
             r["status"], r["error_code"], float(r["latency_ms"]), r["shop_id"], r["client_ip"], r["request_id"],
             r["user_agent"], "", "{}", "", "{}", "")
            for r in data
        ]  # fmt: skip
        began = time.perf_counter()
        with db.cursor() as cursor, cursor.copy(f"COPY calllogs_calllog ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        copy_seconds = time.perf_counter() - began
    rate, bare = records / http_seconds, records / copy_seconds
    ok = failures[0] == 0 and queryable == records and rate >= 20_000 and rate >= 0.4 * bare
    return ok, [
        f"ingestion: {records:,} records in batches of {batch:,}, {clients} clients, gunicorn {workers} workers: "
        f"{http_seconds:.1f} s, {rate:,.0f} records/s (target >= 20,000), {queryable:,} rows queryable, {failures[0]} failed batches",
        f"bare COPY of the same rows into the same table: {copy_seconds:.1f} s, {bare:,.0f} rows/s; "
        f"ingestion at {rate / bare:.0%} of it (target >= 40%)",
    ]


def _wait(deadline: float) -> None:
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def _post(body: bytes) -> tuple[int, dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    conn.request(
        "POST", "/gateway/logs", body=body,
        headers={"Authorization": f"Bearer {INGEST_TOKEN}", "Content-Type": "application/json"},
    )  # fmt: skip
    response = conn.getresponse()
    payload = response.read()
    conn.close()
    return response.status, (json.loads(payload) if response.status == 200 else {})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--reps", type=int, default=10, help="Runs of each query (after one to warm).")
    parser.add_argument("--ingest-records", type=int, default=200_000)
    parser.add_argument("--ingest-batch", type=int, default=2_000)
    parser.add_argument("--only", choices=["queries", "export", "retention", "ingest"], action="append")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("benchmarks/calllogs.py: skipped, it measures PostgreSQL (set DATABASE_URL)")
        return 0
    parts = args.only or ["queries", "export", "retention", "ingest"]
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)
    url = database_url("calllogs_bench")
    lines: list[str] = []
    ok = True
    if {"queries", "export", "retention"} & set(parts):
        info = dataset(url) if exists(url) else None
        if args.rebuild or info is None or info["rows"] != args.rows:
            build(url, args.rows)
        else:
            setup_django(url)
        info = dataset(url)
        assert info is not None
        lines.append(
            f"data set: {info['rows']:,} calls over 30 days for {APPS} apps (half for one), built {info['built_at']:%Y-%m-%d %H:%M} UTC in {info['seconds']:.0f} s; big app fs_id {info['fs_id']}"
        )
        lines.append(
            f"  to look at it: DATABASE_URL={url} .venv/bin/python manage.py runserver, sign in as "
            f"bench@example.com (password bench-password-10M), open /apps/{info['fs_id']}/logs/"
        )
        if "queries" in parts:
            good, found = bench_queries(info, args.reps)
            ok, lines = ok and good, lines + found
            lines += explain(info)
        if "export" in parts:
            good, found = bench_export(url, info)
            ok, lines = ok and good, lines + found
        if "retention" in parts:
            good, found = bench_retention(info)
            ok, lines = ok and good, lines + found
    if "ingest" in parts:
        good, found = bench_ingest(args.ingest_records, args.ingest_batch, clients=4, workers=4)
        ok, lines = ok and good, lines + found
    print("\n" + "\n".join(lines))
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
