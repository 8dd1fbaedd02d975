from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Attempt, Delivery, Endpoint


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    list_display = ["app", "event", "url", "disabled_at", "failing_since"]
    list_filter = ["event"]
    search_fields = ["url", "app__name", "app__fs_id"]
    readonly_fields = ["app", "event", "url", "failing_since", "disabled_at", "disabled_reason", "updated_at"]
    actions = ["enable"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Re-enable the selected endpoints"))
    def enable(self, request: HttpRequest, queryset: QuerySet[Endpoint]) -> None:
        for endpoint in queryset.exclude(disabled_at=None):
            services.webhook_endpoint_enable(endpoint=endpoint, actor=request.user)  # type: ignore[arg-type]
        self.message_user(request, gettext("Re-enabled."))


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = ["at", "ok", "status_code", "latency_ms", "error"]
    readonly_fields = ["at", "ok", "status_code", "latency_ms", "error"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["webhook_id", "app", "event", "url", "created_at", "is_test"]
    list_filter = ["event", "is_test"]
    search_fields = ["webhook_id", "app__fs_id", "url"]
    readonly_fields = ["message", "app", "endpoint", "event", "url", "webhook_id", "is_test", "created_at"]
    inlines = [AttemptInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
