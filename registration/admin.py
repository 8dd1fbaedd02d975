from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from console.lib.errors import DomainError
from partners.models import Partner, PartnerDocument, PartnerMember, TermsVersion
from partners.permissions import actor_of

from . import services
from .models import ApplicationRound, CompanyChange


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MemberInline(ReadOnlyInline):
    model = PartnerMember
    fields = readonly_fields = ("user", "role", "created_at")


class RoundInline(ReadOnlyInline):
    model = ApplicationRound
    fields = readonly_fields = (
        "number",
        "submitted_at",
        "submitted_by",
        "decision",
        "decided_at",
        "decided_by",
        "reason",
    )


class DocumentInline(ReadOnlyInline):
    model = PartnerDocument
    fields = readonly_fields = ("kind", "original_name", "size", "pages", "uploaded_by", "uploaded_at")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    """Read-mostly: decisions go through the review page or the approve action (same services)."""

    list_display = ["company_name", "member_type", "status", "super_admin", "submitted_at", "review_link"]
    list_filter = ["status", "member_type", "system"]
    search_fields = ["company_name", "super_admin__email", "pic_name"]
    list_select_related = ["super_admin"]
    readonly_fields = [
        "status",
        "super_admin",
        "business_certificate",
        "company_profile",
        "terms_version",
        "terms_accepted_at",
        "shops_saved_at",
        "submitted_at",
        "created_at",
        "updated_at",
    ]
    inlines = [MemberInline, DocumentInline, RoundInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["approve_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # partners register themselves

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Review"))
    def review_link(self, partner: Partner) -> str:
        return format_html('<a href="{}">{}</a>', reverse("review:detail", args=[partner.pk]), gettext("Review page"))

    @admin.action(description=_("Approve the selected submitted applications"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet[Partner]) -> None:
        approved = 0
        for partner in queryset:
            try:
                services.application_approve(partner=partner, actor=actor_of(request))
            except DomainError as error:
                self.message_user(request, f"{partner}: {error}", messages.ERROR)
            else:
                approved += 1
        if approved:
            self.message_user(
                request, gettext("Approved {count} application(s).").format(count=approved), messages.SUCCESS
            )


@admin.register(TermsVersion)
class TermsVersionAdmin(admin.ModelAdmin):
    """Staff publish a new version by adding it; a published version is never edited."""

    list_display = ["version", "published_at", "published_by"]
    fields = ["version", "body"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: TermsVersion, form: Any, change: bool) -> None:
        published = services.terms_publish(version=obj.version, body=obj.body, actor=actor_of(request))
        obj.pk = published.pk
        obj.published_at = published.published_at


@admin.register(CompanyChange)
class CompanyChangeAdmin(admin.ModelAdmin):
    """Read-only: staff decide on the review page, which calls the services."""

    list_display = ["partner", "status", "requested_by", "requested_at", "decided_by", "review_link"]
    list_filter = ["status"]
    search_fields = ["partner__company_name"]
    list_select_related = ["partner", "requested_by", "decided_by"]
    readonly_fields = [field.name for field in CompanyChange._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Review"))
    def review_link(self, obj: CompanyChange) -> str:
        return format_html('<a href="{}">{}</a>', reverse("review:change", args=[obj.pk]), gettext("Open the review"))
