from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    # Enough to see at a glance which email is stuck and why (an SMTP server down, a refused recipient).
    list_display = ["id", "channel", "summary", "status", "attempts", "last_error", "due_at", "created_at"]
    list_filter = ["channel", "status"]
    search_fields = ["key", "last_error"]
    readonly_fields = [field.name for field in Message._meta.fields]
    actions = ["resend"]

    @admin.display(description="to / key")
    def summary(self, message: Message) -> str:
        if message.channel == "email":
            return f"{', '.join(message.payload.get('to', []))}: {message.payload.get('subject', '')}"
        return message.key

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send again (finished messages)"))
    def resend(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        count = services.messages_resend(messages=list(queryset))
        self.message_user(request, gettext("{count} message(s) will be sent again.").format(count=count))
