"""The news email: one function; its labels and date are rendered in each reader's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from console.lib.mail import queue_email
from partners.models import PartnerMember

from .affected import AffectedApp
from .models import Post


def post_published(*, post: Post, member: PartnerMember, affected: list[AffectedApp]) -> None:
    """To one Owner or Admin, so that each member's opt-outs (and, later, language) apply."""
    queue_email(
        template="news_published",
        to=[member.user.email],
        context={
            "title": post.title,
            "category": Post.Category(post.category).label,
            "always_sent": post.category in Post.ALWAYS_EMAILED,
            "effective_date": post.effective_date,
            "endpoints": list(post.endpoints),
            "body": post.body,
            "body_html": post.body_html,
            "company": str(member.partner),
            "apps": [
                {"name": hit.app.name, "fs_id": hit.app.fs_id, "endpoints": ", ".join(hit.endpoints)}
                for hit in affected
            ],
            "url": settings.SITE_URL + reverse("news:detail", args=[post.pk]),
            "preferences_url": settings.SITE_URL + reverse("news:preferences"),
        },
    )
