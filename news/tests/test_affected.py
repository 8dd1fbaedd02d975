"""Which of my apps does this touch: apps that called a post's endpoints in the last 30
days (Log History), on the News page, the post, the email and, for a deprecation, the
app's own pages until it takes effect."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from apps_mgmt.tests.factories import issue_app
from calllogs.tests.helpers import record, store, written
from news.models import Post
from openapi.tests.helpers import Setup, partner_with_app
from shops.tests.helpers import mails

from .factories import write_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(db: None) -> Setup:
    return partner_with_app("Order Sync")


@pytest.fixture
def alice_client(client: Client, alice: Setup) -> Client:
    client.force_login(alice.app.partner.super_admin)
    return client


def _call_order_list(client: Client, setup: Setup) -> None:
    now = int(time.time())
    response = Client().get(
        f"/v2/order/list?fs_id={setup.app.fs_id}&from_date={now - 3600}&to_date={now}", **setup.bearer()
    )
    assert response.status_code == 200, response.content
    assert written() >= 1


def test_the_post_lists_the_partners_apps_that_called_its_endpoints(alice: Setup, alice_client: Client) -> None:
    quiet = issue_app(alice.app.partner, name="Quiet app").app
    _call_order_list(alice_client, alice)
    post = write_post(publish=True, category=Post.Category.DEPRECATION, title="Order list retires")
    page = alice_client.get(f"/news/{post.pk}/").content.decode()
    assert "Which of your apps does this touch?" in page
    section = page.split('id="apps-heading"')[1]
    assert "Order Sync" in section and f'App ID <span class="mono">{alice.app.fs_id}</span>' in section
    assert "GET /v2/order/list" in section and quiet.name not in section
    listing = alice_client.get("/news/").content.decode()
    assert "Touches your app:</strong> Order Sync" in listing


def test_an_app_that_called_other_endpoints_or_long_ago_is_not_touched(alice: Setup, alice_client: Client) -> None:
    store(
        record(alice.app.pk, path_template="/v1/shop/fs/{fs_id}/shop-info"),
        record(alice.app.pk, path_template="/v2/order/list", at=timezone.now() - dt.timedelta(days=32)),
    )
    post = write_post(publish=True)
    page = alice_client.get(f"/news/{post.pk}/").content.decode()
    assert "None of your apps called these endpoints in the last 30 days." in page
    assert "Touches your app" not in alice_client.get("/news/").content.decode()


def test_other_partners_apps_are_never_shown(alice: Setup, client: Client) -> None:
    _call_order_list(client, alice)
    charlie = partner_with_app("Charlie's app")
    client.force_login(charlie.app.partner.super_admin)
    post = write_post(publish=True)
    page = client.get(f"/news/{post.pk}/").content.decode()
    assert "Order Sync" not in page and "None of your apps called these endpoints" in page


def test_a_deprecation_is_on_the_apps_pages_until_its_effective_date_passes(alice: Setup, alice_client: Client) -> None:
    _call_order_list(alice_client, alice)
    today = timezone.localdate()
    post = write_post(
        publish=True, category=Post.Category.DEPRECATION, title="Order list retires", effective_date=today
    )
    write_post(publish=True, category=Post.Category.ENDPOINT_UPDATE, title="Not a deprecation")
    for path in (f"/apps/{alice.app.fs_id}/auth/", f"/apps/{alice.app.fs_id}/shops/"):
        page = alice_client.get(path).content.decode()
        assert "Deprecation: Order list retires" in page and "This app called GET /v2/order/list" in page
        assert f'href="/news/{post.pk}/"' in page and "Not a deprecation" not in page
    Post.objects.filter(pk=post.pk).update(effective_date=today - dt.timedelta(days=1))
    assert "Order list retires" not in alice_client.get(f"/apps/{alice.app.fs_id}/auth/").content.decode()


def test_an_untouched_app_shows_no_deprecation(alice: Setup, alice_client: Client) -> None:
    write_post(publish=True, category=Post.Category.DEPRECATION, title="Order list retires")
    assert "Order list retires" not in alice_client.get(f"/apps/{alice.app.fs_id}/auth/").content.decode()


def test_the_email_names_the_partners_touched_apps(
    alice: Setup, alice_client: Client, django_capture_on_commit_callbacks
) -> None:
    _call_order_list(alice_client, alice)
    bystander = partner_with_app("Bystander's app")
    with django_capture_on_commit_callbacks(execute=True):
        write_post(actor=StaffFactory(), publish=True, category=Post.Category.DEPRECATION)
    sent = {mail.to: mail for mail in mails()}
    alice_mail = sent[alice.app.partner.super_admin.email]
    assert "Your app that called these endpoints in the last 30 days:" in alice_mail.text
    assert f"Order Sync (App ID {alice.app.fs_id}): GET /v2/order/list" in alice_mail.text
    assert "Order Sync" in alice_mail.html
    assert "called these endpoints" not in sent[bystander.app.partner.super_admin.email].text


def test_the_news_page_asks_the_logs_once_whatever_the_posts(
    alice: Setup, alice_client: Client, django_assert_max_num_queries
) -> None:
    _call_order_list(alice_client, alice)
    write_post(publish=True)
    with django_assert_max_num_queries(15) as one:
        alice_client.get("/news/")
    for n in range(12):
        endpoints = ["GET /v2/order/list"] if n % 2 else ["GET /v1/shop/fs/{fs_id}/shop-info"]
        write_post(publish=True, title=f"Post {n}", endpoints=endpoints)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = alice_client.get("/news/").content.decode()
    assert page.count("Touches your app:") == 7
