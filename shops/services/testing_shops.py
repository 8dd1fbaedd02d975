"""Test shops: a Testing Account's sandbox shop, linked to its app from the start.

testing/ decides when one is opened or closed; the Shop and ShopLink rows are
written here, with the shops area's other writes. A test shop's owner is a
test seller with no inbox: no consent is asked and no email is ever sent.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from apps_mgmt.models import App
from audit.services import audit_record
from shops.models import Shop, ShopLink


def testing_shop_open(
    *, app: App, shop_id: int, name: str, domain: str, owner_id: int, owner_email: str, actor: User | None
) -> Shop:
    """A new test shop in the catalogue, actively linked to `app` at once."""
    with transaction.atomic():
        shop = Shop.objects.create(
            shop_id=shop_id,
            name=name,
            domain=domain,
            tier=Shop.Tier.OFFICIAL_STORE,
            status=Shop.Status.OPEN,
            owner_id=owner_id,
            owner_email=owner_email,
            is_test=True,
        )
        link = ShopLink.objects.create(
            partner=app.partner, app=app, shop=shop, status=ShopLink.Status.ACTIVE, decided_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="shop_link.active",
            target=link,
            partner=app.partner,
            data={"shop_id": shop.shop_id, "domain": shop.domain, "from": "testing_account"},
            fs_id=app.fs_id,
        )
    return shop


def testing_shops_close(*, shops: list[Shop]) -> int:
    """Delete test shops with their links, and (by cascade) their sandbox products and orders."""
    test_shops = [shop for shop in shops if shop.is_test]
    with transaction.atomic():
        ShopLink.objects.filter(shop__in=test_shops).delete()
        deleted, _ = Shop.objects.filter(pk__in=[shop.pk for shop in test_shops], is_test=True).delete()
    return len(test_shops) if deleted else 0
