"""API news: posts staff write about the Open API, and what each reader has read or muted."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Post(models.Model):
    """A news post: drafted by staff, maybe scheduled, then published to every partner."""

    class Category(models.TextChoices):
        NEW_FEATURE = "new_feature", _("New feature")
        ENDPOINT_UPDATE = "endpoint_update", _("Endpoint update")
        DEPRECATION = "deprecation", _("Deprecation")
        INCIDENT = "incident", _("Incident")
        MAINTENANCE = "maintenance", _("Maintenance")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    # Each transition is a service in news/services.py. A published post is
    # never unpublished: partners were emailed; it can only be corrected.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {
        Status.DRAFT: frozenset({Status.SCHEDULED, Status.PUBLISHED}),
        Status.SCHEDULED: frozenset({Status.DRAFT, Status.PUBLISHED}),
        Status.PUBLISHED: frozenset(),
    }
    # Partners can't turn these emails off: they may break an integration.
    ALWAYS_EMAILED: ClassVar[frozenset[str]] = frozenset({Category.INCIDENT, Category.DEPRECATION})

    title = models.CharField(max_length=200)
    category = models.CharField(max_length=32, choices=Category.choices)
    # Operations of the OpenAPI document, as "GET /v2/order/list" (method, path key).
    endpoints = models.JSONField(default=list, blank=True)
    effective_date = models.DateField(help_text=_("When the change takes effect (for a deprecation: when it stops)."))
    body = models.TextField(help_text=_("Markdown."))
    # The body rendered and sanitized when it was written (news/markdown.py).
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    publish_at = models.DateTimeField(null=True, blank=True, help_text=_("When a scheduled post is published."))
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"], name="news_post_due")]

    def __str__(self) -> str:
        return self.title

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """Drafts and scheduled posts are edited freely; a published one only through a correction."""
        return self.status != self.Status.PUBLISHED

    @property
    def path_templates(self) -> list[str]:
        """The OpenAPI path keys the post names, once each (what Log History records)."""
        return sorted({endpoint.split(" ", 1)[-1] for endpoint in self.endpoints})


class Correction(models.Model):
    """A change to a published post, shown with it: what was said before and why it changed."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="corrections")
    note = models.CharField(max_length=500, help_text=_("What was corrected, as partners read it."))
    # The post's title, body, endpoints and effective date before this correction.
    before = models.JSONField(default=dict)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["corrected_at", "id"]

    def __str__(self) -> str:
        return f"Correction of {self.post}: {self.note}"


class PostRead(models.Model):
    """A person opened a post: it no longer counts as unread for them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="news_read_once")]

    def __str__(self) -> str:
        return f"{self.user} read {self.post}"


class Reader(models.Model):
    """A person's place in the news: posts published before `all_read_at` count as read
    ("Mark all as read"). Without a row, posts from before they joined count as read."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_reader")
    all_read_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user}: all read at {self.all_read_at:%Y-%m-%d %H:%M}"


class EmailOptOut(models.Model):
    """A member turned off emails of one category (never incidents or deprecations)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="news_opt_outs")
    category = models.CharField(max_length=32, choices=Post.Category.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="news_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user}: no {self.get_category_display()} emails"
