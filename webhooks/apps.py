from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        # The outbox stands below this app: it sends webhooks through the
        # channel registered here.
        from outbox import channels

        from .channel import WebhookChannel

        channels.register(WebhookChannel())
