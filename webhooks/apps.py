from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # The outbox stands below this app: it sends webhooks through the
        # channel registered here.
        from audit.labels import register_action_labels
        from outbox import channels

        from .audit_actions import LABELS
        from .channel import WebhookChannel

        channels.register(WebhookChannel())
        register_action_labels(LABELS)
