from __future__ import annotations

import pytest

from audit.models import AuditEvent
from partners.models import Partner
from partners.tests.factories import PartnerFactory
from shops.models import ShopLink
from shops.services import ShopLinkStateError, shop_link_transition, shop_links_invite_drafts
from shops.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def test_approval_invites_every_drafted_shop_for_the_consent_ttl(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SHOP_CONSENT_TTL = 3600
    alice = PartnerFactory(status=Partner.Status.APPROVED)
    for shop in ShopFactory.create_batch(3):
        ShopLink.objects.create(partner=alice, shop=shop)
    links = shop_links_invite_drafts(partner=alice, actor=None)
    assert {link.status for link in ShopLink.objects.filter(partner=alice)} == {ShopLink.Status.INVITED}
    assert all((link.expires_at - link.invited_at).total_seconds() == 3600 for link in links)  # type: ignore[operator]
    assert AuditEvent.objects.filter(partner=alice, action="shop_link.invited").count() == 3


def test_it_refuses_a_transition_the_lifecycle_does_not_allow() -> None:
    link = ShopLink.objects.create(partner=PartnerFactory(), shop=ShopFactory(), status=ShopLink.Status.ACTIVE)
    with pytest.raises(ShopLinkStateError, match="can't become invited"):
        shop_link_transition(link=link, status=ShopLink.Status.INVITED, actor=None)
    link.refresh_from_db()
    assert link.status == ShopLink.Status.ACTIVE
