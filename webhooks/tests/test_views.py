"""Webhook Settings as Alice (owner), Bob (viewer) and Charlie (outsider) see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from openapi.tests.helpers import Setup
from partners.models import PartnerMember
from partners.tests.factories import add_member
from webhooks import services
from webhooks.events import URL_FIELDS
from webhooks.models import Delivery

from .receiver import Receiver

pytestmark = pytest.mark.django_db


def page(fs_id: int) -> str:
    return f"/apps/{fs_id}/webhooks/"


@pytest.fixture
def alice_client(client: Client, alice: Setup) -> Client:
    client.force_login(alice.app.partner.super_admin)
    return client


@pytest.fixture
def bob(alice: Setup) -> Client:
    viewer = Client()
    viewer.force_login(add_member(alice.app.partner, role=PartnerMember.Role.VIEWER, first_name="Bob").user)
    return viewer


def save_urls(client: Client, fs_id: int, **urls: str) -> Any:
    return client.post(page(fs_id), {field: urls.get(field, "") for field in URL_FIELDS.values()})


def test_the_apps_menu_links_webhook_settings(alice_client: Client, alice: Setup) -> None:
    html = alice_client.get(f"/apps/{alice.app.fs_id}/auth/").content.decode()
    assert f'href="{page(alice.app.fs_id)}"' in html
    assert "Webhook Settings" in html


def test_alice_saves_urls_and_gets_a_secret_generated(alice_client: Client, alice: Setup, hook: Receiver) -> None:
    response = save_urls(alice_client, alice.app.fs_id, order_status_url=hook.url)
    assert response.status_code == 302
    html = alice_client.get(page(alice.app.fs_id)).content.decode()
    assert hook.url in html
    assert "Webhook URLs saved" in html
    assert alice.app.webhook_secret.hint in html


def test_a_refused_url_is_shown_at_its_field_and_nothing_is_lost(
    alice_client: Client, alice: Setup, settings: Any
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    response = save_urls(
        alice_client, alice.app.fs_id, order_status_url="http://10.0.0.5/hook", chat_notification_url="ftp://x"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "is a private address" in html
    assert "Use an http:// or https:// URL." in html
    assert 'value="http://10.0.0.5/hook"' in html


def test_alice_sets_her_own_secret_and_sees_it_once_with_its_whsec_key(alice_client: Client, alice: Setup) -> None:
    response = alice_client.post(f"{page(alice.app.fs_id)}secret/", {"secret": "alices-own-secret-123456"})
    # A redirect, so a reload changes nothing; the page it leads to shows the secret this once.
    assert response.status_code == 302 and response["Location"] == page(alice.app.fs_id)
    response = alice_client.get(response["Location"])
    html = response.content.decode()
    assert 'value="alices-own-secret-123456"' in html
    assert "whsec_" in html
    assert "no-store" in response["Cache-Control"]
    assert 'value="alices-own-secret-123456"' not in alice_client.get(page(alice.app.fs_id)).content.decode()


def test_a_short_secret_is_refused_with_what_to_do(alice_client: Client, alice: Setup) -> None:
    response = alice_client.post(f"{page(alice.app.fs_id)}secret/", {"secret": "short"})
    assert response.status_code == 400
    assert "at least 16 characters" in response.content.decode()


def test_send_test_event_lands_in_the_delivery_log_with_its_response(
    alice_client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    save_urls(alice_client, alice.app.fs_id, order_status_url=hook.url)
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(f"{page(alice.app.fs_id)}test/", {"event": "order_status"})
    delivery = Delivery.objects.get(app=alice.app)
    assert response["Location"] == f"{page(alice.app.fs_id)}deliveries/{delivery.webhook_id}/"
    assert hook.wait_for(1)[0].headers["webhook-id"] == delivery.webhook_id
    detail = alice_client.get(response["Location"]).content.decode()
    assert "Delivered" in detail and "200" in detail and "ok" in detail
    listing = alice_client.get(f"{page(alice.app.fs_id)}deliveries/?event=order_status&status=sent").content.decode()
    assert delivery.webhook_id in listing


def test_redeliver_sends_again_with_the_same_webhook_id(
    alice_client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    save_urls(alice_client, alice.app.fs_id, order_status_url=hook.url)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(f"{page(alice.app.fs_id)}test/", {"event": "order_status"})
    delivery = Delivery.objects.get(app=alice.app)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(f"{page(alice.app.fs_id)}deliveries/{delivery.webhook_id}/redeliver/")
    received = hook.wait_for(2)
    assert [got.headers["webhook-id"] for got in received] == [delivery.webhook_id] * 2
    assert delivery.attempts.count() == 2


def test_recover_sends_every_failed_delivery_again(
    alice_client: Client, alice: Setup, hook: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    def refuse(handler: Any) -> None:
        handler.send_response(500)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    hook.answer = refuse
    save_urls(alice_client, alice.app.fs_id, order_status_url=hook.url)
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(f"{page(alice.app.fs_id)}test/", {"event": "order_status"})
    delivery = Delivery.objects.select_related("message").get(app=alice.app)
    assert (delivery.message.status, delivery.message.last_error) == ("pending", "HTTP 500")
    delivery.message.status = "failed"
    delivery.message.save()
    hook.answer = None
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(f"{page(alice.app.fs_id)}deliveries/recover/", {"since": "2020-01-01T00:00"})
    assert response.status_code == 302
    delivery.message.refresh_from_db()
    assert delivery.message.status == "sent"


def test_bob_the_viewer_sees_urls_and_deliveries_but_no_secret_and_sends_nothing(
    alice: Setup, bob: Client, hook: Receiver
) -> None:
    services.webhook_endpoints_register(
        app=alice.app, urls={"order_status": hook.url}, secret="alice-secret-0123456789", actor=None
    )
    html = bob.get(page(alice.app.fs_id)).content.decode()
    assert hook.url in html
    assert "6789" not in html and "whsec_" not in html
    assert "Viewers don't see the webhook secret" in html
    # A member is told which roles may (403); outsiders get a 404.
    assert bob.post(f"{page(alice.app.fs_id)}secret/reveal/").status_code == 403
    assert bob.post(f"{page(alice.app.fs_id)}test/", {"event": "order_status"}).status_code == 403
    assert save_urls(bob, alice.app.fs_id).status_code == 403
    assert bob.get(f"{page(alice.app.fs_id)}deliveries/").status_code == 200
    assert hook.received == []


def test_charlie_the_outsider_gets_404_everywhere(alice: Setup, charlie: Setup, hook: Receiver) -> None:
    outsider = Client()
    outsider.force_login(charlie.app.partner.super_admin)
    services.webhook_endpoints_register(app=alice.app, urls={"order_status": hook.url}, actor=None)
    fs_id = alice.app.fs_id
    assert outsider.get(page(fs_id)).status_code == 404
    assert outsider.get(f"{page(fs_id)}deliveries/").status_code == 404
    assert outsider.post(f"{page(fs_id)}test/", {"event": "order_status"}).status_code == 404


def test_the_pages_keep_a_flat_number_of_queries(
    alice_client: Client, alice: Setup, hook: Receiver, django_assert_max_num_queries: Any
) -> None:
    services.webhook_endpoints_register(
        app=alice.app, urls={event: hook.url for event in URL_FIELDS}, secret="alice-secret-0123456789", actor=None
    )
    for _ in range(30):
        services.webhook_event_fire(app=alice.app, event="order_status", payload={"n": 1})
    with django_assert_max_num_queries(16):
        assert alice_client.get(page(alice.app.fs_id)).status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(f"{page(alice.app.fs_id)}deliveries/").status_code == 200
