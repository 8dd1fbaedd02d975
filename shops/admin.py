from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Shop


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    """The marketplace's catalogue. Read-mostly: it is loaded with `manage.py import_shops FILE.csv`."""

    list_display = ["shop_id", "name", "domain", "tier", "status", "owner_email", "updated_at"]
    list_filter = ["tier", "status"]
    search_fields = ["=shop_id", "name", "domain", "owner_email"]
    ordering = ["domain"]
    readonly_fields = ["created_at", "updated_at"]

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # shop links refer to shops; close a shop instead
