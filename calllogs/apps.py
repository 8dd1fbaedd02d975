from __future__ import annotations

from django.apps import AppConfig


class CallLogsConfig(AppConfig):
    name = "calllogs"
    verbose_name = "Log History"
    default_auto_field = "django.db.models.BigAutoField"
