"""Nothing sent is lost: a worker killed with SIGKILL, a broker that is down.

Real processes throughout: a private redis-server (the shared one is never
stopped), Celery workers in their own processes, PostgreSQL, and a webhook
receiver on loopback. Run with -s to see the counts.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from accounts.tests.factories import StaffFactory
from console.lib.mail import queue_message, read_eml
from openapi.tests.helpers import partner_with_app
from outbox.channels import email_message_id
from outbox.models import Message
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from registration.tests.conftest import submitted
from webhooks.models import Delivery
from webhooks.services import webhook_endpoints_register, webhook_event_fire
from webhooks.tests.receiver import Receiver, receiver

from .workers import broker, private_redis, worker

WEBHOOKS, EMAILS = 1000, 50


@pytest.fixture
def slow_hook(settings: Any) -> Any:
    """A receiver that takes a few milliseconds per delivery, so kills land mid-stream."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True

    def answer(handler: Any) -> None:
        time.sleep(0.004)
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    with receiver() as state:
        state.answer = answer
        yield state


def eml_ids(folder: Path) -> list[str]:
    return [str(read_eml(path)["Message-ID"]) for path in sorted(folder.glob("*.eml"))]


def wait_until(condition: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_a_worker_killed_three_times_loses_nothing(
    postgres: None, transactional_db: None, slow_hook: Receiver, tmp_path: Path
) -> None:
    setup = partner_with_app("Alice's app")
    webhook_endpoints_register(
        app=setup.app, urls={"order_status": slow_hook.url}, secret="alice-secret-0123456789", actor=None
    )
    with private_redis() as redis, broker(redis.url):
        with transaction.atomic():
            for number in range(WEBHOOKS):
                webhook_event_fire(app=setup.app, event="order_status", payload={"n": number})
            for number in range(EMAILS):
                queue_message(subject=f"Email {number}", text="Body", html=None, to=["alice@acme.co.id"])
        expected_webhooks = set(Delivery.objects.values_list("webhook_id", flat=True))
        expected_emails = {email_message_id(message) for message in Message.objects.filter(channel="email")}
        kills = []
        with worker(redis.url, tmp_path) as running:
            for threshold in (150, 450, 750):
                assert wait_until(lambda t=threshold: len(slow_hook.received) >= t, 60), "the worker stalled"
                running.kill()
                kills.append(len(slow_hook.received))
                running.start()
            delivered = wait_until(
                lambda: Message.objects.filter(status=Message.Status.SENT).count() == WEBHOOKS + EMAILS, 120
            )
        ids = Counter(got.headers["webhook-id"] for got in slow_hook.received)
        emails = Counter(eml_ids(tmp_path / "mail"))
    print(
        f"\nSIGKILL x3 at {kills} deliveries received: {len(ids)}/{WEBHOOKS} webhooks delivered, "
        f"{sum(ids.values()) - len(ids)} duplicate deliveries (same webhook-id); {len(emails)}/{EMAILS} emails, "
        f"{sum(emails.values()) - len(emails)} duplicates (same Message-ID)"
    )
    assert delivered, (tmp_path / "worker.log").read_text()[-2000:]
    assert set(ids) == expected_webhooks
    assert set(emails) == expected_emails
    # A repeat is always the same message again: nothing arrives that was not queued.
    assert all(got.headers["webhook-id"] in expected_webhooks for got in slow_hook.received)


def test_a_staff_approval_succeeds_while_the_broker_is_down_and_its_emails_leave_when_it_is_back(
    postgres: None, transactional_db: None, settings: Any, tmp_path: Path, client: Client
) -> None:
    from registration.seed import DEMO_TERMS, DEMO_TERMS_VERSION
    from registration.services import terms_publish

    terms = terms_publish(version=DEMO_TERMS_VERSION, body=DEMO_TERMS, actor=None)
    partner = submitted(PartnerFactory(company_name="", member_type=""), terms)
    client.force_login(StaffFactory())
    with private_redis() as redis, broker(redis.url), worker(redis.url, tmp_path):
        redis.stop()  # the broker goes away, with the worker still running
        started = time.monotonic()
        response = client.post(f"/staff/review/{partner.pk}/approve/")
        took = time.monotonic() - started
        partner.refresh_from_db()
        queued = list(Message.objects.filter(channel="email", status=Message.Status.PENDING))
        assert response.status_code == 302
        assert partner.status == Partner.Status.APPROVED
        assert len(queued) >= 2  # the approval, and a consent request per drafted shop
        time.sleep(2)
        assert not list((tmp_path / "mail").glob("*.eml"))  # nothing could leave yet
        redis.start()  # the broker is back on the same port
        arrived = wait_until(lambda: len(list((tmp_path / "mail").glob("*.eml"))) == len(queued), 60)
        subjects = sorted(str(read_eml(path)["Subject"]) for path in (tmp_path / "mail").glob("*.eml"))
    print(
        f"\nBroker down: approval answered {response.status_code} in {took:.2f} s; {len(subjects)}/{len(queued)} emails arrived after the broker came back"
    )
    assert arrived, (tmp_path / "worker.log").read_text()[-2000:]
    assert any("approved" in subject for subject in subjects)
    assert took < 5
