"""Staff views of apps and the legacy registry: read-mostly, with actions that call the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from console.lib.errors import DomainError

from . import services
from .models import App, LegacyApp


@admin.register(App)
class AppAdmin(admin.ModelAdmin):
    list_display = ["partner", "fs_id", "name", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "=fs_id", "client_id", "partner__company_name"]
    list_select_related = ["partner"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "partner",
        "fs_id",
        "name",
        "description",
        "client_id",
        "status",
        "secret_hint",
        "previous_secret_expires_at",
        "ip_whitelist",
        "created_at",
        "updated_at",
    ]
    exclude = ["previous_secret_digest"]
    actions = ["suspend", "reinstate"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # apps are created by partners (or registration), never by hand

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deletion is a status, kept for the audit trail

    def _apply(self, request: HttpRequest, queryset: QuerySet[App], action: Any, done: str) -> None:
        count = 0
        for app in queryset:
            try:
                action(app=app, actor=request.user, reason="Staff action in the admin")
            except DomainError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                count += 1
        if count:
            message = (
                ngettext("{count} app suspended.", "{count} apps suspended.", count)
                if done == "suspended"
                else ngettext("{count} app reinstated.", "{count} apps reinstated.", count)
            )
            self.message_user(request, message.format(count=count), messages.SUCCESS)

    @admin.action(description=_("Suspend selected apps (their tokens stop working at once)"))
    def suspend(self, request: HttpRequest, queryset: QuerySet[App]) -> None:
        self._apply(request, queryset, services.app_suspend, "suspended")

    @admin.action(description=_("Reinstate selected apps"))
    def reinstate(self, request: HttpRequest, queryset: QuerySet[App]) -> None:
        self._apply(request, queryset, services.app_reinstate, "reinstated")


class LegacyAppForm(forms.ModelForm):
    client_secret = forms.CharField(
        label=_("Client Secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Stored only as a keyed hash. Required for a new app; leave empty to keep the current one."),
    )
    shop_ids_text = forms.CharField(
        label=_("Shop IDs"),
        required=False,
        help_text=_("The marketplace shop ids this app managed, separated by spaces or commas."),
    )

    class Meta:
        model = LegacyApp
        fields = ["fs_id", "client_id", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shop_ids_text"].initial = " ".join(str(shop_id) for shop_id in self.instance.shop_ids)

    def clean_shop_ids_text(self) -> list[int]:
        raw = self.cleaned_data["shop_ids_text"].replace(",", " ").replace(";", " ").split()
        if not all(part.isdigit() for part in raw):
            raise forms.ValidationError(gettext("Shop IDs are numbers, e.g. 10001 10002."))
        return [int(part) for part in raw]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.instance.pk and not cleaned.get("client_secret"):
            self.add_error("client_secret", "A new legacy app needs its Client Secret.")
        fs_id = self.instance.fs_id if self.instance.pk else cleaned.get("fs_id")
        if fs_id is not None and cleaned.get("client_id"):
            try:
                services.legacy_app_ids_check(fs_id=fs_id, client_id=cleaned["client_id"], own_pk=self.instance.pk)
            except DomainError as error:
                raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(LegacyApp)
class LegacyAppAdmin(admin.ModelAdmin):
    form = LegacyAppForm
    list_display = ["fs_id", "client_id", "name", "claimed_by", "claimed_at"]
    list_filter = [("claimed_at", admin.EmptyFieldListFilter)]
    search_fields = ["=fs_id", "client_id", "name"]
    list_select_related = ["claimed_by"]
    readonly_fields = ["secret_hint", "claimed_by", "claimed_app", "claimed_at", "created_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: LegacyApp | None = None) -> list[str]:
        if obj is not None:  # the App ID is the row's identity (see legacy_app_save)
            return [*self.readonly_fields, "fs_id"]
        return list(self.readonly_fields)

    # A claimed app is the partner's now: staff can look, not change.
    def has_change_permission(self, request: HttpRequest, obj: LegacyApp | None = None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or not obj.is_claimed)

    def has_delete_permission(self, request: HttpRequest, obj: LegacyApp | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or not obj.is_claimed)

    def save_model(self, request: HttpRequest, obj: LegacyApp, form: forms.ModelForm, change: bool) -> None:
        saved, _ = services.legacy_app_save(
            fs_id=obj.fs_id if change else form.cleaned_data["fs_id"],
            client_id=form.cleaned_data["client_id"],
            name=form.cleaned_data["name"],
            shop_ids=form.cleaned_data["shop_ids_text"],
            client_secret=form.cleaned_data["client_secret"],
            actor=request.user,  # type: ignore[arg-type]
        )
        obj.pk = saved.pk
