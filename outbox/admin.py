from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "key", "status", "attempts", "due_at", "created_at", "finished_at"]
    list_filter = ["channel", "status"]
    search_fields = ["key", "last_error"]
    readonly_fields = [field.name for field in Message._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send again (finished messages)")
    def resend(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        count = services.messages_resend(messages=list(queryset))
        self.message_user(request, f"{count} message(s) will be sent again.")
