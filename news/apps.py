from __future__ import annotations

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "API news"

    def ready(self) -> None:
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)
