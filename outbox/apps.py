from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Outbox"

    def ready(self) -> None:
        from . import channels, tasks  # noqa: F401 - registers the tasks services nudge by name

        channels.register(channels.EmailChannel())
