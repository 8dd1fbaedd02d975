from django.apps import AppConfig


class AppsMgmtConfig(AppConfig):
    name = "apps_mgmt"
    verbose_name = "Apps management"

    def ready(self) -> None:
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)
