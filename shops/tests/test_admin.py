from __future__ import annotations

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from shops.models import ShopLink
from shops.tests.helpers import invited_partner

pytestmark = pytest.mark.django_db


def test_staff_resend_an_invitation_through_the_same_service(client: Client) -> None:
    _, links = invited_partner()
    old_nonce = links[0].invite_nonce
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get("/staff/admin/shops/shoplink/").status_code == 200
    response = client.post(
        "/staff/admin/shops/shoplink/", {"action": "resend_invitation", "_selected_action": [links[0].pk]}
    )
    assert response.status_code == 302
    link = ShopLink.objects.get(pk=links[0].pk)
    assert link.status == ShopLink.Status.INVITED and link.invite_nonce != old_nonce
