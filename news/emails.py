"""The news email: one function, context kept JSON-safe."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from console.lib.mail import queue_email
from partners.models import PartnerMember

from .models import Post


def post_published(*, post: Post, member: PartnerMember) -> None:
    """To one Owner or Admin, so that each member's opt-outs (and, later, language) apply."""
    queue_email(
        template="news_published",
        to=[member.user.email],
        context={
            "title": post.title,
            "category": post.get_category_display(),
            "always_sent": post.category in Post.ALWAYS_EMAILED,
            "effective_date": post.effective_date.strftime("%d %b %Y"),
            "endpoints": list(post.endpoints),
            "body": post.body,
            "body_html": post.body_html,
            "company": str(member.partner),
            "url": settings.SITE_URL + reverse("news:detail", args=[post.pk]),
            "preferences_url": settings.SITE_URL + reverse("news:preferences"),
        },
    )
