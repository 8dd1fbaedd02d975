from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class ShopsConfig(AppConfig):
    name = "shops"
    verbose_name = "Shops"

    def ready(self) -> None:
        # apps_mgmt stands below shops and can't call it: it signals instead.
        from apps_mgmt.signals import app_deleted, app_imported
        from audit.labels import register_action_labels

        from .audit_actions import LABELS

        register_action_labels(LABELS)

        app_deleted.connect(_free_the_deleted_apps_shops, dispatch_uid="shops.app_deleted")
        app_imported.connect(_bring_the_legacy_shops_along, dispatch_uid="shops.app_imported")


def _free_the_deleted_apps_shops(sender: Any, *, app: Any, actor: Any, **kwargs: Any) -> int:
    from .services import shop_links_remove_for_app

    return shop_links_remove_for_app(app=app, actor=actor)


def _bring_the_legacy_shops_along(
    sender: Any, *, app: Any, shop_ids: list[int], actor: Any, now: Any, **kwargs: Any
) -> Any:
    from .services.legacy import shop_links_from_legacy

    return shop_links_from_legacy(app=app, shop_ids=shop_ids, actor=actor, now=now)
