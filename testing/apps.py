from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class TestingConfig(AppConfig):
    name = "testing"
    verbose_name = "Testing Account"

    def ready(self) -> None:
        # apps_mgmt stands below testing and can't call it: it signals instead.
        from apps_mgmt.signals import app_deleted
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)
        app_deleted.connect(_remove_the_deleted_apps_test_accounts, dispatch_uid="testing.app_deleted")


def _remove_the_deleted_apps_test_accounts(sender: Any, *, app: Any, actor: Any, **kwargs: Any) -> int:
    from .services import testing_accounts_remove_for_app

    return testing_accounts_remove_for_app(app=app, actor=actor)
