"""Reads of the news: what partners see, what is unread, who is emailed."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from accounts.models import User
from partners.models import Partner, PartnerMember
from partners.roles import Role

from .models import EmailOptOut, Post, PostRead, Reader


def published_posts(*, category: str | None = None) -> QuerySet[Post]:
    posts = Post.objects.filter(status=Post.Status.PUBLISHED)
    if category:
        posts = posts.filter(category=category)
    return posts.order_by("-published_at", "-id")


def _unread(user: User) -> Q:
    """Published after the reader's floor (their "mark all as read", else when they
    joined) and never opened: one condition, so a count or a list is one query."""
    floor = Coalesce(Subquery(Reader.objects.filter(user=user).values("all_read_at")[:1]), Value(user.date_joined))
    return Q(published_at__gt=floor) & Q(~Exists(PostRead.objects.filter(post=OuterRef("pk"), user=user)))


def posts_for_reader(user: User, *, category: str | None = None) -> QuerySet[Post]:
    """Published posts, newest first, each with `unread` for this reader."""
    return published_posts(category=category).annotate(
        unread=Case(When(_unread(user), then=Value(True)), default=Value(False), output_field=BooleanField())
    )


def unread_count(user: User) -> int:
    return published_posts().filter(_unread(user)).count()


def post_for_reader(pk: int) -> Post | None:
    return published_posts().filter(pk=pk).prefetch_related("corrections").first()


def muted_categories(user: User) -> set[str]:
    return set(EmailOptOut.objects.filter(user=user).values_list("category", flat=True))


def email_recipients(post: Post) -> list[PartnerMember]:
    """The Owners and Admins of every active partner, less those who turned the post's
    category off (never for incidents and deprecations)."""
    members = PartnerMember.objects.filter(
        role__in=[Role.OWNER, Role.ADMIN], partner__status=Partner.Status.ACTIVE, user__is_active=True
    )
    if post.category not in Post.ALWAYS_EMAILED:
        members = members.exclude(user__news_opt_outs__category=post.category)
    return list(members.select_related("user", "partner").order_by("partner_id", "id"))


def staff_posts() -> QuerySet[Post]:
    """Every post for the staff page: drafts and scheduled ones first, then the published."""
    order = Case(
        When(status=Post.Status.DRAFT, then=Value(0)), When(status=Post.Status.SCHEDULED, then=Value(1)), default=2
    )
    return Post.objects.select_related("created_by").order_by(order, "-published_at", "-updated_at", "-id")
