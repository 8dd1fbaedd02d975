from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from console.lib.errors import DomainError

from .models import Invitation
from .services import invitation_revoke


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations change through the team's services (the Revoke action calls one)."""

    list_display = ["email", "role", "partner", "status", "invited_by", "created_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email", "partner__company_name"]
    list_select_related = ["partner", "invited_by"]
    readonly_fields = [field.name for field in Invitation._meta.fields if field.name != "nonce"]
    exclude = ["nonce"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected pending invitations"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        assert isinstance(request.user, User)
        done = 0
        for invitation in queryset.filter(status=Invitation.Status.PENDING).select_related("partner"):
            try:
                invitation_revoke(invitation=invitation, actor=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, f"{invitation.email}: {error}", messages.ERROR)
        self.message_user(request, gettext("Revoked {count} invitation(s).").format(count=done))
