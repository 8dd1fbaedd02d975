"""Every write of the news: staff draft, schedule, publish and correct posts; readers
mark them read and choose which are emailed. Keyword-only, in a transaction, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from audit.services import audit_changes, audit_record
from console.lib.errors import DomainError
from partners.models import PartnerMember
from partners.permissions import NotAllowed, member_authorize
from partners.roles import Permission

from . import emails, selectors
from .affected import affected_apps_by_partner
from .markdown import render_markdown
from .models import Correction, EmailOptOut, Post, PostRead, Reader


class PostRefused(DomainError):
    """A post can't make that change in its state."""


def _require_staff(actor: User | None) -> None:
    # None is the console itself (the periodic task); anyone else must be staff.
    if actor is not None and not actor.is_staff:
        raise NotAllowed(gettext("Only the marketplace's staff write news."))


def _snapshot(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "category": post.category,
        "endpoints": list(post.endpoints),
        "effective_date": post.effective_date.isoformat() if post.effective_date else None,
        "body": post.body,
    }


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update().get(pk=post.pk)


def post_create(
    *,
    actor: User | None,
    title: str,
    category: str,
    endpoints: list[str],
    effective_date: dt.date,
    body: str,
) -> Post:
    """A new draft: nobody outside staff sees it until it is published."""
    _require_staff(actor)
    with transaction.atomic():
        post = Post.objects.create(
            title=title,
            category=category,
            endpoints=sorted(set(endpoints)),
            effective_date=effective_date,
            body=body,
            body_html=render_markdown(body),
            created_by=actor,
        )
        audit_record(actor=actor, action="news.create", target=post, data={"title": title, "category": category})
    return post


def post_update(
    *,
    post: Post,
    actor: User | None,
    title: str,
    category: str,
    endpoints: list[str],
    effective_date: dt.date,
    body: str,
) -> Post:
    """Edit a draft or a scheduled post. A published one is changed only by `post_correct`."""
    _require_staff(actor)
    with transaction.atomic():
        post = _locked(post)
        if not post.is_editable:
            raise PostRefused(gettext("This post is published: correct it instead, so partners see what changed."))
        before = _snapshot(post)
        post.title, post.category, post.endpoints = title, category, sorted(set(endpoints))
        post.effective_date, post.body, post.body_html = effective_date, body, render_markdown(body)
        post.save()
        audit_record(actor=actor, action="news.update", target=post, changes=audit_changes(before, _snapshot(post)))
    return post


def post_schedule(*, post: Post, actor: User | None, publish_at: dt.datetime, now: dt.datetime | None = None) -> Post:
    """Publish the post at `publish_at` (the periodic task does it), not before."""
    _require_staff(actor)
    now = now or timezone.now()
    if publish_at <= now:
        raise PostRefused(gettext("Choose a time in the future, or publish the post now."))
    with transaction.atomic():
        post = _locked(post)
        if post.status != Post.Status.SCHEDULED and not post.can_become(Post.Status.SCHEDULED):
            raise PostRefused(gettext("This post is already published."))
        before = {"status": post.status, "publish_at": post.publish_at.isoformat() if post.publish_at else None}
        post.status, post.publish_at = Post.Status.SCHEDULED, publish_at
        post.save(update_fields=["status", "publish_at", "updated_at"])
        after = {"status": post.status, "publish_at": publish_at.isoformat()}
        audit_record(actor=actor, action="news.schedule", target=post, changes=audit_changes(before, after))
    return post


def post_unschedule(*, post: Post, actor: User | None) -> Post:
    """Back to draft: the scheduled time is forgotten."""
    _require_staff(actor)
    with transaction.atomic():
        post = _locked(post)
        if post.status != Post.Status.SCHEDULED:
            raise PostRefused(gettext("Only a scheduled post can go back to draft."))
        post.status, post.publish_at = Post.Status.DRAFT, None
        post.save(update_fields=["status", "publish_at", "updated_at"])
        audit_record(actor=actor, action="news.unschedule", target=post)
    return post


def post_delete(*, post: Post, actor: User | None) -> None:
    """Throw away a post nobody outside staff has seen."""
    _require_staff(actor)
    with transaction.atomic():
        post = _locked(post)
        if post.is_published:
            raise PostRefused(gettext("A published post stays: partners were told of it. Correct it instead."))
        audit_record(actor=actor, action="news.delete", target=post, data={"title": post.title})
        post.delete()


def post_publish(*, post: Post, actor: User | None, now: dt.datetime | None = None) -> Post:
    """Publish now: partners see it, and each active partner's Owners and Admins are
    emailed (unless they turned the category off), in this transaction."""
    _require_staff(actor)
    with transaction.atomic():
        post = _locked(post)
        if not post.can_become(Post.Status.PUBLISHED):
            raise PostRefused(gettext("This post is already published."))
        post.status, post.published_at = Post.Status.PUBLISHED, now or timezone.now()
        post.save(update_fields=["status", "published_at", "updated_at"])
        recipients = selectors.email_recipients(post)
        touched = affected_apps_by_partner(post=post, partners={member.partner for member in recipients})
        for member in recipients:
            emails.post_published(post=post, member=member, affected=touched.get(member.partner_id, []))
        audit_record(
            actor=actor,
            action="news.publish",
            target=post,
            data={"title": post.title, "category": post.category, "emailed": len(recipients)},
        )
    return post


def posts_publish_due(*, now: dt.datetime | None = None) -> int:
    """Publish every scheduled post whose time has come (the periodic task). Each in its
    own transaction; a post another worker is publishing is left to it."""
    now = now or timezone.now()
    published = 0
    for pk in Post.objects.filter(status=Post.Status.SCHEDULED, publish_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            post = Post.objects.select_for_update(skip_locked=True).filter(pk=pk, status=Post.Status.SCHEDULED).first()
            if post is None:
                continue
            post_publish(post=post, actor=None, now=now)
            published += 1
    return published


def post_correct(
    *,
    post: Post,
    actor: User | None,
    note: str,
    title: str,
    endpoints: list[str],
    effective_date: dt.date,
    body: str,
    now: dt.datetime | None = None,
) -> Correction:
    """Change a published post. The post says it was corrected, when, and why; what it
    said before is kept. Nobody is emailed again (the category can't change)."""
    _require_staff(actor)
    note = note.strip()
    if not note:
        raise PostRefused(gettext("Say what was corrected: partners read it with the post."))
    with transaction.atomic():
        post = _locked(post)
        if not post.is_published:
            raise PostRefused(gettext("Only a published post is corrected; edit this one instead."))
        before = _snapshot(post)
        post.title, post.endpoints, post.effective_date = title, sorted(set(endpoints)), effective_date
        post.body, post.body_html = body, render_markdown(body)
        post.corrected_at = now or timezone.now()
        post.save()
        after = _snapshot(post)
        if after == before:
            raise PostRefused(gettext("Nothing changed: a correction changes the title, endpoints, date or text."))
        correction = Correction.objects.create(
            post=post, note=note, before=before, corrected_by=actor, corrected_at=post.corrected_at
        )
        audit_record(
            actor=actor, action="news.correct", target=post, data={"note": note}, changes=audit_changes(before, after)
        )
    return correction


def post_mark_read(*, post: Post, user: User) -> None:
    """The reader opened the post (idempotent; not audited: it changes nothing anyone else sees)."""
    PostRead.objects.bulk_create([PostRead(post=post, user=user)], ignore_conflicts=True)


def posts_mark_all_read(*, user: User, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    Reader.objects.update_or_create(user=user, defaults={"all_read_at": now})


def email_preferences_set(*, member: PartnerMember, actor: User, muted: set[str]) -> None:
    """Which categories of news `member` is no longer emailed. Incidents and
    deprecations are always sent, whatever is asked."""
    member_authorize(actor=actor, partner=member.partner, need=Permission.VIEW)
    if actor.pk != member.user_id:
        raise NotAllowed(gettext("Each member chooses their own news emails."))
    muted = {category for category in muted if category in Post.Category.values} - Post.ALWAYS_EMAILED
    with transaction.atomic():
        before = set(EmailOptOut.objects.filter(user=actor).values_list("category", flat=True))
        if before == muted:
            return
        EmailOptOut.objects.filter(user=actor).exclude(category__in=muted).delete()
        EmailOptOut.objects.bulk_create(
            [EmailOptOut(user=actor, category=category) for category in sorted(muted - before)]
        )
        audit_record(
            actor=actor,
            action="news.email_preferences",
            target=member,
            partner=member.partner,
            changes=audit_changes({"muted": sorted(before)}, {"muted": sorted(muted)}),
        )
