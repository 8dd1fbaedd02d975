from __future__ import annotations

from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Teams"

    def ready(self) -> None:
        from accounts.signals import sign_in_refused
        from audit.labels import register_action_labels

        from . import audit_actions, receivers

        sign_in_refused.connect(receivers.audit_refused_sign_in, dispatch_uid="teams.audit_refused_sign_in")
        register_action_labels(audit_actions.LABELS)
