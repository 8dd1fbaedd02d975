"""An imported legacy app's shop mappings, brought along as active links.

apps_mgmt claims the app and sends `app_imported`; shops/apps.py connects
this service to it, so the links commit in the same transaction as the claim.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.models import User
from apps_mgmt.models import App
from apps_mgmt.signals import LegacyShops
from audit.services import audit_record
from shops.models import Shop, ShopLink


def shop_links_from_legacy(*, app: App, shop_ids: list[int], actor: User | None, now: datetime) -> LegacyShops:
    """The legacy app's shop mappings, as active links for this partner and app.

    The shops consented to this app before the console existed, so no new
    consent is asked. A shop already actively linked (to anyone) keeps that link.
    """
    shops = Shop.objects.filter(is_test=False).in_bulk([int(shop_id) for shop_id in shop_ids], field_name="shop_id")
    taken_by = dict(
        ShopLink.objects.filter(shop__in=shops.values(), status=ShopLink.Status.ACTIVE).values_list(
            "shop_id", "partner_id"
        )
    )
    result = LegacyShops()
    for shop_id in shop_ids:
        shop = shops.get(int(shop_id))
        if shop is None:
            result.skipped.append((int(shop_id), gettext("not in the shop catalogue")))
            continue
        if shop.pk in taken_by:
            why = (
                gettext("already linked to your account")
                if taken_by[shop.pk] == app.partner_id
                else gettext("linked to another partner")
            )
            result.skipped.append((shop.shop_id, why))
            continue
        try:
            with transaction.atomic():  # another partner may win the shop meanwhile
                link = ShopLink.objects.create(
                    partner=app.partner, app=app, shop=shop, status=ShopLink.Status.ACTIVE, decided_at=now
                )
        except IntegrityError:
            result.skipped.append((shop.shop_id, gettext("linked to another partner")))
            continue
        audit_record(
            actor=actor,
            action="shop_link.active",
            target=link,
            partner=app.partner,
            data={"shop_id": shop.shop_id, "domain": shop.domain, "from": "legacy_import"},
            fs_id=app.fs_id,
        )
        result.linked.append(shop.shop_id)
    return result
