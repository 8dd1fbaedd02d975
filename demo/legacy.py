"""Demo rows for `manage.py seed_demo`: a few legacy apps a person can import."""

from __future__ import annotations

from collections.abc import Callable

from apps_mgmt.models import LegacyApp
from apps_mgmt.services import legacy_app_save
from shops.models import Shop, ShopLink

# Demo credentials, printed by seed_demo: they only exist in a DEBUG demo database.
DEMO_LEGACY_APPS = (
    (13_001_001, "legacy-demo-client-0001", "legacy-demo-secret-0001-try-importing-me", "Legacy Order Sync"),
    (13_001_002, "legacy-demo-client-0002", "legacy-demo-secret-0002-try-importing-me", "Legacy Stock Updater"),
    (13_001_003, "legacy-demo-client-0003", "legacy-demo-secret-0003-try-importing-me", "Legacy Chat Bot"),
)


def seed_legacy_apps(write: Callable[[str], None]) -> None:
    """Create the demo legacy apps once (never touching them again), each mapped to an
    eligible catalogue shop that no partner manages yet, when there is one."""
    free_shops = list(
        Shop.objects.filter(status=Shop.Status.OPEN, is_test=False)
        .exclude(tier=Shop.Tier.REGULAR_MERCHANT)
        .exclude(links__status=ShopLink.Status.ACTIVE)
        .order_by("-shop_id")
        .values_list("shop_id", flat=True)[: len(DEMO_LEGACY_APPS)]
    )
    write("Legacy apps to try Import App with (App ID / Client ID / Client Secret):")
    for index, (fs_id, client_id, secret, name) in enumerate(DEMO_LEGACY_APPS):
        existing = LegacyApp.objects.filter(fs_id=fs_id).first()
        if existing is None:
            shop_ids = [free_shops[index]] if index < len(free_shops) else []
            existing, _ = legacy_app_save(
                fs_id=fs_id, client_id=client_id, name=name, shop_ids=shop_ids, client_secret=secret, actor=None
            )
        state = f"claimed by {existing.claimed_by}" if existing.is_claimed else "unclaimed"
        write(f"  {fs_id} / {client_id} / {secret}  ({name}, {state})")
