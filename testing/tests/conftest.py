from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from sandbox.models import SandboxProduct
from testing import services
from testing.models import Buyer, SellerShop
from webhooks.services import webhook_endpoints_register
from webhooks.tests.receiver import Receiver, receiver


@dataclass
class Alice:
    """Alice's app with a test seller, a test buyer, and a client signed in as her."""

    app: App
    secret: str
    seller: SellerShop
    buyer: Buyer
    client: Client

    @property
    def user(self) -> Any:
        return self.app.partner.super_admin

    def product(self, index: int = 0) -> SandboxProduct:
        return list(
            SandboxProduct.objects.filter(shop=self.seller.shop, status=1, parent__isnull=False).order_by("product_id")
        )[index]

    def url(self, rest: str = "") -> str:
        return f"/apps/{self.app.fs_id}/testing/{rest}"


def make_alice(name: str = "Alice's app") -> Alice:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    issued = issue_app(partner, name=name)
    seller = services.testing_seller_create(app=issued.app, actor=partner.super_admin)
    buyer = services.testing_buyer_create(app=issued.app, actor=partner.super_admin)
    client = Client()
    client.force_login(partner.super_admin)
    return Alice(app=issued.app, secret=issued.client_secret, seller=seller, buyer=buyer, client=client)


@pytest.fixture
def alice(db: None) -> Alice:
    return make_alice()


@pytest.fixture
def hook(settings: Any) -> Iterator[Receiver]:
    """A receiver on loopback (allowed only with private targets allowed)."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with receiver() as state:
        yield state


def register_every_event(app: App, url: str) -> None:
    from webhooks.events import Event

    webhook_endpoints_register(app=app, urls={event.value: f"{url}/{event.value}" for event in Event}, actor=None)


@pytest.fixture
def alice_tx(transactional_db: None) -> Alice:
    """Alice's setup committed, for a worker thread to see."""
    return make_alice()
