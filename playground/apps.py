from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    name = "playground"
    verbose_name = "API Playground"

    def ready(self) -> None:
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)

        from django.utils.translation import gettext

        from openapi.reference_links import ReferenceLink, register_reference_link

        from .templatetags.playground import playground_link

        def try_it(operation_id: str) -> ReferenceLink | None:
            url = playground_link(operation_id)
            return ReferenceLink(gettext("Try it in the API Playground"), url) if url else None

        # The API reference links each endpoint the playground offers.
        register_reference_link("playground", try_it)
