from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from console.lib.errors import DomainError

from .models import Shop, ShopLink
from .services import shop_link_remove, shop_link_resend, shop_links_expire


class KindFilter(admin.SimpleListFilter):
    """The catalogue by default; Testing Accounts' test shops only when asked for."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("test", "Test shops (Testing Account)")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Shop]) -> QuerySet[Shop]:
        return queryset.filter(is_test=self.value() == "test")


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    """The marketplace's catalogue. Read-mostly: it is loaded with `manage.py import_shops FILE.csv`."""

    list_display = ["shop_id", "name", "domain", "tier", "status", "owner_email", "updated_at"]
    list_filter = [KindFilter, "tier", "status"]
    search_fields = ["=shop_id", "name", "domain", "owner_email"]
    ordering = ["domain"]
    readonly_fields = ["created_at", "updated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # shop links refer to shops; close a shop instead


# --- ShopLink (the consent lifecycle). Read-only: every change goes through
# the same services as the partner's pages, via the actions below.


@admin.register(ShopLink)
class ShopLinkAdmin(admin.ModelAdmin):
    list_display = ["shop", "partner", "app", "status", "invited_at", "expires_at", "decided_at", "decided_ip"]
    list_filter = ["status"]
    search_fields = ["shop__domain", "shop__name", "shop__owner_email", "partner__company_name"]
    list_select_related = ["shop", "partner", "app"]
    readonly_fields = [field.name for field in ShopLink._meta.fields]
    actions = ["resend_invitation", "remove_link", "expire_overdue"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def _each(self, request: HttpRequest, queryset: QuerySet[ShopLink], action: str) -> None:
        done = 0
        actor = request.user if isinstance(request.user, User) else None
        for link in queryset:
            try:
                if action == "resend":
                    shop_link_resend(link=link, actor=actor)
                else:
                    shop_link_remove(link=link, actor=actor)
                done += 1
            except DomainError as error:
                self.message_user(request, str(error), messages.ERROR)
        self.message_user(request, gettext("{count} link(s) updated.").format(count=done))

    @admin.action(description=_("Send the consent invitation again"))
    def resend_invitation(self, request: HttpRequest, queryset: QuerySet[ShopLink]) -> None:
        self._each(request, queryset, "resend")

    @admin.action(description=_("Remove the link (tells the shop owner)"))
    def remove_link(self, request: HttpRequest, queryset: QuerySet[ShopLink]) -> None:
        self._each(request, queryset, "remove")

    @admin.action(description=_("Expire every overdue invitation now (as the beat task does)"))
    def expire_overdue(self, request: HttpRequest, queryset: QuerySet[ShopLink]) -> None:
        self.message_user(request, gettext("{count} invitation(s) expired.").format(count=shop_links_expire()))
