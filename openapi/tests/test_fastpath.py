from __future__ import annotations

from openapi import fastpath
from openapi.models import AccessToken
from openapi.selectors import app_shops
from openapi.tokens import token_digest
from shops.tests.factories import ShopFactory

from .helpers import Setup


def test_the_token_lookup_matches_the_orm(alice: Setup) -> None:
    alice.app.ip_whitelist = ["10.0.0.0/8"]
    alice.app.save()
    token = alice.token()
    fast = fastpath.token_with_app(token_digest(token))
    orm = AccessToken.objects.select_related("app").get(digest=token_digest(token))
    for name in ["id", "app_id", "scope", "created_at", "expires_at", "revoked_at"]:
        assert getattr(fast, name) == getattr(orm, name), name
    for name in ["id", "partner_id", "fs_id", "name", "client_id", "status", "ip_whitelist", "description"]:
        assert getattr(fast.app, name) == getattr(orm.app, name), name
    assert fast.is_active() and fast.app.ip_allowed("10.1.2.3")
    assert fastpath.token_with_app("0" * 64) is None


def test_the_shop_lookup_matches_the_orm(alice: Setup, charlie: Setup) -> None:
    fast = fastpath.linked_shop(alice.app.pk, alice.shop.shop_id)
    orm = app_shops(alice.app).get(shop_id=alice.shop.shop_id)
    assert [getattr(fast, f.attname) for f in orm._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in orm._meta.concrete_fields
    ]
    assert fastpath.linked_shop(alice.app.pk, charlie.shop.shop_id) is None
    assert fastpath.linked_shop(alice.app.pk, ShopFactory().shop_id) is None


def test_the_client_lookup_matches_the_orm(alice: Setup) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from apps_mgmt.models import App

    App.objects.filter(pk=alice.app.pk).update(
        previous_secret_digest="ab" * 32, previous_secret_expires_at=timezone.now() + timedelta(hours=1)
    )
    fast = fastpath.app_by_client_id(alice.app.client_id)
    orm = App.objects.get(pk=alice.app.pk)
    assert [getattr(fast, f.attname) for f in orm._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in orm._meta.concrete_fields
    ]
    assert fast.check_secret(alice.secret)
    assert fastpath.app_by_client_id("nobody") is None
