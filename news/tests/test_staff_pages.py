"""Staff write the news in the console: draft, preview, schedule, publish, correct."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import StaffFactory
from news.models import Correction, Post

from .factories import write_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(client: Client) -> Client:
    client.force_login(StaffFactory())
    return client


FORM = {
    "title": "GET /v2/order/list is retired",
    "category": "deprecation",
    "endpoints": ["GET /v2/order/list"],
    "effective_date": "2027-03-01",
    "body": "Use `GET /v2/fs/{fs_id}/order` instead.\n\n<script>alert(1)</script>",
}


def test_the_form_offers_the_openapi_documents_endpoints(sam: Client) -> None:
    page = sam.get("/staff/news/new/").content.decode()
    for endpoint in (
        "GET /v2/order/list",
        "POST /v1/order/{order_id}/fs/{fs_id}/ack",
        "GET /v1/shop/fs/{fs_id}/shop-info",
    ):
        assert f'value="{endpoint}"' in page
    assert "Order" in page and "Shop" in page  # grouped by the document's tags


def test_sam_drafts_a_deprecation_and_publishes_it(sam: Client) -> None:
    response = sam.post("/staff/news/new/", FORM, follow=True)
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT and post.endpoints == ["GET /v2/order/list"]
    page = response.content.decode()
    assert "Draft saved" in page and "<code>GET /v2/fs/{fs_id}/order</code>" in page
    assert "<script>alert" not in page
    response = sam.post(f"/staff/news/{post.pk}/publish/", follow=True)
    assert "Published." in response.content.decode()
    post.refresh_from_db()
    assert post.is_published
    assert sam.get(f"/staff/news/{post.pk}/edit/")["Location"] == f"/staff/news/{post.pk}/correct/"


def test_a_deprecation_must_name_endpoints_and_unknown_ones_are_refused(sam: Client) -> None:
    response = sam.post("/staff/news/new/", {**FORM, "endpoints": []})
    assert response.status_code == 400
    assert "A deprecation names the endpoints it retires." in response.content.decode()
    response = sam.post("/staff/news/new/", {**FORM, "endpoints": ["GET /v9/nothing"]})
    assert response.status_code == 400 and Post.objects.count() == 0


def test_sam_schedules_a_post_in_the_future_only(sam: Client) -> None:
    post = write_post()
    past = timezone.localtime() - dt.timedelta(hours=1)
    response = sam.post(f"/staff/news/{post.pk}/schedule/", {"publish_at": past.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 400 and "Choose a time in the future" in response.content.decode()
    future = timezone.localtime() + dt.timedelta(days=1)
    response = sam.post(
        f"/staff/news/{post.pk}/schedule/", {"publish_at": future.strftime("%Y-%m-%dT%H:%M")}, follow=True
    )
    assert "Scheduled." in response.content.decode()
    post.refresh_from_db()
    assert post.status == Post.Status.SCHEDULED
    assert post.publish_at == future.replace(second=0, microsecond=0)
    sam.post(f"/staff/news/{post.pk}/unschedule/")
    assert Post.objects.get().status == Post.Status.DRAFT


def test_sam_corrects_a_published_post(sam: Client) -> None:
    post = write_post(publish=True)
    page = sam.get(f"/staff/news/{post.pk}/correct/").content.decode()
    assert "Correct a published post" in page and "What was corrected" in page
    form = {**FORM, "title": post.title, "effective_date": "2027-04-01", "body": post.body}
    assert sam.post(f"/staff/news/{post.pk}/correct/", form).status_code == 400  # no note
    response = sam.post(f"/staff/news/{post.pk}/correct/", {**form, "note": "It is 1 April."}, follow=True)
    assert "Correction published" in response.content.decode()
    post.refresh_from_db()
    assert post.category == Post.Category.ENDPOINT_UPDATE  # a correction doesn't change the category
    assert post.effective_date == dt.date(2027, 4, 1) and Correction.objects.get().note == "It is 1 April."


def test_sam_deletes_a_draft(sam: Client) -> None:
    post = write_post()
    response = sam.post(f"/staff/news/{post.pk}/delete/", follow=True)
    assert "Deleted the draft" in response.content.decode() and Post.objects.count() == 0


def test_the_staff_list_keeps_a_flat_number_of_queries(sam: Client, django_assert_max_num_queries) -> None:
    write_post()
    with django_assert_max_num_queries(12) as one:
        sam.get("/staff/news/")
    for n in range(10):
        write_post(title=f"Post {n}", publish=n % 2 == 0)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert sam.get("/staff/news/").status_code == 200
