"""Which of a partner's apps a post touches: those that called its endpoints in the
last 30 days, from Log History (`calllogs.selectors.apps_calling`).

Log History records the OpenAPI document's path key of each call, so an app
counts as touched when it called a path the post names, whatever the method.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apps_mgmt.models import App
from apps_mgmt.notices import AppNotice
from calllogs.selectors import apps_calling
from partners.models import Partner

from .models import Post
from .selectors import published_posts

WINDOW = dt.timedelta(days=30)


@dataclass(frozen=True)
class AffectedApp:
    app: App
    endpoints: list[str]  # the post's endpoints whose path the app called


def affected_apps(
    *, partner: Partner, posts: Iterable[Post], now: dt.datetime | None = None
) -> dict[int, list[AffectedApp]]:
    """Post id -> the partner's apps that called its endpoints lately: one look at the
    logs for all the posts together."""
    posts = [post for post in posts if post.endpoints]
    templates = sorted({template for post in posts for template in post.path_templates})
    if not templates:
        return {}
    apps = list(App.objects.filter(partner=partner, status__in=App.OCCUPYING_STATUSES).order_by("name", "fs_id"))
    return _touched(apps, posts, templates, now)


def affected_apps_by_partner(*, post: Post, partners: Iterable[Partner]) -> dict[int, list[AffectedApp]]:
    """Partner id -> its apps that called the post's endpoints lately, for many partners
    in one look at the logs (the publish emails)."""
    if not post.endpoints:
        return {}
    apps = list(
        App.objects.filter(partner__in=list(partners), status__in=App.OCCUPYING_STATUSES).order_by("name", "fs_id")
    )
    found: dict[int, list[AffectedApp]] = {}
    for hit in _touched(apps, [post], post.path_templates, None).get(post.pk, []):
        found.setdefault(hit.app.partner_id, []).append(hit)
    return found


def _touched(
    apps: list[App], posts: list[Post], templates: list[str], now: dt.datetime | None
) -> dict[int, list[AffectedApp]]:
    if not apps:
        return {}
    called = apps_calling(apps=apps, path_templates=templates, since=(now or timezone.now()) - WINDOW)
    found: dict[int, list[AffectedApp]] = {}
    for post in posts:
        for app in apps:
            paths = called.get(app.pk, set())
            endpoints = [endpoint for endpoint in post.endpoints if endpoint.split(" ", 1)[-1] in paths]
            if endpoints:
                found.setdefault(post.pk, []).append(AffectedApp(app, endpoints))
    return found


def deprecation_notices(app: App) -> list[AppNotice]:
    """The app's page lists each deprecation it is touched by, until its effective date passes."""
    posts = [
        post
        for post in published_posts(category=Post.Category.DEPRECATION).filter(effective_date__gte=timezone.localdate())
        if post.endpoints
    ]
    if not posts:
        return []
    templates = sorted({template for post in posts for template in post.path_templates})
    touched = _touched([app], posts, templates, None)
    return [
        AppNotice(
            title=f"Deprecation: {post.title}",
            text=(
                f"This app called {', '.join(hit.endpoints)} in the last 30 days; "
                f"the deprecation takes effect on {date_format(post.effective_date, 'j M Y')}."
            ),
            link_text="Read the post",
            url=reverse("news:detail", args=[post.pk]),
        )
        for post in posts
        for hit in touched.get(post.pk, [])
    ]
