"""The audit log and the Team page as they grow: 100 against 10,000 events, 1 against 50 members.

    .venv/bin/python benchmarks/audit_log.py [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/audit_log.py

Runs the real views in this process (Django's test client) on a scratch
database: a temporary SQLite file, or with DATABASE_URL naming PostgreSQL a
database created on that server for the run and dropped after (the one named
is not touched). Prints the median time of each page at both sizes, their
ratio, and the time and peak Python memory of a CSV export of 10,000 events.
Budgets: each audit log page at 10,000 events within 2x its time at 100 (its
queries are the same; the page shows 50 events either way), and the export's
peak memory under 5 MB (it streams). The Team page shows every member, so its
time grows with them (its queries don't): shown without a verdict.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.scratch import median_seconds, scratch_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with scratch_django():
        run(args.runs)


def run(runs: int) -> None:
    from django.db import connection
    from django.test import Client

    from accounts.tests.factories import UserFactory
    from apps_mgmt.models import App
    from audit.models import AuditEvent
    from partners.models import Partner, PartnerMember
    from partners.tests.factories import PartnerFactory

    partner = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Bench")
    fs_ids = [App.objects.create(partner=partner, fs_id=90_000_000 + n, client_id=f"bench-{n}").fs_id for n in range(5)]
    client = Client()
    client.force_login(partner.super_admin)

    def add_events(count: int) -> None:
        AuditEvent.objects.bulk_create(
            (
                AuditEvent(
                    action="app.ip_whitelist_update",
                    actor=partner.super_admin,
                    actor_type="user",
                    actor_label=partner.super_admin.email,
                    partner=partner,
                    fs_id=fs_ids[n % 5],
                    target_type="apps_mgmt.app",
                    target_id=str(n),
                    changes={"ip_whitelist": [[], [f"203.0.113.{n % 250}"]]},
                )
                for n in range(count)
            ),
            batch_size=2000,
        )

    def page(path: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(path)
            assert response.status_code == 200, response.status_code
            return response

        return get

    audit, filtered = "/team/audit/", f"/team/audit/?app={fs_ids[2]}&page=3"
    add_events(100)
    small = {path: median_seconds(page(path), runs) for path in (audit, filtered, "/team/")}
    add_events(9_900)
    members = UserFactory.create_batch(49)
    PartnerMember.objects.bulk_create(PartnerMember(partner=partner, user=user, role="developer") for user in members)
    large = {path: median_seconds(page(path), runs) for path in (audit, filtered, "/team/")}

    tracemalloc.start()
    started = time.perf_counter()
    rows = sum(chunk.count(b"\n") for chunk in client.get("/team/audit/export.csv").streaming_content)
    export_seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"database: {connection.vendor}; median of {runs} runs; the machine may be shared, compare the ratios")
    labels = {audit: "audit log", filtered: "audit log, one app, page 3", "/team/": "team page"}
    sizes = {audit: "100 -> 10,000 events", filtered: "100 -> 10,000 events", "/team/": "1 -> 50 members"}
    ok = True
    for path, label in labels.items():
        ratio = large[path] / small[path]
        ok = ok and (ratio <= 2 or path == "/team/")
        print(
            f"{label:28} {sizes[path]:22} {small[path] * 1000:7.1f} ms -> {large[path] * 1000:7.1f} ms  x{ratio:4.2f}"
        )
    rate = (rows - 1) / export_seconds
    print(
        f"{'CSV export':28} {rows - 1:,} rows {export_seconds:13.2f} s ({rate:,.0f} rows/s), peak {peak / 1e6:.1f} MB"
    )
    ok = ok and peak < 5e6
    print("OK" if ok else "OVER BUDGET")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
