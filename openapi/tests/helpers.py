"""Alice's app with a shop linked to it, and tokens for it."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from django.test import Client

from apps_mgmt.models import App
from apps_mgmt.tests.factories import issue_app
from openapi.services import access_token_issue
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import Shop, ShopLink
from shops.tests.factories import ShopFactory


@dataclass
class Setup:
    app: App
    secret: str
    shop: Shop

    @property
    def basic(self) -> str:
        return "Basic " + base64.b64encode(f"{self.app.client_id}:{self.secret}".encode()).decode()

    def token(self) -> str:
        return access_token_issue(app=self.app).token

    def bearer(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token()}"}


def link_shop(app: App, shop: Shop | None = None) -> Shop:
    shop = shop or ShopFactory()
    ShopLink.objects.create(partner=app.partner, app=app, shop=shop, status=ShopLink.Status.ACTIVE)
    return shop


def partner_with_app(name: str = "Alice's app") -> Setup:
    partner = PartnerFactory(status=Partner.Status.ACTIVE)
    issued = issue_app(partner, name=name)
    return Setup(app=issued.app, secret=issued.client_secret, shop=link_shop(issued.app))


def token_status(client: Client, client_id: str, secret: str) -> int:
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return client.post("/token?grant_type=client_credentials", HTTP_AUTHORIZATION=f"Basic {basic}").status_code
