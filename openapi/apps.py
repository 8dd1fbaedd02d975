from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class OpenApiConfig(AppConfig):
    name = "openapi"
    verbose_name = "Open API"

    def ready(self) -> None:
        # apps_mgmt stands below the Open API and can't call it: it signals instead.
        from apps_mgmt.signals import app_suspended

        app_suspended.connect(_revoke_the_suspended_apps_tokens, dispatch_uid="openapi.app_suspended")


def _revoke_the_suspended_apps_tokens(sender: Any, *, app: Any, actor: Any, **kwargs: Any) -> int:
    from .services import access_tokens_revoke

    return access_tokens_revoke(app=app, actor=actor)
