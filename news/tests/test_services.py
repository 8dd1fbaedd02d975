"""Staff write, schedule, publish and correct posts; each active partner's Owners and
Admins are emailed through the outbox unless they turned the category off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from audit.models import AuditEvent
from news import services
from news.models import Correction, EmailOptOut, Post
from news.selectors import email_recipients
from news.tasks import publish_due_posts
from outbox.models import Message
from partners.models import Partner
from partners.permissions import NotAllowed
from partners.roles import Role
from partners.tests.factories import PartnerFactory, add_member
from shops.tests.helpers import mails

from .factories import write_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam():
    return StaffFactory()


@pytest.fixture
def acme() -> Partner:
    return PartnerFactory(status=Partner.Status.ACTIVE, company_name="Acme", super_admin__email="alice@acme.co.id")


def _emails() -> list[Message]:
    return list(Message.objects.filter(channel="email").order_by("id"))


def test_only_staff_write_news(acme: Partner) -> None:
    with pytest.raises(NotAllowed):
        write_post(actor=acme.super_admin)
    assert Post.objects.count() == 0


def test_a_draft_is_rendered_and_audited_but_emails_nobody(sam, acme: Partner) -> None:
    post = write_post(actor=sam, body="Hello <script>alert(1)</script> **world**")
    assert post.status == Post.Status.DRAFT
    assert "<strong>world</strong>" in post.body_html and "<script" not in post.body_html
    assert _emails() == []
    assert AuditEvent.objects.filter(action="news.create", actor=sam, target_id=str(post.pk)).exists()


def test_publishing_emails_the_owners_and_admins_of_active_partners(
    sam, acme: Partner, django_capture_on_commit_callbacks
) -> None:
    bob = add_member(acme, role=Role.ADMIN, email="bob@acme.co.id")
    add_member(acme, role=Role.DEVELOPER, email="dev@acme.co.id")
    add_member(acme, role=Role.VIEWER, email="viewer@acme.co.id")
    PartnerFactory(status=Partner.Status.SUBMITTED, super_admin__email="waiting@example.com")
    post = write_post(actor=sam, category=Post.Category.DEPRECATION, title="GET /v2/order/list retires")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_publish(post=post, actor=sam)
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.published_at is not None
    sent = {mail.to: mail for mail in mails()}
    assert set(sent) == {"alice@acme.co.id", bob.user.email}
    mail = sent["alice@acme.co.id"]
    assert mail.subject.endswith("Deprecation: GET /v2/order/list retires")
    assert "GET /v2/order/list" in mail.text and f"/news/{post.pk}/" in mail.text
    assert "<strong>order list</strong>" in mail.html
    event = AuditEvent.objects.get(action="news.publish")
    assert event.actor == sam and event.data["emailed"] == 2


def test_a_member_who_turned_a_category_off_is_not_emailed_it(sam, acme: Partner) -> None:
    alice = acme.super_admin
    member = alice.partner_memberships.get()
    services.email_preferences_set(member=member, actor=alice, muted={Post.Category.NEW_FEATURE})
    feature = write_post(actor=sam, category=Post.Category.NEW_FEATURE)
    assert email_recipients(feature) == []
    services.post_publish(post=feature, actor=sam)
    assert _emails() == []
    update = write_post(actor=sam, category=Post.Category.ENDPOINT_UPDATE)
    assert [m.user for m in email_recipients(update)] == [alice]


def test_incidents_and_deprecations_cant_be_turned_off(sam, acme: Partner) -> None:
    alice = acme.super_admin
    member = alice.partner_memberships.get()
    services.email_preferences_set(
        member=member, actor=alice, muted={Post.Category.INCIDENT, Post.Category.DEPRECATION, Post.Category.MAINTENANCE}
    )
    assert set(EmailOptOut.objects.values_list("category", flat=True)) == {Post.Category.MAINTENANCE}
    EmailOptOut.objects.create(user=alice, category=Post.Category.INCIDENT)  # even a row written by hand
    incident = write_post(actor=sam, category=Post.Category.INCIDENT, title="Order list errors")
    assert [m.user for m in email_recipients(incident)] == [alice]
    event = AuditEvent.objects.get(action="news.email_preferences")
    assert event.partner == acme and event.changes == {"muted": [[], ["maintenance"]]}


def test_a_member_sets_only_their_own_preferences(acme: Partner) -> None:
    bob = add_member(acme, role=Role.ADMIN)
    with pytest.raises(NotAllowed):
        services.email_preferences_set(member=bob, actor=acme.super_admin, muted={Post.Category.NEW_FEATURE})
    with pytest.raises(NotAllowed):
        services.email_preferences_set(member=bob, actor=UserFactory(), muted={Post.Category.NEW_FEATURE})
    assert EmailOptOut.objects.count() == 0


def test_a_scheduled_post_appears_at_its_time_not_before(sam, acme: Partner) -> None:
    now = timezone.now()
    post = write_post(actor=sam)
    services.post_schedule(post=post, actor=sam, publish_at=now + dt.timedelta(minutes=30), now=now)
    assert services.posts_publish_due(now=now + dt.timedelta(minutes=29)) == 0
    post.refresh_from_db()
    assert post.status == Post.Status.SCHEDULED and post.published_at is None and _emails() == []
    assert services.posts_publish_due(now=now + dt.timedelta(minutes=30)) == 1
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.published_at == now + dt.timedelta(minutes=30)
    assert len(_emails()) == 1
    assert AuditEvent.objects.get(action="news.publish").actor is None  # the console did it
    assert services.posts_publish_due(now=now + dt.timedelta(hours=1)) == 0  # once


def test_the_periodic_task_publishes_what_is_due(sam) -> None:
    post = write_post(actor=sam)
    services.post_schedule(post=post, actor=sam, publish_at=timezone.now() + dt.timedelta(seconds=1))
    Post.objects.filter(pk=post.pk).update(publish_at=timezone.now() - dt.timedelta(seconds=1))
    assert publish_due_posts.delay().get() == 1
    assert Post.objects.get(pk=post.pk).is_published


def test_it_refuses_a_schedule_in_the_past_and_a_second_publication(sam) -> None:
    post = write_post(actor=sam)
    with pytest.raises(services.PostRefused):
        services.post_schedule(post=post, actor=sam, publish_at=timezone.now() - dt.timedelta(minutes=1))
    services.post_publish(post=post, actor=sam)
    with pytest.raises(services.PostRefused):
        services.post_publish(post=post, actor=sam)
    with pytest.raises(services.PostRefused):
        services.post_schedule(post=post, actor=sam, publish_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(services.PostRefused, match="correct it instead"):
        services.post_update(post=post, actor=sam, title="x", category=post.category, endpoints=[],
                             effective_date=post.effective_date, body="x")  # fmt: skip
    with pytest.raises(services.PostRefused):
        services.post_delete(post=post, actor=sam)


def test_unscheduling_goes_back_to_draft(sam) -> None:
    post = write_post(actor=sam)
    services.post_schedule(post=post, actor=sam, publish_at=timezone.now() + dt.timedelta(days=1))
    post = services.post_unschedule(post=post, actor=sam)
    assert post.status == Post.Status.DRAFT and post.publish_at is None
    assert services.posts_publish_due(now=timezone.now() + dt.timedelta(days=2)) == 0


def test_a_correction_keeps_what_was_said_and_emails_nobody_again(sam, acme: Partner) -> None:
    post = write_post(actor=sam, publish=True, effective_date=dt.date(2027, 2, 1))
    before = Message.objects.count()
    correction = services.post_correct(
        post=post,
        actor=sam,
        note="The effective date is 1 March, not 1 February.",
        title=post.title,
        endpoints=post.endpoints,
        effective_date=dt.date(2027, 3, 1),
        body=post.body,
    )
    post.refresh_from_db()
    assert post.effective_date == dt.date(2027, 3, 1) and post.corrected_at == correction.corrected_at
    assert correction.before["effective_date"] == "2027-02-01"
    assert Message.objects.count() == before
    event = AuditEvent.objects.get(action="news.correct")
    assert event.changes == {"effective_date": ["2027-02-01", "2027-03-01"]}


def test_a_correction_must_say_why_and_change_something(sam) -> None:
    post = write_post(actor=sam, publish=True)
    same = {"title": post.title, "endpoints": post.endpoints, "effective_date": post.effective_date, "body": post.body}
    with pytest.raises(services.PostRefused, match="Say what"):
        services.post_correct(post=post, actor=sam, note="  ", **{**same, "title": "New"})
    with pytest.raises(services.PostRefused, match="Nothing changed"):
        services.post_correct(post=post, actor=sam, note="Typo", **same)
    assert Correction.objects.count() == 0
    draft = write_post(actor=sam)
    with pytest.raises(services.PostRefused):
        services.post_correct(post=draft, actor=sam, note="Typo", **{**same, "title": "New"})
