"""Alice's active account with an app, one shop linked to it with its sandbox data; Bob on her team."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from accounts.models import User
from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from partners.models import Partner, PartnerMember
from partners.tests.factories import PartnerFactory, add_member
from sandbox.data import sandbox_shops_generate
from shops.models import Shop, ShopLink
from shops.tests.factories import ShopFactory


@dataclass
class Alice:
    app: App
    secret: str
    shop: Shop
    user: User
    bob: User  # a Developer on her team
    viewer: User

    def client(self, user: User | None = None) -> Client:
        client = Client()
        client.force_login(user or self.user)
        return client

    @property
    def page(self) -> str:
        return f"/apps/{self.app.fs_id}/playground/"


def alices_account() -> Alice:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    issued = issue_app(partner)
    shop = ShopFactory(name="Toko Alice")
    ShopLink.objects.create(partner=partner, app=issued.app, shop=shop, status=ShopLink.Status.ACTIVE)
    sandbox_shops_generate(shops=[shop])
    bob = add_member(partner, role=PartnerMember.Role.DEVELOPER).user
    viewer = add_member(partner, role=PartnerMember.Role.VIEWER).user
    return Alice(issued.app, issued.client_secret, shop, partner.super_admin, bob, viewer)


@pytest.fixture
def alice(db: None) -> Alice:
    return alices_account()
