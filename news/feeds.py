"""The Atom feed of the deployment's news, for a team's own feed reader (public:
posts are the same for every partner and name nothing of theirs)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from . import selectors
from .models import Post

FEED_SIZE = 50


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> str | None:
        category = request.GET.get("category", "")
        return category if category in Post.Category.values else None

    def title(self, category: str | None) -> str:
        suffix = f": {Post.Category(category).label}" if category else ""
        return gettext("{platform} API news").format(platform=settings.PLATFORM_NAME) + suffix

    def subtitle(self, category: str | None) -> str:
        return gettext("New features, endpoint updates, deprecations, incidents and maintenance of the Open API.")

    def link(self, category: str | None) -> str:
        return reverse("news:list") + (f"?category={category}" if category else "")

    def items(self, category: str | None) -> list[Post]:
        return list(selectors.published_posts(category=category).prefetch_related("corrections")[:FEED_SIZE])

    def item_title(self, item: Post) -> str:
        corrected = " (corrected)" if item.corrected_at else ""
        return f"{item.get_category_display()}: {item.title}{corrected}"

    def item_description(self, item: Post) -> str:
        # body_html was sanitized when written; the template escapes everything else.
        return render_to_string("news/_feed_entry.html", {"post": item, "corrections": list(item.corrections.all())})

    def item_link(self, item: Post) -> str:
        return reverse("news:detail", args=[item.pk])

    def item_pubdate(self, item: Post) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Post) -> dt.datetime | None:
        return item.corrected_at or item.published_at

    def item_categories(self, item: Post) -> list[str]:
        return [item.get_category_display()]
