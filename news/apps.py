from __future__ import annotations

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "API news"

    def ready(self) -> None:
        from apps_mgmt.notices import register_app_notices
        from audit.labels import register_action_labels

        from .affected import deprecation_notices
        from .audit_actions import LABELS

        register_action_labels(LABELS)
        register_app_notices("news.deprecations", deprecation_notices)
