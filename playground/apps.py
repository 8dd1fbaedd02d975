from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    name = "playground"
    verbose_name = "API Playground"

    def ready(self) -> None:
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)

        from calllogs.entry_links import register_entry_link
        from openapi.reference_links import register_reference_link

        from .links import log_entry_links, reference_links

        # The API reference links each endpoint the playground offers, and so
        # does a Log History entry of a call to one of them.
        register_reference_link("playground", reference_links)
        register_entry_link("playground", log_entry_links)
