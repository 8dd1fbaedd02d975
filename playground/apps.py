from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    name = "playground"
    verbose_name = "API Playground"

    def ready(self) -> None:
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)
