"""News as it grows: the News page and the navigation's unread count at 20 and at 2,000
published posts (with a reader who has opened half of them), and publishing a post to
100 and to 400 Owners and Admins.

    .venv/bin/python benchmarks/news.py [--runs 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/news.py

Runs the real views and services in this process on a scratch database (benchmarks/scratch.py). Budgets: the News
page at 2,000 posts within 2x its time at 20 (it shows 20 either way; the
unread count is one query over an index), and publishing costs about the same
per recipient at 400 as at 100 (within 1.5x: one email rendered and written per
recipient, nothing that grows with the number already written).
"""

from __future__ import annotations

import argparse
import sys
import time
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
    import datetime as dt

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    from accounts.tests.factories import StaffFactory
    from news.models import Post, PostRead
    from news.services import post_create, post_publish
    from outbox.models import Message
    from partners.models import Partner, PartnerMember
    from partners.tests.factories import PartnerFactory, add_member

    sam = StaffFactory()
    reader = PartnerFactory(status=Partner.Status.ACTIVE, company_name="Reader")
    reader.super_admin.date_joined = timezone.now() - dt.timedelta(days=3650)
    reader.super_admin.save(update_fields=["date_joined"])
    client = Client()
    client.force_login(reader.super_admin)

    def add_posts(count: int) -> None:
        start = timezone.now() - dt.timedelta(days=365)
        posts = Post.objects.bulk_create(
            Post(
                title=f"Post {n}",
                category=Post.Category.values[n % 5],
                endpoints=["GET /v2/order/list"],
                effective_date=dt.date(2027, 1, 1),
                body="Text",
                body_html="<p>Text</p>",
                status=Post.Status.PUBLISHED,
                published_at=start + dt.timedelta(minutes=n),
            )
            for n in range(count)
        )
        PostRead.objects.bulk_create(PostRead(post=post, user=reader.super_admin) for post in posts[::2])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE news_post, news_postread")  # as autovacuum would after a bulk load

    def news_page() -> object:
        response = client.get("/news/")
        assert response.status_code == 200, response.status_code
        return response

    add_posts(20)
    small = median_seconds(news_page, runs)
    add_posts(1_980)
    large = median_seconds(news_page, runs)

    def publish_to(partners: int) -> float:
        """Seconds per recipient of one post_publish, Owner and Admin of each partner."""
        Partner.objects.update(status=Partner.Status.DRAFT)
        for _ in range(partners):
            add_member(PartnerFactory(status=Partner.Status.ACTIVE), role=PartnerMember.Role.ADMIN)
        post = post_create(
            actor=sam,
            title="Bench",
            category=Post.Category.DEPRECATION,
            endpoints=["GET /v2/order/list"],
            effective_date=dt.date(2027, 1, 1),
            body="A **deprecation**.",
        )
        before = Message.objects.count()
        started = time.perf_counter()
        post_publish(post=post, actor=sam)
        seconds = time.perf_counter() - started
        sent = Message.objects.count() - before
        assert sent == 2 * partners, sent
        return seconds / sent

    publish_to(1)  # warm templates and the Markdown renderer
    few, many = publish_to(50), publish_to(200)

    print(f"database: {connection.vendor}; median of {runs} runs; the machine may be shared, compare the ratios")
    page_ratio, publish_ratio = large / small, many / few
    print(
        f"{'News page':28} {'20 -> 2,000 posts':22} {small * 1000:7.1f} ms -> {large * 1000:7.1f} ms  x{page_ratio:4.2f}"
    )
    print(
        f"{'publish, per recipient':28} {'100 -> 400 recipients':22} {few * 1000:7.2f} ms -> {many * 1000:7.2f} ms"
        f"  x{publish_ratio:4.2f}"
    )
    ok = page_ratio <= 2 and publish_ratio <= 1.5
    print("OK" if ok else "OVER BUDGET")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
