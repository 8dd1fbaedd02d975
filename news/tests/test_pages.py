"""What partners see: the News link with its unread count, the list with category
filters, a post (which then counts as read), email settings, and the Atom feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory, UserFactory
from news import services
from news.models import Post
from partners.models import Partner
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member

from .factories import write_post

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def sam():
    return StaffFactory()


@pytest.fixture
def acme() -> Partner:
    return PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme", super_admin__email="alice@acme.co.id")


@pytest.fixture
def alice(client: Client, acme: Partner) -> Client:
    client.force_login(acme.super_admin)
    return client


def _nav_news(html: str) -> str:
    match = re.search(r'<a href="/news/"[^>]*>(.*?)</a>', html, re.S)
    assert match, "no News link in the navigation"
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_the_navigation_counts_unread_posts_until_each_is_opened(sam, alice: Client) -> None:
    assert _nav_news(alice.get("/").content.decode()) == "News"
    first = write_post(actor=sam, publish=True, title="First")
    write_post(actor=sam, publish=True, title="Second")
    write_post(actor=sam, title="A draft nobody sees")
    assert _nav_news(alice.get("/").content.decode()) == "News 2 unread"
    page = alice.get("/news/").content.decode()
    assert page.count('class="badge badge-info">Unread') == 2 and "A draft nobody sees" not in page
    assert "First" in alice.get(f"/news/{first.pk}/").content.decode()
    assert _nav_news(alice.get("/").content.decode()) == "News 1 unread"
    alice.post("/news/read-all/")
    assert _nav_news(alice.get("/news/").content.decode()) == "News"


def test_posts_from_before_a_person_joined_dont_count_as_unread(sam, acme: Partner) -> None:
    write_post(actor=sam, publish=True)
    Post.objects.update(published_at=acme.super_admin.date_joined - dt.timedelta(days=1))
    client = Client()
    client.force_login(acme.super_admin)
    assert _nav_news(client.get("/").content.decode()) == "News"
    assert "Order list answers faster" in client.get("/news/").content.decode()


def test_the_list_filters_by_category(sam, alice: Client) -> None:
    write_post(actor=sam, publish=True, title="Retiring the old list", category=Post.Category.DEPRECATION)
    write_post(actor=sam, publish=True, title="Night maintenance", category=Post.Category.MAINTENANCE, endpoints=[])
    page = alice.get("/news/?category=deprecation").content.decode()
    assert "Retiring the old list" in page and "Night maintenance" not in page
    assert re.search(r'href="\?category=deprecation" aria-current="page">Deprecation<', page)
    everything = alice.get("/news/?category=nonsense").content.decode()
    assert "Retiring the old list" in everything and "Night maintenance" in everything


def test_a_post_shows_its_endpoints_sanitized_body_and_corrections(sam, alice: Client) -> None:
    post = write_post(actor=sam, publish=True, body="Use [the docs](javascript:alert(1)) <b onclick=x>now</b>")
    services.post_correct(
        post=post,
        actor=sam,
        note="The endpoint answers in 100 ms, not 10.",
        title=post.title,
        endpoints=post.endpoints,
        effective_date=post.effective_date,
        body=post.body + "\n\nFixed.",
    )
    page = alice.get(f"/news/{post.pk}/").content.decode()
    assert "GET /v2/order/list" in page
    assert "Corrected" in page and "The endpoint answers in 100 ms, not 10." in page
    assert 'href="javascript' not in page and "<b onclick" not in page and "&lt;b onclick=x&gt;" in page


def test_drafts_and_scheduled_posts_are_not_found(sam, alice: Client) -> None:
    draft = write_post(actor=sam)
    assert alice.get(f"/news/{draft.pk}/").status_code == 404


def test_the_news_page_keeps_a_flat_number_of_queries(sam, alice: Client, django_assert_max_num_queries) -> None:
    write_post(actor=sam, publish=True)
    with django_assert_max_num_queries(12) as one:
        alice.get("/news/")
    for n in range(15):
        write_post(actor=sam, publish=True, title=f"Post {n}", category=Post.Category.NEW_FEATURE)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert alice.get("/news/").status_code == 200


def test_email_settings_turn_off_a_category_but_not_incidents(alice: Client, acme: Partner) -> None:
    page = alice.get("/news/email/").content.decode()
    assert "As an Owner or Admin you are emailed" in page
    assert re.search(r'<input type="checkbox" id="always-\d" checked disabled[^>]*> <label[^>]*>Incident<', page)
    response = alice.post("/news/email/", {"emailed": ["endpoint_update", "maintenance"]}, follow=True)
    assert "Your news emails are saved." in response.content.decode()
    assert set(acme.super_admin.news_opt_outs.values_list("category", flat=True)) == {"new_feature"}
    page = alice.get("/news/email/").content.decode()
    assert re.search(r'value="new_feature"(?![^>]*checked)[^>]*>', page)
    assert re.search(r'value="maintenance"[^>]*checked', page)


def test_a_viewer_is_told_news_goes_to_owners_and_admins(acme: Partner, client: Client) -> None:
    client.force_login(add_member(acme, role=Role.VIEWER).user)
    assert "Your role doesn't receive it" in client.get("/news/email/").content.decode()


def _entries(feed: bytes) -> list[ET.Element]:
    return ET.fromstring(feed).findall(f"{ATOM}entry")  # noqa: S314 (the console's own feed, in a test)


def test_the_atom_feed_is_public_and_lists_published_posts(sam, client: Client) -> None:
    post = write_post(actor=sam, publish=True, category=Post.Category.DEPRECATION, title="Old list retires")
    write_post(actor=sam, title="Draft")
    response = client.get("/news/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    [entry] = _entries(response.content)
    assert entry.findtext(f"{ATOM}title") == "Deprecation: Old list retires"
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/news/{post.pk}/")
    assert "GET /v2/order/list" in entry.findtext(f"{ATOM}summary")
    assert entry.find(f"{ATOM}category").get("term") == "Deprecation"
    assert _entries(client.get("/news/feed/?category=incident").content) == []


def test_the_news_page_links_its_feed(alice: Client) -> None:
    page = alice.get("/news/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="/news/feed/"' in page


def test_someone_without_a_partner_reads_news_but_has_no_email_settings(sam, client: Client) -> None:
    write_post(actor=sam, publish=True)
    client.force_login(UserFactory())
    page = client.get("/news/").content.decode()
    assert "Order list answers faster" in page and "Email settings" not in page
    assert client.get("/news/email/").status_code == 404
